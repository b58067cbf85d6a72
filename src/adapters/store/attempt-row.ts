import type { AttemptFailure, AttemptKind, AttemptStatus, RefundAttempt } from '../../domain/attempt';
import { toCurrencyCode } from '../../domain/currency';
import { attemptId, hubSpotUserId, idempotencyKey } from '../../domain/ids';
import type { PaymentProviderName, RefundReason } from '../../domain/refund-reason';

export interface AttemptRow {
  id: string;
  object_type: string;
  object_id: string;
  kind: AttemptKind;
  amount_minor: bigint;
  currency: string;
  status: AttemptStatus;
  reason: RefundReason;
  note: string | null;
  requested_by_user_id: string;
  requested_by_email: string | null;
  requested_by_name: string | null;
  idempotency_key: string;
  fingerprint: string;
  provider: PaymentProviderName;
  provider_transaction_id: string;
  provider_refund_id: string | null;
  failure_code: string | null;
  failure_message: string | null;
  failure_detail: Record<string, string> | null;
  created_at: Date;
  completed_at: Date | null;
}

export const ATTEMPT_COLUMNS = `id, object_type, object_id, kind, amount_minor, currency, status, reason, note,
  requested_by_user_id, requested_by_email, requested_by_name, idempotency_key, fingerprint, provider,
  provider_transaction_id, provider_refund_id, failure_code, failure_message, failure_detail, created_at, completed_at`;

export function attemptFromRow(row: AttemptRow): RefundAttempt {
  const currency = toCurrencyCode(row.currency);
  if (!currency) throw new Error(`ledger row ${row.id} has an unknown currency ${row.currency}`);
  const failure: AttemptFailure | null =
    row.failure_code !== null
      ? { code: row.failure_code, message: row.failure_message ?? '', ...(row.failure_detail ? { detail: row.failure_detail } : {}) }
      : null;
  return {
    id: attemptId(row.id),
    transaction: { objectType: row.object_type, objectId: row.object_id },
    kind: row.kind,
    amountMinor: row.amount_minor,
    currency,
    status: row.status,
    reason: row.reason,
    note: row.note,
    requestedBy: {
      userId: hubSpotUserId(row.requested_by_user_id),
      ...(row.requested_by_email ? { email: row.requested_by_email } : {}),
      ...(row.requested_by_name ? { name: row.requested_by_name } : {}),
    },
    idempotencyKey: idempotencyKey(row.idempotency_key),
    provider: row.provider,
    providerTransactionId: row.provider_transaction_id,
    providerRefundId: row.provider_refund_id,
    failure,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}
