import type { RefundAttempt } from '../../domain/attempt';
import type { Dispute } from '../../domain/dispute';
import type { PaymentId } from '../../domain/ids';
import type { AttemptMatch, OutsideRefund, OutsideRefundResult, PaymentState, RecentCursor, RecentPayments } from '../../ports/ledger';
import { ATTEMPT_COLUMNS, type AttemptRow, attemptColumnsAs, attemptFromRow, unprefixed } from './attempt-row';
import type { SqlExecutor } from './database';
import { outboxJobOf } from './outbox-row';
import { PAYMENT_COLUMNS, type PaymentRow, paymentColumnsAs, paymentFromRow } from './payment-row';
import { CRM_WRITE_LEASE_MS } from '../../ports/crm-outbox';
import { IN_FLIGHT, RETURNED } from './status-sql';

/**
 * The attempt of a payment a provider's report is about: the one its mark names (our attempt id, or Authorize.net's
 * token of it), else the one holding its refund id, else, for a void, the payment's own void on its way or done.
 */
const MATCH_SQL = `
SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts
WHERE payment_id = $1 AND (
  id::text = $2
  OR left(replace(id::text, '-', ''), 20) = $3
  OR (provider_refund_id = $4 AND kind = $5)
  OR ($5 = 'void' AND kind = 'void' AND origin = 'app' AND status IN ('pending', 'unknown', 'succeeded')))
ORDER BY CASE WHEN id::text = $2 OR left(replace(id::text, '-', ''), 20) = $3 THEN 0 WHEN provider_refund_id = $4 THEN 1 ELSE 2 END, created_at DESC
LIMIT 1`;

export async function matchAttempt(db: SqlExecutor, paymentId: PaymentId, match: AttemptMatch): Promise<RefundAttempt | null> {
  const mark = match.mark;
  const [row] = await db.query<AttemptRow>(MATCH_SQL, [
    paymentId,
    mark?.kind === 'attempt_id' ? mark.attemptId.toLowerCase() : null,
    mark?.kind === 'attempt_token' ? mark.token.toLowerCase() : null,
    match.providerRefundId,
    match.kind,
  ]);
  return row ? attemptFromRow(row) : null;
}

const share = (set: string, kind?: 'refund' | 'void') => `(CASE WHEN ${kind ? `c.kind = '${kind}' AND ` : ''}c.status IN ${set} THEN c.amount_minor ELSE 0 END)`;

/**
 * A refund or void made outside the app, in one statement: the attempt (origin `provider`, no requester, on the record
 * that last pointed at the payment), its first event, the payment's running totals, and its CRM write claimed for the
 * caller. Nothing when the provider refund is already recorded: unique by provider and provider refund id.
 */
const OUTSIDE_SQL = `
WITH rec AS (SELECT object_type, object_id FROM payment_records WHERE payment_id = $2 ORDER BY seen_at DESC, object_type, object_id LIMIT 1),
created AS (
  INSERT INTO refund_attempts (id, payment_id, object_type, object_id, kind, origin, amount_minor, currency, status, reason, note,
    requested_by_user_id, idempotency_key, fingerprint, provider, provider_transaction_id, provider_refund_id, needed_approval,
    created_at, updated_at, completed_at)
  SELECT $1, p.id, rec.object_type, rec.object_id, $3, 'provider', $4, p.currency, $5, $6, NULL, NULL, 'provider-refund:' || $7, 'provider',
    p.provider, p.provider_transaction_id, $7, false, $8, $9, CASE WHEN $5 IN ${RETURNED} THEN $9::timestamptz END
  FROM payments p, rec WHERE p.id = $2
  ON CONFLICT DO NOTHING
  RETURNING *),
ev AS (
  INSERT INTO attempt_events (attempt_id, from_status, to_status, at, detail)
  SELECT id, NULL, status, updated_at, '{"origin":"provider"}'::jsonb FROM created),
pay AS (
  UPDATE payments p SET
    refunded_minor = p.refunded_minor + ${share(RETURNED, 'refund')},
    voided_minor = p.voided_minor + ${share(RETURNED, 'void')},
    in_flight_minor = p.in_flight_minor + ${share(IN_FLIGHT)},
    refund_count = p.refund_count + (CASE WHEN c.kind = 'refund' AND c.status IN ${RETURNED} THEN 1 ELSE 0 END),
    last_refund_at = CASE WHEN c.kind = 'refund' AND c.status IN ${RETURNED} THEN GREATEST(p.last_refund_at, c.completed_at) ELSE p.last_refund_at END,
    last_refund_reason = CASE WHEN c.kind = 'refund' AND c.status IN ${RETURNED} AND (p.last_refund_at IS NULL OR c.completed_at >= p.last_refund_at)
      THEN c.reason ELSE p.last_refund_reason END,
    last_attempt_id = CASE WHEN p.last_attempt_id IS NULL OR c.created_at >= (SELECT x.created_at FROM refund_attempts x WHERE x.id = p.last_attempt_id)
      THEN c.id ELSE p.last_attempt_id END,
    last_attempt_status = CASE WHEN p.last_attempt_id IS NULL OR c.created_at >= (SELECT x.created_at FROM refund_attempts x WHERE x.id = p.last_attempt_id)
      THEN c.status ELSE p.last_attempt_status END,
    seq = p.seq + 1, updated_at = $9
  FROM created c WHERE p.id = c.payment_id
  RETURNING p.*),
ob AS (
  INSERT INTO crm_outbox (object_type, object_id, attempt_id, payment_id, next_attempt_at, created_at, tries, try_open)
  SELECT object_type, object_id, id, payment_id, $10, updated_at, 1, true FROM created RETURNING id, tries)
SELECT ${attemptColumnsAs('created', 'a_')}, ${paymentColumnsAs('pay', 'p_')}, (SELECT id FROM ob) AS job_id, (SELECT tries FROM ob) AS job_tries,
  (SELECT array_agg(r.object_type || '/' || r.object_id ORDER BY r.object_type, r.object_id) FROM payment_records r WHERE r.payment_id = created.payment_id) AS records
FROM created, pay`;

