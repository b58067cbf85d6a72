import type { RefundAttempt } from '../domain/attempt';
import type { CurrencyCode } from '../domain/currency';
import { formatMinor } from '../domain/money';
import type { RefundPermission } from '../domain/policy';
import { type RefundTotals, refundableMinor, refundStatusOf, type RefundStatus, totalsOf } from '../domain/refund-status';
import type { Transaction } from './load-transaction';

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
}

export interface AttemptView {
  readonly id: string;
  readonly kind: RefundAttempt['kind'];
  readonly amount: string;
  readonly currency: CurrencyCode;
  readonly status: RefundAttempt['status'];
  readonly reason: RefundAttempt['reason'];
  readonly note: string | null;
  readonly requestedBy: { readonly userId: string; readonly name: string | null; readonly email: string | null };
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly providerRefundId: string | null;
  readonly failure: { readonly code: string; readonly message: string } | null;
}

export interface ViewerView {
  readonly canRefund: boolean;
  /** a void (cancel the whole unsettled payment) is possible now: Authorize.net and NMI only */
  readonly canVoid: boolean;
  readonly maxRefundAmount: string | null;
  readonly denyReason: string | null;
}

export function presentTransaction(transaction: Transaction, attempts: readonly RefundAttempt[]): TransactionView {
  return presentTotals(transaction, totalsOf(transaction.paidMinor, attempts));
}

export function presentTotals(transaction: Transaction, totals: RefundTotals): TransactionView {
  const format = (minor: bigint) => formatMinor(minor, transaction.currency);
  return {
    objectType: transaction.ref.objectType,
    objectId: transaction.ref.objectId,
    provider: transaction.provider,
    providerTransactionId: transaction.providerTransactionId,
    currency: transaction.currency,
    amount: format(transaction.paidMinor),
    refunded: format(totals.refundedMinor),
    refundable: format(refundableMinor(totals)),
    refundStatus: refundStatusOf(totals),
  };
}

/** Operator detail (provider codes, request ids) stays in the ledger and the logs, not in this view. */
export function presentAttempt(attempt: RefundAttempt): AttemptView {
  return {
    id: attempt.id,
    kind: attempt.kind,
    amount: formatMinor(attempt.amountMinor, attempt.currency),
    currency: attempt.currency,
    status: attempt.status,
    reason: attempt.reason,
    note: attempt.note,
    requestedBy: { userId: attempt.requestedBy.userId, name: attempt.requestedBy.name ?? null, email: attempt.requestedBy.email ?? null },
    createdAt: attempt.createdAt.toISOString(),
    completedAt: attempt.completedAt?.toISOString() ?? null,
    providerRefundId: attempt.providerRefundId,
    failure: attempt.failure ? { code: attempt.failure.code, message: attempt.failure.message } : null,
  };
}

export function presentViewer(permission: RefundPermission, currency: CurrencyCode, canVoid: boolean): ViewerView {
  return {
    canRefund: permission.canRefund,
    canVoid,
    maxRefundAmount: permission.maxRefundMinor === null ? null : formatMinor(permission.maxRefundMinor, currency),
    denyReason: permission.denyReason,
  };
}
