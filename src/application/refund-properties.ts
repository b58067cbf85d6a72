import type { RefundAttempt } from '../domain/attempt';
import type { CurrencyCode } from '../domain/currency';
import { formatMinor } from '../domain/money';
import { refundStatusOf, totalsOf } from '../domain/refund-status';
import type { RefundProperties } from '../ports/crm-records';

/**
 * The record's refund properties, derived from the whole ledger of the transaction, so that writing
 * them again is harmless. `attempts` newest first, as the ledger lists them.
 */
export function refundPropertiesOf(paidMinor: bigint, currency: CurrencyCode, attempts: readonly RefundAttempt[]): RefundProperties {
  const totals = totalsOf(paidMinor, attempts);
  const succeeded = attempts.filter((attempt) => attempt.status === 'succeeded');
  const lastSucceeded = succeeded[0];
  return {
    refund_status: refundStatusOf(totals),
    refunded_amount: formatMinor(totals.refundedMinor, currency),
    refund_count: String(succeeded.length),
    last_refund_at: (lastSucceeded?.completedAt ?? lastSucceeded?.createdAt)?.toISOString() ?? '',
    last_refund_reason: lastSucceeded?.reason ?? '',
    last_refund_attempt_status: attempts[0]?.status ?? '',
  };
}
