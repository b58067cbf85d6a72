import { type AttemptStatus, isSettled, statusesBefore, wasSent } from '../../domain/attempt';
import { assertNever } from '../../domain/assert-never';
import type { AttemptId } from '../../domain/ids';
import { CRM_WRITE_LEASE_MS } from '../../ports/crm-outbox';
import type { AttemptChange } from '../../ports/ledger';
import { attemptColumnsAs } from './attempt-row';
import { OTHER_NOTE_MAY_EXIST_SQL } from './outbox-row';
import { paymentColumnsAs } from './payment-row';
import { HELD, IN_FLIGHT, RETURNED } from './status-sql';


interface ChangeValues {
  readonly to: AttemptStatus;
  /** where the attempt may be for this change: provider outcomes move sent attempts, decisions and expiry requests */
  readonly from: readonly AttemptStatus[];
  readonly providerRefundId: string | null;
  readonly failure: { code: string; message: string; detail?: Readonly<Record<string, string>> } | null;
  readonly decision: { userId: string; email: string | null; name: string | null; at: Date; note: string | null } | null;
  /** approvals only: the payment must still have room for the held amount */
  readonly mustFit: boolean;
}

function valuesOf(change: AttemptChange): ChangeValues {
  const none = { providerRefundId: null, failure: null, decision: null, mustFit: false, from: ['awaiting_approval'] as const };
  const decision = (d: { decidedBy: { userId: string; email?: string; name?: string }; decidedAt: Date; note: string | null }) => ({
    userId: d.decidedBy.userId,
    email: d.decidedBy.email ?? null,
    name: d.decidedBy.name ?? null,
    at: d.decidedAt,
    note: d.note,
  });
  switch (change.kind) {
    case 'outcome': {
      const outcome = change.outcome;
      return {
        to: outcome.status,
        from: statusesBefore(outcome.status).filter(wasSent),
        providerRefundId: outcome.status === 'unknown' ? null : outcome.providerRefundId,
        failure: outcome.status === 'failed' || outcome.status === 'unknown' ? outcome.failure : null,
        decision: null,
        mustFit: false,
      };
    }
    case 'approve':
      return { ...none, to: 'pending', decision: decision(change.decision), mustFit: true };
    case 'reject':
      return { ...none, to: 'rejected', decision: decision(change.decision) };
    case 'cancel':
      return { ...none, to: 'canceled', decision: decision(change.decision) };
    case 'expire':
      return { ...none, to: 'expired' };
    default:
      return assertNever(change);
  }
}

/** The share of an amount a status takes, in SQL over the attempt's current status (`status`) or the new one (`$2`). */
const share = (status: string, set: string, kind?: 'refund' | 'void') =>
  `(CASE WHEN ${kind ? `c.kind = '${kind}' AND ` : ''}${status} IN ${set} THEN c.amount_minor ELSE 0 END)`;

/**
 * One statement, so one atomic step: lock the attempt, check the transition (and, for an approval, that the
 * payment still has room), update the attempt, move its amount between the payment's running totals, log
 * the event, and queue the CRM write (claimed for the caller when it delivers inline, unless another write of the
 * attempt is under way: the worker then takes it after that one). A late failure is the
 * payment's latest news: the record's last attempt status says so, whichever attempt came last. The same
 * settled status again with the same refund id (the sender recording what a webhook recorded first) is unchanged.
 */
