import type { CurrencyCode } from '../../domain/currency';
import { refundableMinor } from '../../domain/refund-status';
import type { AttemptDraft, PaymentSighting, ReservationState, ReserveOptions, ReserveResult, Verdict } from '../../ports/ledger';
import { type AttemptRow, attemptColumnsAs, attemptFromRow, unprefixed } from './attempt-row';
import type { AdvisoryLock, Database, SqlExecutor } from './database';
import { LINK_RECORD_CTES } from './record-link-sql';
import { CRM_WRITE_LEASE_MS } from '../../ports/crm-outbox';
import { outboxJobOf } from './outbox-row';
import { type PaymentRow, paymentColumnsAs, paymentFromRow } from './payment-row';
import { COUNTS_TOWARD_DAILY, HELD, IN_FLIGHT } from './status-sql';

/** Advisory lock class (arbitrary constant) of a refunder's daily total in one currency. */
const REFUNDER_LOCK = 727_200;

/**
 * Under the payment's row lock (the upsert) and, for daily limits, the refunder's advisory lock (taken with
 * BEGIN, so this statement's snapshot sees every earlier reservation of theirs): the payment's running
 * totals, the form's earlier attempt if any, the refunder's unapproved total of the window, recent declines.
 */
const STATE_SQL = `
WITH payment AS (
  INSERT INTO payments (id, provider, provider_transaction_id, currency, paid_minor, paid_source, card_last4, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, 'record', $6, $7, $7)
  ON CONFLICT (provider, provider_transaction_id) DO UPDATE SET card_last4 = COALESCE(EXCLUDED.card_last4, payments.card_last4)
  RETURNING *),
${LINK_RECORD_CTES}
SELECT ${paymentColumnsAs('payment', 'p_')}, ${attemptColumnsAs('k', 'k_')},
  CASE WHEN $11::text IS NULL THEN 0::int8 ELSE (SELECT COALESCE(sum(d.amount_minor), 0)::int8 FROM refund_attempts d
    WHERE d.requested_by_user_id = $11 AND d.currency = payment.currency AND d.created_at > $12 AND NOT d.needed_approval
      AND d.status IN ${COUNTS_TOWARD_DAILY}) END AS used_today,
  (SELECT count(*)::int FROM refund_attempts f WHERE f.payment_id = payment.id AND f.origin = 'app' AND f.status = 'failed' AND f.created_at > $13) AS declines
FROM payment LEFT JOIN refund_attempts k ON k.payment_id = payment.id AND k.idempotency_key = $10`;

/** The attempt, its first event, the payment's totals, and for a request awaiting approval its CRM write. */
const INSERT_SQL = `
WITH created AS (
  INSERT INTO refund_attempts (id, payment_id, object_type, object_id, kind, origin, amount_minor, currency, status, reason, note,
    requested_by_user_id, requested_by_email, requested_by_name, idempotency_key, fingerprint, provider, provider_transaction_id,
    needed_approval, approval_request, expires_at, card_last4, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, 'app', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19::jsonb, $20, $21, $22, $22)
  RETURNING *),
ev AS (
  INSERT INTO attempt_events (attempt_id, from_status, to_status, at, detail, actor_user_id)
  SELECT id, NULL, status, created_at, approval_request, requested_by_user_id FROM created),
pay AS (
  UPDATE payments p SET
    in_flight_minor = p.in_flight_minor + CASE WHEN c.status IN ${IN_FLIGHT} THEN c.amount_minor ELSE 0 END,
    held_minor = p.held_minor + CASE WHEN c.status IN ${HELD} THEN c.amount_minor ELSE 0 END,
    next_expiry_at = LEAST(p.next_expiry_at, c.expires_at),
    last_attempt_id = c.id, last_attempt_status = c.status, seq = p.seq + 1, updated_at = c.created_at
  FROM created c WHERE p.id = c.payment_id
  RETURNING p.*),
ob AS (
  INSERT INTO crm_outbox (object_type, object_id, attempt_id, payment_id, next_attempt_at, created_at, tries, try_open)
  SELECT object_type, object_id, id, payment_id, $23, created_at, 1, true FROM created WHERE status IN ${HELD}
  RETURNING id, tries)
SELECT ${attemptColumnsAs('created', 'a_')}, ${paymentColumnsAs('pay', 'p_')}, (SELECT id FROM ob) AS job_id, (SELECT tries FROM ob) AS job_tries,
  (SELECT array_agg(r.object_type || '/' || r.object_id ORDER BY r.object_type, r.object_id) FROM payment_records r WHERE r.payment_id = created.payment_id) AS records
FROM created, pay`;

