import type { Actor, AttemptFailure, AttemptKind, AttemptOrigin, AttemptStatus, RefundAttempt } from '../../domain/attempt';
import { toCurrencyCode } from '../../domain/currency';
import { isFailureCode } from '../../domain/failure-code';
import { attemptId, hubSpotUserId, idempotencyKey, paymentId } from '../../domain/ids';
import type { PaymentProviderName, RefundReason } from '../../domain/refund-reason';

export interface AttemptRow {
  id: string;
  payment_id: string;
  object_type: string;
  object_id: string;
  kind: AttemptKind;
  origin: AttemptOrigin;
  amount_minor: bigint;
  currency: string;
  status: AttemptStatus;
  reason: RefundReason;
  note: string | null;
  requested_by_user_id: string | null;
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
  needed_approval: boolean;
  approval_request: { message?: string } | null;
  expires_at: Date | null;
  decided_by_user_id: string | null;
  decided_by_email: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  card_last4: string | null;
  crm_note_id: string | null;
  created_at: Date;
  completed_at: Date | null;
}

const COLUMNS = [
  'id', 'payment_id', 'object_type', 'object_id', 'kind', 'origin', 'amount_minor', 'currency', 'status', 'reason', 'note',
  'requested_by_user_id', 'requested_by_email', 'requested_by_name', 'idempotency_key', 'fingerprint', 'provider',
  'provider_transaction_id', 'provider_refund_id', 'failure_code', 'failure_message', 'failure_detail', 'needed_approval', 'approval_request',
  'expires_at', 'decided_by_user_id', 'decided_by_email', 'decided_by_name', 'decided_at', 'decision_note', 'card_last4',
  'crm_note_id', 'created_at', 'completed_at',
] as const satisfies readonly (keyof AttemptRow)[];

export const ATTEMPT_COLUMNS = COLUMNS.join(', ');

/** "a.id AS a_id, …": an attempt's columns under a prefix, to sit beside another table's in one row. */
export function attemptColumnsAs(table: string, prefix: string): string {
  return COLUMNS.map((column) => `${table}.${column} AS ${prefix}${column}`).join(', ');
}

export function unprefixed<T>(row: Record<string, unknown>, prefix: string): T | null {
  if (row[`${prefix}id`] === null || row[`${prefix}id`] === undefined) return null;
  return Object.fromEntries(Object.entries(row).filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value])) as T;
}

function actor(userId: string | null, email: string | null, name: string | null): Actor | null {
  if (userId === null) return null;
  return { userId: hubSpotUserId(userId), ...(email ? { email } : {}), ...(name ? { name } : {}) };
}

export function attemptFromRow(row: AttemptRow): RefundAttempt {
  const currency = toCurrencyCode(row.currency);
  if (!currency) throw new Error(`ledger row ${row.id} has an unknown currency ${row.currency}`);
  const failure: AttemptFailure | null = row.failure_code !== null ? failureFromRow(row.failure_code, row.failure_message, row.failure_detail) : null;
  const decidedBy = actor(row.decided_by_user_id, row.decided_by_email, row.decided_by_name);
  return {
    id: attemptId(row.id),
    paymentId: paymentId(row.payment_id),
    transaction: { objectType: row.object_type, objectId: row.object_id },
    kind: row.kind,
    origin: row.origin,
    amountMinor: row.amount_minor,
    currency,
    status: row.status,
    reason: row.reason,
    note: row.note,
    requestedBy: actor(row.requested_by_user_id, row.requested_by_email, row.requested_by_name),
    idempotencyKey: idempotencyKey(row.idempotency_key),
    provider: row.provider,
    providerTransactionId: row.provider_transaction_id,
    providerRefundId: row.provider_refund_id,
    failure,
    neededApproval: row.needed_approval,
    approvalReason: row.approval_request?.message ?? null,
    approval: decidedBy && row.decided_at ? { decidedBy, decidedAt: row.decided_at, note: row.decision_note } : null,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

/** A code the union no longer names (a row older than a rename) is kept in the detail, under a code that says little. */
function failureFromRow(code: string, message: string | null, detail: Record<string, string> | null): AttemptFailure {
  if (isFailureCode(code)) return { code, message: message ?? '', ...(detail ? { detail } : {}) };
  return { code: 'provider_error', message: message ?? '', detail: { ...detail, recorded_code: code } };
}