const CHANGE_SQL = `
WITH c AS (SELECT * FROM refund_attempts WHERE id = $1 FOR UPDATE),
pay AS (
  UPDATE payments p SET
    refunded_minor = p.refunded_minor + ${share('$2', RETURNED, 'refund')} - ${share('c.status', RETURNED, 'refund')},
    voided_minor = p.voided_minor + ${share('$2', RETURNED, 'void')} - ${share('c.status', RETURNED, 'void')},
    in_flight_minor = p.in_flight_minor + ${share('$2', IN_FLIGHT)} - ${share('c.status', IN_FLIGHT)},
    held_minor = p.held_minor + ${share('$2', HELD)} - ${share('c.status', HELD)},
    refund_count = p.refund_count
      + (CASE WHEN c.kind = 'refund' AND $2 = 'succeeded' AND c.status <> 'succeeded' THEN 1 ELSE 0 END)
      - (CASE WHEN c.kind = 'refund' AND c.status = 'succeeded' AND $2 <> 'succeeded' THEN 1 ELSE 0 END),
    last_refund_at = CASE
      WHEN c.kind = 'refund' AND $2 = 'succeeded' AND c.status <> 'succeeded' THEN $4
      WHEN c.kind = 'refund' AND c.status = 'succeeded' AND $2 <> 'succeeded' THEN (SELECT max(COALESCE(x.completed_at, x.created_at))
        FROM refund_attempts x WHERE x.payment_id = p.id AND x.kind = 'refund' AND x.status = 'succeeded' AND x.id <> c.id)
      ELSE p.last_refund_at END,
    last_refund_reason = CASE
      WHEN c.kind = 'refund' AND $2 = 'succeeded' AND c.status <> 'succeeded' THEN c.reason
      WHEN c.kind = 'refund' AND c.status = 'succeeded' AND $2 <> 'succeeded' THEN (SELECT x.reason FROM refund_attempts x
        WHERE x.payment_id = p.id AND x.kind = 'refund' AND x.status = 'succeeded' AND x.id <> c.id ORDER BY COALESCE(x.completed_at, x.created_at) DESC LIMIT 1)
      ELSE p.last_refund_reason END,
    last_attempt_id = CASE WHEN c.status = 'succeeded' AND $2 = 'failed' THEN c.id ELSE p.last_attempt_id END,
    last_attempt_status = CASE WHEN p.last_attempt_id = c.id OR (c.status = 'succeeded' AND $2 = 'failed') THEN $2 ELSE p.last_attempt_status END,
    next_expiry_at = CASE WHEN c.status = 'awaiting_approval' AND $2 <> 'awaiting_approval' THEN (SELECT min(x.expires_at)
      FROM refund_attempts x WHERE x.payment_id = p.id AND x.status = 'awaiting_approval' AND x.id <> c.id) ELSE p.next_expiry_at END,
    seq = p.seq + 1,
    updated_at = $4
  FROM c
  WHERE p.id = c.payment_id AND c.status = ANY($3::text[])
    AND (NOT $14::boolean OR (p.voided_minor = 0 AND p.paid_minor >= p.refunded_minor + p.in_flight_minor + p.held_minor))
    AND NOT (c.status = $2 AND $2 IN ('succeeded', 'pending') AND c.provider_refund_id IS NOT DISTINCT FROM COALESCE($5, c.provider_refund_id))
  RETURNING p.*),
upd AS (
  UPDATE refund_attempts a SET status = $2, provider_refund_id = COALESCE($5, a.provider_refund_id),
    failure_code = $6, failure_message = $7, failure_detail = $8::jsonb, completed_at = $9, updated_at = $4,
    decided_by_user_id = COALESCE($10, a.decided_by_user_id), decided_by_email = COALESCE($11, a.decided_by_email),
    decided_by_name = COALESCE($12, a.decided_by_name), decided_at = COALESCE($13, a.decided_at),
    decision_note = CASE WHEN $10::text IS NULL THEN a.decision_note ELSE $15 END
  FROM c, pay WHERE a.id = c.id
  RETURNING a.*, c.status AS previous_status),
ev AS (
  INSERT INTO attempt_events (attempt_id, from_status, to_status, at, detail, actor_user_id, note)
  SELECT id, previous_status, $2, $4, $16::jsonb, $10, $15 FROM upd),
ob AS (
  INSERT INTO crm_outbox (object_type, object_id, attempt_id, payment_id, next_attempt_at, created_at, tries, try_open)
  SELECT object_type, object_id, id, payment_id, CASE WHEN inline THEN $17 ELSE $4 END, $4, CASE WHEN inline THEN 1 ELSE 0 END, inline
  FROM upd, LATERAL (SELECT $18 = 1 AND NOT EXISTS (SELECT 1 FROM crm_outbox w WHERE w.attempt_id = upd.id AND w.delivered_at IS NULL
    AND w.try_open AND w.next_attempt_at > $4) AS inline) i
  RETURNING id, tries)
SELECT c.status AS found_status, ${attemptColumnsAs('c', 'c_')}, ${attemptColumnsAs('upd', 'a_')}, ${paymentColumnsAs('pay', 'p_')}, ${paymentColumnsAs('pp', 'q_')},
  pp.paid_minor - pp.refunded_minor - pp.in_flight_minor - pp.held_minor + c.amount_minor AS room,
  pp.voided_minor AS voided, (SELECT id FROM ob) AS job_id, (SELECT tries FROM ob) AS job_tries,
  (SELECT array_agg(r.object_type || '/' || r.object_id ORDER BY r.object_type, r.object_id) FROM payment_records r WHERE r.payment_id = c.payment_id) AS records,
  ${OTHER_NOTE_MAY_EXIST_SQL('c.id', null)} AS note_may_exist
FROM c LEFT JOIN upd ON true LEFT JOIN pay ON true LEFT JOIN payments pp ON pp.id = c.payment_id`;

export function changeStatement(id: AttemptId, change: AttemptChange, at: Date, deliverInline: boolean): { text: string; values: unknown[] } {
  const v = valuesOf(change);
  const failure = v.failure;
  return {
    text: CHANGE_SQL,
    values: [
      id,
      v.to,
      v.from,
      at,
      v.providerRefundId,
      failure?.code ?? null,
      failure?.message ?? null,
      failure?.detail ? JSON.stringify(failure.detail) : null,
      isSettled(v.to) ? at : null,
      v.decision?.userId ?? null,
      v.decision?.email ?? null,
      v.decision?.name ?? null,
      v.decision?.at ?? null,
      v.mustFit,
      v.decision?.note ?? null,
      failure ? JSON.stringify({ code: failure.code }) : null,
      deliverInline ? new Date(at.getTime() + CRM_WRITE_LEASE_MS) : at,
      deliverInline ? 1 : 0,
    ],
  };
}
