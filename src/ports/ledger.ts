import type { Actor, AttemptKind, RefundAttempt } from '../domain/attempt';
import type { CurrencyCode } from '../domain/currency';
import type { AttemptId, IdempotencyKey, TransactionRef } from '../domain/ids';
import type { PaymentProviderName, RefundReason } from '../domain/refund-reason';
import type { ProviderOutcome } from './payment-provider';

export interface AttemptRequest {
  readonly id: AttemptId;
  readonly transaction: TransactionRef;
  readonly kind: AttemptKind;
  /** 'remaining' = everything still refundable, computed under the lock */
  readonly amount: bigint | 'remaining';
  readonly currency: CurrencyCode;
  readonly paidMinor: bigint;
  /** the actor's per-refund cap, or null */
  readonly maxMinor: bigint | null;
  readonly reason: RefundReason;
  readonly note: string | null;
  readonly requestedBy: Actor;
  readonly idempotencyKey: IdempotencyKey;
  /** a digest of the request body: the same key with another body is refused */
  readonly fingerprint: string;
  readonly provider: PaymentProviderName;
  readonly providerTransactionId: string;
}

export type ReserveResult =
  /**
   * isFullAmount: the attempt returns everything paid and nothing was refunded or is in flight before it;
   * before: what the transaction's other attempts held when this one was reserved.
   */
  | {
      readonly kind: 'created';
      readonly attempt: RefundAttempt;
      readonly isFullAmount: boolean;
      readonly before: { readonly refundedMinor: bigint; readonly inFlightMinor: bigint };
    }
  | { readonly kind: 'replayed'; readonly attempt: RefundAttempt }
  | { readonly kind: 'key_reused'; readonly attempt: RefundAttempt }
  | { readonly kind: 'exceeds_refundable'; readonly refundableMinor: bigint }
  | { readonly kind: 'exceeds_limit'; readonly maxMinor: bigint }
  | { readonly kind: 'nothing_refundable' }
  /** the record's currency differs from that of earlier refunds: amounts can no longer be compared */
  | { readonly kind: 'currency_changed' };

export interface OutboxJob {
  readonly id: string;
  readonly transaction: TransactionRef;
  readonly attemptId: AttemptId;
  readonly tries: number;
  /** the attempt's timeline note, once one was written */
  readonly noteId: string | null;
}

export interface Ledger {
  /**
   * Under a per-transaction lock: replays a known idempotency key, otherwise checks the amount against
   * paid − Σ(succeeded + pending + unknown) and the actor's cap, and commits a `pending` attempt.
   */
  reserveAttempt(request: AttemptRequest): Promise<ReserveResult>;
  /** Applies the provider outcome through the transition table and queues the CRM projection, atomically. */
  completeAttempt(id: AttemptId, outcome: ProviderOutcome, at: Date): Promise<RefundAttempt>;
  listAttempts(transaction: TransactionRef): Promise<RefundAttempt[]>;
  /** The payment as last seen when an attempt was reserved, or null before the first attempt. */
  paymentOf(transaction: TransactionRef): Promise<{ paidMinor: bigint; currency: CurrencyCode } | null>;
  /** `unknown` and `pending` attempts created before `createdBefore`, oldest first: the ones a lookup may settle. */
  listUnresolved(createdBefore: Date, limit: number, transaction?: TransactionRef): Promise<RefundAttempt[]>;
  recordNoteId(id: AttemptId, noteId: string): Promise<void>;
  noteIdOf(id: AttemptId): Promise<string | null>;
  /** Jobs due now, oldest first; claimed for `leaseMs` so that two workers do not deliver one job twice at once. */
  claimOutbox(now: Date, limit: number, leaseMs: number, transaction?: TransactionRef): Promise<OutboxJob[]>;
  completeOutbox(jobId: string): Promise<void>;
  retryOutbox(jobId: string, nextAt: Date, error: string): Promise<void>;
  outboxBacklog(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
