import { formatMinor } from '../../domain/money';
import { refundStatusOf } from '../../domain/refund-status';
import type { RefundProperties } from '../../ports/crm-records';
import type { PaymentState } from '../../ports/ledger';

/**
 * The record's refund properties, from the payment's running totals (design §7): the same on every record
 * that points at the payment, and writing them again is harmless.
 */
export function refundPropertiesOf(payment: PaymentState): RefundProperties {
  return {
    refund_status: refundStatusOf(payment.totals),
    refunded_amount: formatMinor(payment.totals.refundedMinor, payment.currency),
    refund_count: String(payment.refundCount),
    last_refund_at: payment.lastRefundAt?.toISOString() ?? '',
    last_refund_reason: payment.lastRefundReason ?? '',
    last_refund_attempt_status: payment.lastAttemptStatus ?? '',
  };
}
