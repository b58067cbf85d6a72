import type { CurrencyCode } from './currency';
import type { FailureCode } from './failure-code';
import type { AttemptId, HubSpotUserId, IdempotencyKey, PaymentId, TransactionRef } from './ids';
import type { PaymentProviderName, RefundReason } from './refund-reason';

export const ATTEMPT_STATUSES = ['awaiting_approval', 'pending', 'succeeded', 'failed', 'unknown', 'rejected', 'expired', 'canceled'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export const ATTEMPT_KINDS = ['refund', 'void'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

/** `app`: asked for here; `provider`: made in the provider's dashboard and learnt from it (design §3). */
export const ATTEMPT_ORIGINS = ['app', 'provider'] as const;
export type AttemptOrigin = (typeof ATTEMPT_ORIGINS)[number];

/** What the provider said, kept for the rep (message) and for the operator (detail). */
export interface AttemptFailure {
  readonly code: FailureCode;
  readonly message: string;
  readonly detail?: Readonly<Record<string, string>>;
}

export interface Actor {
  readonly userId: HubSpotUserId;
  readonly email?: string;
  readonly name?: string;
}

/** An approver's answer to a request: approved (then sent), rejected, or the requester's cancel. */
export interface ApprovalDecision {
  readonly decidedBy: Actor;
  readonly decidedAt: Date;
  readonly note: string | null;
}

export interface RefundAttempt {
  readonly id: AttemptId;
  readonly paymentId: PaymentId;
  /** the CRM record the attempt was made from (its timeline gets the note) */
  readonly transaction: TransactionRef;
  readonly kind: AttemptKind;
  readonly origin: AttemptOrigin;
  readonly amountMinor: bigint;
  readonly currency: CurrencyCode;
  readonly status: AttemptStatus;
  readonly reason: RefundReason;
  readonly note: string | null;
  /** null for a refund made outside the app */
  readonly requestedBy: Actor | null;
  readonly idempotencyKey: IdempotencyKey;
  readonly provider: PaymentProviderName;
  readonly providerTransactionId: string;
  readonly providerRefundId: string | null;
  readonly failure: AttemptFailure | null;
  /** the request went over a limit: it waited for an approver (and does not count toward the daily limit) */
  readonly neededApproval: boolean;
  /** why it needed approval, in words (which limit) */
  readonly approvalReason: string | null;
  readonly approval: ApprovalDecision | null;
  /** an unanswered request expires then */
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

/**
 * The attempt lifecycle (design §3). `pending` covers both "sent, no answer yet" and a provider that
 * answered "pending" (settles later); `unknown` is a timeout or a lost answer, resolved by a lookup.
 * `unknown → pending` is ours, beyond the design: a lookup that finds the refund still processing at the
 * provider knows more than "unknown". `succeeded → failed` is a late failure the provider reports.
 */
export const TRANSITIONS: Readonly<Record<AttemptStatus, readonly AttemptStatus[]>> = {
  awaiting_approval: ['pending', 'rejected', 'expired', 'canceled'],
  pending: ['succeeded', 'failed', 'unknown'],
  unknown: ['succeeded', 'failed', 'pending'],
  succeeded: ['failed'],
  failed: [],
  rejected: [],
  expired: [],
  canceled: [],
};

export function canTransition(from: AttemptStatus, to: AttemptStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses an attempt may be in for `to` to be recorded: its predecessors, and `to` itself while it can still move. */
export function statusesBefore(to: AttemptStatus): AttemptStatus[] {
  return ATTEMPT_STATUSES.filter((status) => canTransition(status, to) || (status === to && !isFinal(status)));
}

/** The attempt went to the provider: only these can take a provider's outcome (a request waits for an approver first). */
export function wasSent(status: AttemptStatus): boolean {
  switch (status) {
    case 'pending':
    case 'unknown':
    case 'succeeded':
    case 'failed':
      return true;
    case 'awaiting_approval':
    case 'rejected':
    case 'expired':
    case 'canceled':
      return false;
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** Nothing leaves these statuses. */
export function isFinal(status: AttemptStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** The provider gave its answer (a later report may still turn a success into a failure). */
export function isSettled(status: AttemptStatus): boolean {
  return status !== 'pending' && status !== 'unknown' && status !== 'awaiting_approval';
}

/** Which share of the payment an attempt in this status takes: gone, on its way, held for an approver, or none. */
export type AmountShare = 'returned' | 'in_flight' | 'held' | 'none';

export function shareOf(status: AttemptStatus): AmountShare {
  switch (status) {
    case 'succeeded':
      return 'returned';
    case 'pending':
    case 'unknown':
      return 'in_flight';
    case 'awaiting_approval':
      return 'held';
    case 'failed':
    case 'rejected':
    case 'expired':
    case 'canceled':
      return 'none';
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** Statuses whose amount is no longer refundable: money that has left, may have left, or is held for approval. */
export function holdsAmount(status: AttemptStatus): boolean {
  return shareOf(status) !== 'none';
}
