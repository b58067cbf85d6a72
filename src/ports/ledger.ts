import type { Actor, ApprovalDecision, AttemptKind, AttemptStatus, RefundAttempt } from '../domain/attempt';
import type { CurrencyCode } from '../domain/currency';
import type { Dispute } from '../domain/dispute';
import type { AppError } from '../domain/errors';
import type { AttemptId, HubSpotUserId, IdempotencyKey, PaymentId, PaymentKey, TransactionRef } from '../domain/ids';
import type { RefundReason } from '../domain/refund-reason';
import type { RefundTotals } from '../domain/refund-status';
import type { OutboxJob } from './crm-outbox';
import type { AttemptMark } from './provider-reports';
import type { ProviderOutcome } from './payment-provider';

/** A payment as the ledger keeps it: fixed amount paid, running totals, what it last saw (design §3). */
export interface PaymentState {
  readonly id: PaymentId;
  readonly key: PaymentKey;
  readonly currency: CurrencyCode;
  /** `record`: the amount a CRM record gave when the payment was first seen; `provider`: the provider's own figure */
  readonly paidSource: 'record' | 'provider';
  readonly cardLast4: string | null;
  readonly totals: RefundTotals;
  /** succeeded refunds */
  readonly refundCount: number;
  readonly lastRefundAt: Date | null;
  readonly lastRefundReason: RefundReason | null;
  /** the status of the payment's newest attempt */
  readonly lastAttemptStatus: AttemptStatus | null;
  /** the earliest expiry of a request awaiting approval */
  readonly nextExpiryAt: Date | null;
  /** the customer disputed the payment, and what its provider still allows */
  readonly dispute: Dispute | null;
  /** bumped with every change of the totals: a CRM write knows whether it wrote the latest */
  readonly seq: bigint;
}

/** What a CRM record says about its payment when it is read. */
export interface PaymentSighting {
  readonly key: PaymentKey;
  readonly record: TransactionRef;
  readonly currency: CurrencyCode;
  readonly recordAmountMinor: bigint;
  readonly cardLast4: string | null;
}

export interface AttemptDraft {
  readonly id: AttemptId;
  readonly kind: AttemptKind;
  /** 'remaining' = everything still refundable, computed under the lock */
  readonly amount: bigint | 'remaining';
  readonly reason: RefundReason;
  readonly note: string | null;
  readonly requestedBy: Actor;
  readonly idempotencyKey: IdempotencyKey;
  /** a digest of the request body: the same key with another body is refused */
  readonly fingerprint: string;
}

/** What the policy decides on, read under the payment's lock (and the refunder's, for daily totals). */
export interface ReservationState {
  readonly payment: PaymentState;
  readonly amountMinor: bigint;
  /** the refunder's own refunds of the window that did not need approval, in this currency (0 when not asked) */
  readonly usedTodayMinor: bigint;
  /** this payment's declined attempts since `declinesSince` */
  readonly recentDeclines: number;
}

export type Verdict =
  | { readonly kind: 'send' }
  | { readonly kind: 'hold'; readonly expiresAt: Date; readonly request: Readonly<Record<string, string>> }
  | { readonly kind: 'refuse'; readonly error: AppError };

export interface ReserveOptions {
  /** sum the refunder's unapproved refunds in the payment's currency since then, under a per-refunder lock */
  readonly daily: { readonly userId: HubSpotUserId; readonly since: Date } | null;
  readonly declinesSince: Date;
}

export type ReserveResult =
  /** isFullAmount: the attempt returns everything paid and nothing else was refunded, in flight or held */
  | { readonly kind: 'created'; readonly attempt: RefundAttempt; readonly payment: PaymentState; readonly isFullAmount: boolean; readonly delivery: OutboxJob | null }
  | { readonly kind: 'replayed'; readonly attempt: RefundAttempt; readonly payment: PaymentState }
  | { readonly kind: 'key_reused'; readonly attempt: RefundAttempt }
  | { readonly kind: 'exceeds_refundable'; readonly refundableMinor: bigint }
  | { readonly kind: 'nothing_refundable' }
  /** the record's currency is not the payment's: amounts cannot be compared */
  | { readonly kind: 'currency_changed'; readonly paymentCurrency: CurrencyCode }
  | { readonly kind: 'refused'; readonly error: AppError };

/** How an attempt moves on, and who says so. */
export type AttemptChange =
  /** what a provider answered or reported: the sender, the resolver, a webhook, reconciliation */
  | { readonly kind: 'outcome'; readonly outcome: ProviderOutcome }
  /** awaiting_approval → pending, if the payment still has room for it */
  | { readonly kind: 'approve'; readonly decision: ApprovalDecision }
  | { readonly kind: 'reject'; readonly decision: ApprovalDecision }
  | { readonly kind: 'cancel'; readonly decision: ApprovalDecision }
  | { readonly kind: 'expire' };

export type ChangeResult =
  | {
      readonly kind: 'changed';
      readonly from: AttemptStatus;
      readonly attempt: RefundAttempt;
      readonly payment: PaymentState;
      /** the CRM write queued for it, claimed for the caller when asked to deliver it inline */
      readonly delivery: OutboxJob | null;
      /** asked to deliver it inline, but another write of the attempt is under way: the write waits for that one */
      readonly writeWaits: boolean;
    }
  /** the same status again with nothing new: nothing written */
  | { readonly kind: 'unchanged'; readonly attempt: RefundAttempt; readonly payment: PaymentState }
  /** the transition table does not allow it from where the attempt is */
  | { readonly kind: 'not_allowed'; readonly attempt: RefundAttempt; readonly payment: PaymentState }
  | { readonly kind: 'no_longer_fits'; readonly attempt: RefundAttempt; readonly refundableMinor: bigint }
  | { readonly kind: 'not_found' };