export async function reserve(
  db: Database,
  newPaymentId: string,
  now: Date,
  sighting: PaymentSighting,
  draft: AttemptDraft,
  options: ReserveOptions,
  judge: (state: ReservationState) => Verdict,
): Promise<ReserveResult> {
  const lock = options.daily ? refunderLock(options.daily.userId, sighting.currency) : undefined;
  for (let round = 1; ; round += 1) {
    try {
      return await db.transaction((tx) => reserveIn(tx, newPaymentId, now, sighting, draft, options, judge), lock ? { lock } : {});
    } catch (error) {
      // The same form raced itself: the other request committed the key after this one's snapshot. Again, it replays.
      if (round === 1 && isUniqueViolation(error, 'refund_attempts_payment_key')) continue;
      throw error;
    }
  }
}

async function reserveIn(
  tx: SqlExecutor,
  newPaymentId: string,
  now: Date,
  sighting: PaymentSighting,
  draft: AttemptDraft,
  options: ReserveOptions,
  judge: (state: ReservationState) => Verdict,
): Promise<ReserveResult> {
  const { key, record } = sighting;
  const [row] = await tx.query<Record<string, unknown> & { used_today: bigint; declines: number }>(STATE_SQL, [
    newPaymentId, key.provider, key.providerTransactionId, sighting.currency, sighting.recordAmountMinor.toString(), sighting.cardLast4, now,
    record.objectType, record.objectId, draft.idempotencyKey, options.daily?.userId ?? null, options.daily?.since ?? now, options.declinesSince,
  ]);
  if (!row) throw new Error('the database returned no payment');
  const payment = paymentFromRow(unprefixed<PaymentRow>(row, 'p_')!);
  const known = unprefixed<AttemptRow>(row, 'k_');
  if (known) {
    const attempt = attemptFromRow(known);
    return known.fingerprint === draft.fingerprint ? { kind: 'replayed', attempt, payment } : { kind: 'key_reused', attempt };
  }
  if (payment.currency !== sighting.currency) return { kind: 'currency_changed', paymentCurrency: payment.currency };
  const refundable = refundableMinor(payment.totals);
  if (refundable === 0n && draft.amount === 'remaining') return { kind: 'nothing_refundable' };
  const amountMinor = draft.amount === 'remaining' ? refundable : draft.amount;
  if (amountMinor > refundable) return { kind: 'exceeds_refundable', refundableMinor: refundable };
  const verdict = judge({ payment, amountMinor, usedTodayMinor: row.used_today, recentDeclines: row.declines });
  if (verdict.kind === 'refuse') return { kind: 'refused', error: verdict.error };
  const held = verdict.kind === 'hold';
  const [created] = await tx.query<Record<string, unknown> & { job_id: bigint | null; job_tries: number | null; records: string[] | null }>(INSERT_SQL, [
    draft.id, payment.id, record.objectType, record.objectId, draft.kind, amountMinor.toString(), payment.currency, held ? 'awaiting_approval' : 'pending',
    draft.reason, draft.note, draft.requestedBy.userId, draft.requestedBy.email ?? null, draft.requestedBy.name ?? null, draft.idempotencyKey,
    draft.fingerprint, key.provider, key.providerTransactionId, held, held ? JSON.stringify(verdict.request) : null, held ? verdict.expiresAt : null,
    sighting.cardLast4, now, new Date(now.getTime() + CRM_WRITE_LEASE_MS),
  ]);
  if (!created) throw new Error('the database returned no attempt');
  const attempt = attemptFromRow(unprefixed<AttemptRow>(created, 'a_')!);
  const after = paymentFromRow(unprefixed<PaymentRow>(created, 'p_')!);
  const before = payment.totals;
  return {
    kind: 'created',
    attempt,
    payment: after,
    isFullAmount: amountMinor === before.paidMinor && before.refundedMinor + before.voidedMinor + before.inFlightMinor + before.heldMinor === 0n,
    delivery: created.job_id === null ? null : outboxJobOf(created.job_id, created.job_tries ?? 1, attempt, null, after, created.records),
  };
}

export function refunderLock(userId: string, currency: CurrencyCode): AdvisoryLock {
  return [REFUNDER_LOCK, fnv1a32(`${userId}:${currency}`)];
}

/** FNV-1a, 32 bits, as a signed int4: a stable key for an advisory lock. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505' && (error as { constraint?: string }).constraint === constraint;
}
