import type { PaymentToReconcile, ProviderReports, RefundListing, RefundReport } from '../../../ports/provider-reports';
import { type PayPalContext, callPayPal, isSuccess } from './paypal-call';
import { refundReportOf } from './paypal-events';
import { getRefundRequest } from './paypal-mapping';

/** Payments v2 has no list of a capture's refunds (schema capture-2: no refunds, no refunded total). */
export const PAYPAL_NO_REFUND_LIST =
  "PayPal lists no refunds of a capture: refunds made in PayPal reach this app through its webhooks only (PAYMENT.CAPTURE.REFUNDED), not through reconciliation";

/** The refunds this app knows the id of, read again: a late failure, a pending refund that settled. */
export function payPalReports(context: PayPalContext): ProviderReports {
  return { refundsOf: (payment, signal) => refundsOf(context, payment, signal) };
}

async function refundsOf(context: PayPalContext, payment: PaymentToReconcile, signal: AbortSignal): Promise<RefundListing> {
  const reports: RefundReport[] = [];
  for (const attempt of payment.attempts) {
    if (attempt.kind !== 'refund' || attempt.providerRefundId === null) continue;
    const answer = await callPayPal(context, signal, getRefundRequest(attempt.providerRefundId));
    if (answer.kind !== 'response' || !isSuccess(answer.status)) return { kind: 'unavailable', reason: `PayPal did not show refund ${attempt.providerRefundId}` };
    const report = refundReportOf(answer.body, payment.providerTransactionId);
    if (report) reports.push(report);
  }
  return { kind: 'partial', refunds: reports, missing: PAYPAL_NO_REFUND_LIST };
}