export async function recordOutsideRefund(db: SqlExecutor, id: string, payment: PaymentState, refund: OutsideRefund, at: Date): Promise<OutsideRefundResult> {
  const [row] = await db.query<Record<string, unknown> & { job_id: bigint | null; job_tries: number | null; records: string[] | null }>(OUTSIDE_SQL, [
    id, payment.id, refund.kind, refund.amountMinor.toString(), refund.status, refund.reason, refund.providerRefundId, refund.createdAt ?? at, at,
    new Date(at.getTime() + CRM_WRITE_LEASE_MS),
  ]);
  if (!row) {
    const [known] = await db.query<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts WHERE provider = $1 AND provider_refund_id = $2 AND origin = 'provider'`, [
      payment.key.provider,
      refund.providerRefundId,
    ]);
    return known ? { kind: 'known', attempt: attemptFromRow(known) } : { kind: 'no_record' };
  }
  const attempt = attemptFromRow(unprefixed<AttemptRow>(row, 'a_')!);
  const after = paymentFromRow(unprefixed<PaymentRow>(row, 'p_')!);
  return { kind: 'recorded', attempt, payment: after, delivery: row.job_id === null ? null : outboxJobOf(row.job_id, row.job_tries ?? 1, attempt, null, after, row.records) };
}

export async function markDisputed(db: SqlExecutor, paymentId: PaymentId, dispute: Dispute, at: Date): Promise<PaymentState | null> {
  const [row] = await db.query<PaymentRow>(
    `UPDATE payments SET disputed_at = COALESCE(disputed_at, $2), dispute_refunds = $3, seq = seq + 1, updated_at = $4
     WHERE id = $1 AND (disputed_at IS NULL OR dispute_refunds IS DISTINCT FROM $3) RETURNING ${PAYMENT_COLUMNS}`,
    [paymentId, dispute.openedAt, dispute.refunds, at],
  );
  return row ? paymentFromRow(row) : null;
}

/** Payments created or changed since `since`, oldest change first, after the keyset `after` (index payments_recent). */
export async function recentPayments(db: SqlExecutor, since: Date, limit: number, after: RecentCursor | null): Promise<RecentPayments> {
  const rows = await db.query<PaymentRow & { updated_at: Date }>(
    `SELECT ${PAYMENT_COLUMNS}, updated_at FROM payments WHERE updated_at >= $1 AND ($2::timestamptz IS NULL OR (updated_at, id) > ($2, $3::uuid))
     ORDER BY updated_at, id LIMIT $4`,
    [since, after?.at ?? null, after?.id ?? null, limit],
  );
  const last = rows.at(-1);
  return { payments: rows.map(paymentFromRow), next: rows.length === limit && last ? { at: last.updated_at, id: last.id } : null };
}