/** How a provider's report names the attempt it is about. */
export interface AttemptMatch {
  readonly mark: AttemptMark | null;
  readonly providerRefundId: string;
  readonly kind: AttemptKind;
}

/** A refund or void made outside the app (in the provider's dashboard), as the ledger records it. */
export interface OutsideRefund {
  readonly kind: AttemptKind;
  readonly amountMinor: bigint;
  readonly providerRefundId: string;
  readonly status: 'succeeded' | 'pending';
  readonly reason: RefundReason;
  /** when the provider made it; null: now */
  readonly createdAt: Date | null;
}

export type OutsideRefundResult =
  | { readonly kind: 'recorded'; readonly attempt: RefundAttempt; readonly payment: PaymentState; readonly delivery: OutboxJob | null }
  /** recorded before: a repeated report */
  | { readonly kind: 'known'; readonly attempt: RefundAttempt }
  /** no CRM record points at the payment: nothing to attach it to */
  | { readonly kind: 'no_record' };

export interface RecentCursor {
  readonly at: Date;
  readonly id: string;
}

export interface RecentPayments {
  readonly payments: readonly PaymentState[];
  readonly next: RecentCursor | null;
}

export interface AttemptPage {
  readonly attempts: readonly RefundAttempt[];
  /** pass it back for the older ones; null when there are none */
  readonly nextCursor: string | null;
}

export interface Ledger {
  /**
   * Records a sighting of the payment (first sight fixes its amount) and returns it, without locking.
   * Requests awaiting approval that are past their expiry are expired first.
   */
  seePayment(sighting: PaymentSighting, now: Date): Promise<PaymentState>;
  /** Replaces the amount paid with the provider's own figure. */
  recordProviderAmount(paymentId: PaymentId, paidMinor: bigint, now: Date): Promise<PaymentState>;
  findPayment(key: PaymentKey): Promise<PaymentState | null>;
  /**
   * Under the payment's lock (and the refunder's, for daily totals): replays a known idempotency key,
   * resolves the amount, asks `judge` with the state read under the locks, and commits the attempt as
   * `pending` (send) or `awaiting_approval` (hold), or nothing (refuse).
   */
  reserveAttempt(sighting: PaymentSighting, draft: AttemptDraft, options: ReserveOptions, judge: (state: ReservationState) => Verdict): Promise<ReserveResult>;
  /**
   * Moves an attempt through the transition table, keeps the payment's totals and queues its CRM write,
   * in one statement. `deliverInline`: the queued write is claimed for the caller, who delivers it now.
   * `lookupRecovers`: a provider's answer to our own request, which a lookup can learn again: the store may
   * trade durability in a database crash for speed (the attempt then stays in flight and is resolved).
   */
  changeAttempt(id: AttemptId, change: AttemptChange, at: Date, options?: { readonly deliverInline?: boolean; readonly lookupRecovers?: boolean }): Promise<ChangeResult>;
  findAttempt(id: AttemptId): Promise<{ attempt: RefundAttempt; payment: PaymentState } | null>;
  /** A payment's attempts, newest first. */
  listAttempts(paymentId: PaymentId, page: { readonly limit: number; readonly cursor?: string | null }): Promise<AttemptPage>;
  /** The user's own refunds since `since` in `currency` that did not need approval (succeeded, pending, unknown). */
  usedSince(userId: HubSpotUserId, currency: CurrencyCode, since: Date): Promise<bigint>;
  /** Requests awaiting approval, oldest first, with their payments (without those `excludeRequester` asked for). */
  listAwaitingApproval(page: { readonly limit: number; readonly cursor?: string | null; readonly excludeRequester?: HubSpotUserId }): Promise<{ items: { attempt: RefundAttempt; payment: PaymentState }[]; nextCursor: string | null }>;
  /** Expires requests whose time ran out (their CRM writes queued for the worker); returns how many. */
  expireDue(now: Date, limit: number, paymentId?: PaymentId): Promise<number>;
  /** `unknown` and `pending` attempts created before `createdBefore`, oldest first: the ones a lookup may settle. */
  listUnresolved(createdBefore: Date, limit: number, paymentId?: PaymentId): Promise<RefundAttempt[]>;
  /** The attempt of this payment a provider's report is about, or null: then the refund was made outside the app. */
  matchAttempt(paymentId: PaymentId, match: AttemptMatch): Promise<RefundAttempt | null>;
  /** Records a refund made outside the app once (unique by provider and provider refund id); its CRM write claimed for the caller. */
  recordOutsideRefund(payment: PaymentState, refund: OutsideRefund, at: Date): Promise<OutsideRefundResult>;
  /** Marks the payment disputed (or changes what the provider allows); null when nothing changed. */
  markDisputed(paymentId: PaymentId, dispute: Dispute, at: Date): Promise<PaymentState | null>;
  /** Payments created or changed since `since`, oldest change first: what reconciliation compares with the providers. */
  recentPayments(since: Date, limit: number, after: RecentCursor | null): Promise<RecentPayments>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
