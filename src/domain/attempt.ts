import type { CurrencyCode } from './currency';
import type { AttemptId, HubSpotUserId, IdempotencyKey, TransactionRef } from './ids';
import type { PaymentProviderName, RefundReason } from './refund-reason';

export const ATTEMPT_STATUSES = ['pending', 'succeeded', 'failed', 'unknown'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export const ATTEMPT_KINDS = ['refund', 'void'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

/** What the provider said, kept for the rep (message) and for the operator (detail). */
export interface AttemptFailure {
  readonly code: string;
  readonly message: string;
  readonly detail?: Readonly<Record<string, string>>;
}

export interface Actor {
  readonly userId: HubSpotUserId;
  readonly email?: string;
  readonly name?: string;
}

export interface RefundAttempt {
  readonly id: AttemptId;
  readonly transaction: TransactionRef;
  readonly kind: AttemptKind;
  readonly amountMinor: bigint;
  readonly currency: CurrencyCode;
  readonly status: AttemptStatus;
  readonly reason: RefundReason;
  readonly note: string | null;
  readonly requestedBy: Actor;
  readonly idempotencyKey: IdempotencyKey;
  readonly provider: PaymentProviderName;
  readonly providerTransactionId: string;
  readonly providerRefundId: string | null;
  readonly failure: AttemptFailure | null;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

/**
 * The attempt lifecycle (design §3). `pending` covers both "sent, no answer yet" and a provider that
 * answered "pending" (settles later); `unknown` is a timeout or a lost answer, resolved by a lookup.
 * `unknown → pending` is ours, beyond the design: a lookup that finds the refund still processing at the
 * provider knows more than "unknown". Nothing leaves `succeeded` or `failed`.
 */
const TRANSITIONS: Readonly<Record<AttemptStatus, readonly AttemptStatus[]>> = {
  pending: ['succeeded', 'failed', 'unknown'],
  unknown: ['succeeded', 'failed', 'pending'],
  succeeded: [],
  failed: [],
};

export function canTransition(from: AttemptStatus, to: AttemptStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isFinal(status: AttemptStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** Statuses whose amount is no longer refundable: money that has left or may have left. */
export function holdsAmount(status: AttemptStatus): boolean {
  switch (status) {
    case 'pending':
    case 'succeeded':
    case 'unknown':
      return true;
    case 'failed':
      return false;
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}
