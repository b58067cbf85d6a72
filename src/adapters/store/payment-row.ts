import { type AttemptStatus } from '../../domain/attempt';
import { toCurrencyCode } from '../../domain/currency';
import type { DisputeRefunds } from '../../domain/dispute';
import { paymentId, type TransactionRef } from '../../domain/ids';
import type { PaymentProviderName, RefundReason } from '../../domain/refund-reason';
import type { PaymentState } from '../../ports/ledger';

export interface PaymentRow {
  id: string;
  provider: PaymentProviderName;
  provider_transaction_id: string;
  currency: string;
  paid_minor: bigint;
  paid_source: 'record' | 'provider';
  card_last4: string | null;
  refunded_minor: bigint;
  voided_minor: bigint;
  in_flight_minor: bigint;
  held_minor: bigint;
  refund_count: number;
  last_refund_at: Date | null;
  last_refund_reason: RefundReason | null;
  last_attempt_status: AttemptStatus | null;
  next_expiry_at: Date | null;
  disputed_at: Date | null;
  dispute_refunds: DisputeRefunds | null;
  seq: bigint;
}

const COLUMNS = [
  'id', 'provider', 'provider_transaction_id', 'currency', 'paid_minor', 'paid_source', 'card_last4', 'refunded_minor', 'voided_minor',
  'in_flight_minor', 'held_minor', 'refund_count', 'last_refund_at', 'last_refund_reason', 'last_attempt_status', 'next_expiry_at',
  'disputed_at', 'dispute_refunds', 'seq',
] as const satisfies readonly (keyof PaymentRow)[];

export const PAYMENT_COLUMNS = COLUMNS.join(', ');

export function paymentColumnsAs(table: string, prefix: string): string {
  return COLUMNS.map((column) => `${table}.${column} AS ${prefix}${column}`).join(', ');
}

export function paymentFromRow(row: PaymentRow): PaymentState {
  const currency = toCurrencyCode(row.currency);
  if (!currency) throw new Error(`payment ${row.id} has an unknown currency ${row.currency}`);
  return {
    id: paymentId(row.id),
    key: { provider: row.provider, providerTransactionId: row.provider_transaction_id },
    currency,
    paidSource: row.paid_source,
    cardLast4: row.card_last4,
    totals: {
      paidMinor: row.paid_minor,
      refundedMinor: row.refunded_minor,
      voidedMinor: row.voided_minor,
      inFlightMinor: row.in_flight_minor,
      heldMinor: row.held_minor,
    },
    refundCount: Number(row.refund_count),
    lastRefundAt: row.last_refund_at,
    lastRefundReason: row.last_refund_reason,
    lastAttemptStatus: row.last_attempt_status,
    nextExpiryAt: row.next_expiry_at,
    dispute: row.disputed_at ? { openedAt: row.disputed_at, refunds: row.dispute_refunds ?? 'allowed' } : null,
    seq: BigInt(row.seq),
  };
}

/** The records of a payment as aggregated by SQL: ["deals/1001", …]. */
export function recordsFromArray(values: readonly string[] | null): TransactionRef[] {
  return (values ?? []).map((value) => {
    const slash = value.indexOf('/');
    return { objectType: value.slice(0, slash), objectId: value.slice(slash + 1) };
  });
}
