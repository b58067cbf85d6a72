import type { RefundAttempt } from '../domain/attempt';
import type { CurrencyCode } from '../domain/currency';
import type { DisputeRefunds } from '../domain/dispute';
import type { TransactionRef } from '../domain/ids';
import type { RefundReason } from '../domain/refund-reason';
import { formatMinor } from '../domain/money';
import type { ViewerLimits } from '../domain/refund-decision';
import { refundableMinor, refundStatusOf, type RefundStatus } from '../domain/refund-status';
import type { PaymentState } from '../ports/ledger';
import type { TransactionWarning } from './see-payment';

/** The JSON shapes of the public contract (design §7): every amount a decimal string in its currency. */
export interface TransactionView {
  readonly objectType: string;
  readonly objectId: string;
  readonly provider: string;
  readonly providerTransactionId: string;
  readonly currency: CurrencyCode;
  readonly amount: string;
  readonly refunded: string;
  readonly refundable: string;
  readonly refundStatus: RefundStatus;
  readonly warnings: readonly TransactionWarning[];
  /** the customer disputed the payment: since when, and what its provider still refunds */
  readonly dispute: { readonly openedAt: string; readonly refunds: DisputeRefunds } | null;
}

export interface PersonView {
  readonly userId: string;
  readonly name: string | null;
  readonly email: string | null;
}

export interface AttemptView {
  readonly id: string;
  readonly kind: RefundAttempt['kind'];
  readonly origin: RefundAttempt['origin'];
  readonly amount: string;
  readonly currency: CurrencyCode;
  readonly status: RefundAttempt['status'];
  readonly reason: RefundAttempt['reason'];
  readonly note: string | null;
  readonly requestedBy: PersonView | null;
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly providerRefundId: string | null;
  readonly failure: { readonly code: string; readonly message: string } | null;
  /** why it needed approval (which limit), when it did */
  readonly approvalReason: string | null;
  readonly approval: { readonly decidedBy: PersonView; readonly decidedAt: string; readonly note: string | null } | null;
  readonly expiresAt: string | null;
}

export interface ViewerView {
  readonly canRefund: boolean;
  /** a void (cancel the whole unsettled payment) is possible now: Authorize.net and NMI only */
  readonly canVoid: boolean;
  readonly canApprove: boolean;
  /** amounts above it need approval; null when none do */
  readonly approvalAbove: string | null;
  /** who can approve, in words */
  readonly approvalBy: string | null;
  /** the most the viewer may request, approval included; null = up to what is refundable */
  readonly maxRefundAmount: string | null;
  /** what the viewer may still refund today without approval; null without a daily limit */
  readonly dailyRemaining: string | null;
  /** the reasons that need a note (the policy's requireNoteFor) */
  readonly noteRequiredFor: readonly RefundReason[];
  readonly denyReason: string | null;
}

export function presentTransaction(ref: TransactionRef, payment: PaymentState, warnings: readonly TransactionWarning[] = []): TransactionView {
  const format = (minor: bigint) => formatMinor(minor, payment.currency);
  return {
    objectType: ref.objectType,
    objectId: ref.objectId,
    provider: payment.key.provider,
    providerTransactionId: payment.key.providerTransactionId,
    currency: payment.currency,
    amount: format(payment.totals.paidMinor),
    refunded: format(payment.totals.refundedMinor),
    refundable: format(refundableMinor(payment.totals)),
    refundStatus: refundStatusOf(payment.totals),
    warnings,
    dispute: payment.dispute ? { openedAt: payment.dispute.openedAt.toISOString(), refunds: payment.dispute.refunds } : null,
  };
}

function person(actor: { userId: string; name?: string; email?: string }): PersonView {
  return { userId: actor.userId, name: actor.name ?? null, email: actor.email ?? null };
}

/** Operator detail (provider codes, request ids) stays in the ledger and the logs, not in this view. */
export function presentAttempt(attempt: RefundAttempt): AttemptView {
  return {
    id: attempt.id,
    kind: attempt.kind,
    origin: attempt.origin,
    amount: formatMinor(attempt.amountMinor, attempt.currency),
    currency: attempt.currency,
    status: attempt.status,
    reason: attempt.reason,
    note: attempt.note,
    requestedBy: attempt.requestedBy ? person(attempt.requestedBy) : null,
    createdAt: attempt.createdAt.toISOString(),
    completedAt: attempt.completedAt?.toISOString() ?? null,
    providerRefundId: attempt.providerRefundId,
    failure: attempt.failure ? { code: attempt.failure.code, message: attempt.failure.message } : null,
    approvalReason: attempt.approvalReason,
    approval: attempt.approval ? { decidedBy: person(attempt.approval.decidedBy), decidedAt: attempt.approval.decidedAt.toISOString(), note: attempt.approval.note } : null,
    expiresAt: attempt.expiresAt?.toISOString() ?? null,
  };
}

export function presentViewer(
  limits: ViewerLimits,
  currency: CurrencyCode,
  extra: { canVoid: boolean; approvalBy: string | null; noteRequiredFor: readonly RefundReason[] },
): ViewerView {
  const format = (minor: bigint | null) => (minor === null ? null : formatMinor(minor, currency));
  return {
    canRefund: limits.canRefund,
    canVoid: extra.canVoid,
    canApprove: limits.canApprove,
    approvalAbove: format(limits.approvalAboveMinor),
    approvalBy: limits.approvalAboveMinor === null ? null : extra.approvalBy,
    maxRefundAmount: format(limits.maxRefundMinor),
    dailyRemaining: format(limits.dailyRemainingMinor),
    noteRequiredFor: extra.noteRequiredFor,
    denyReason: limits.denyReason,
  };
}
