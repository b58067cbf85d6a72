import { randomUUID } from 'node:crypto';
import type { RefundAttempt } from '../../domain/attempt';
import type { CurrencyCode } from '../../domain/currency';
import type { AttemptId, HubSpotUserId, PaymentId, PaymentKey } from '../../domain/ids';
import type { Clock } from '../../ports/clock';
import type { Dispute } from '../../domain/dispute';
import type {
  AttemptChange,
  AttemptMatch,
  OutsideRefund,
  OutsideRefundResult,
  RecentCursor,
  RecentPayments,
  AttemptDraft,
  AttemptPage,
  ChangeResult,
  Ledger,
  PaymentSighting,
  PaymentState,
  ReservationState,
  ReserveOptions,
  ReserveResult,
  Verdict,
} from '../../ports/ledger';
import { ATTEMPT_COLUMNS, type AttemptRow, attemptColumnsAs, attemptFromRow, unprefixed } from './attempt-row';
import type { Database } from './database';
import { LINK_RECORD_CTES } from './record-link-sql';
import { decodeCursor, encodeCursor } from './page-cursor';
import { outboxJobOf } from './outbox-row';
import { PAYMENT_COLUMNS, type PaymentRow, paymentColumnsAs, paymentFromRow } from './payment-row';
import { PaymentGate } from './payment-gate';
import { changeStatement } from './sql-change-attempt';
import { markDisputed, matchAttempt, recentPayments, recordOutsideRefund } from './sql-provider-facts';
import { reserve } from './sql-reserve';
import { COUNTS_TOWARD_DAILY, IN_FLIGHT } from './status-sql';

/** A sighting without a lock: the payment as it is, created on first sight (its amount fixed then), the record linked. */
const SEE_SQL = `
WITH found AS (SELECT * FROM payments WHERE provider = $1 AND provider_transaction_id = $2),
made AS (
  INSERT INTO payments (id, provider, provider_transaction_id, currency, paid_minor, paid_source, card_last4, created_at, updated_at)
  SELECT $3, $1, $2, $4, $5, 'record', $6, $7, $7 WHERE NOT EXISTS (SELECT 1 FROM found)
  ON CONFLICT (provider, provider_transaction_id) DO NOTHING RETURNING *),
payment AS (SELECT * FROM found UNION ALL SELECT * FROM made),
${LINK_RECORD_CTES}
SELECT ${PAYMENT_COLUMNS} FROM payment`;

/** Two reservations of a payment in the database at once, the rest waiting at most 3 s (the lock timeout's length). */
const GATE = { width: 2, maxWaitMs: 3_000, maxQueue: 200 };

export class SqlLedger implements Ledger {
  private readonly gate = new PaymentGate(GATE);

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    /** an extra health check of the database's own files (the embedded one), run by ping() */
    private readonly check?: () => void,
    private readonly newId: () => string = randomUUID,
  ) {}

  async seePayment(sighting: PaymentSighting, now: Date): Promise<PaymentState> {
    for (let round = 1; ; round += 1) {
      const [row] = await this.db.query<PaymentRow>(SEE_SQL, [
        sighting.key.provider, sighting.key.providerTransactionId, this.newId(), sighting.currency, sighting.recordAmountMinor.toString(),
        sighting.cardLast4, now, sighting.record.objectType, sighting.record.objectId,
      ]);
      // Empty only when another request created the payment between this statement's look and its insert.
      if (!row) {
        if (round < 3) continue;
        throw new Error('the payment could neither be found nor created');
      }
      const payment = paymentFromRow(row);
      if (payment.nextExpiryAt && payment.nextExpiryAt <= now) {
        await this.expireDue(now, 100, payment.id);
        return (await this.findPayment(payment.key)) ?? payment;
      }
      return payment;
    }
  }

  async recordProviderAmount(paymentId: PaymentId, paidMinor: bigint, now: Date): Promise<PaymentState> {
    const [row] = await this.db.query<PaymentRow>(
      `UPDATE payments SET paid_minor = $2, paid_source = 'provider', seq = seq + 1, updated_at = $3 WHERE id = $1 RETURNING ${PAYMENT_COLUMNS}`,
      [paymentId, paidMinor.toString(), now],
    );
    if (!row) throw new Error(`payment ${paymentId} does not exist`);
    return paymentFromRow(row);
  }

  async findPayment(key: PaymentKey): Promise<PaymentState | null> {
    const [row] = await this.db.query<PaymentRow>(`SELECT ${PAYMENT_COLUMNS} FROM payments WHERE provider = $1 AND provider_transaction_id = $2`, [
      key.provider,
      key.providerTransactionId,
    ]);
    return row ? paymentFromRow(row) : null;
  }

  reserveAttempt(sighting: PaymentSighting, draft: AttemptDraft, options: ReserveOptions, judge: (state: ReservationState) => Verdict): Promise<ReserveResult> {
    const { provider, providerTransactionId } = sighting.key;
    return this.gate.run(`${provider}:${providerTransactionId}`, () => reserve(this.db, this.newId(), this.clock.now(), sighting, draft, options, judge));
  }

  async changeAttempt(id: AttemptId, change: AttemptChange, at: Date, options: { deliverInline?: boolean; lookupRecovers?: boolean } = {}): Promise<ChangeResult> {
    const { text, values } = changeStatement(id, change, at, options.deliverInline ?? false);
    // An outcome is what already happened at a provider: it skips the queue of new work.
    const executor = change.kind !== 'outcome' ? this.db : options.lookupRecovers ? this.db.outcomes : this.db.urgent;
    const [row] = await executor.query<Record<string, unknown> & { room: bigint; voided: bigint; job_id: bigint | null; job_tries: number | null; records: string[] | null; note_may_exist: boolean | null }>(text, values);
    if (!row) return { kind: 'not_found' };
    const before = attemptFromRow(unprefixed<AttemptRow>(row, 'c_')!);
    const changed = unprefixed<AttemptRow>(row, 'a_');
    if (!changed) {
      if (change.kind === 'approve' && before.status === 'awaiting_approval') {
        return { kind: 'no_longer_fits', attempt: before, refundableMinor: row.voided > 0n || row.room < 0n ? 0n : row.room };
      }
      const allowed = values[2] as readonly string[];
      const payment = paymentFromRow(unprefixed<PaymentRow>(row, 'q_')!);
      return before.status === values[1] && allowed.includes(before.status) ? { kind: 'unchanged', attempt: before, payment } : { kind: 'not_allowed', attempt: before, payment };
    }
    const attempt = attemptFromRow(changed);
    const payment = paymentFromRow(unprefixed<PaymentRow>(row, 'p_')!);
    return {
      kind: 'changed',
      from: before.status,
      attempt,
      payment,
      delivery:
        options.deliverInline && row.job_id !== null && row.job_tries === 1
          ? outboxJobOf(row.job_id, row.job_tries, attempt, changed.crm_note_id, payment, row.records, { noteMayExist: row.note_may_exist === true })
          : null,
      writeWaits: options.deliverInline === true && row.job_id !== null && row.job_tries === 0,
    };
  }

  async findAttempt(id: AttemptId): Promise<{ attempt: RefundAttempt; payment: PaymentState } | null> {
    const [row] = await this.db.query<Record<string, unknown>>(
      `SELECT ${attemptColumnsAs('a', 'a_')}, ${paymentColumnsAs('p', 'p_')} FROM refund_attempts a JOIN payments p ON p.id = a.payment_id WHERE a.id = $1`,
      [id],
    );
    if (!row) return null;
    return { attempt: attemptFromRow(unprefixed<AttemptRow>(row, 'a_')!), payment: paymentFromRow(unprefixed<PaymentRow>(row, 'p_')!) };
  }

  async listAttempts(paymentId: PaymentId, page: { limit: number; cursor?: string | null }): Promise<AttemptPage> {
    const after = decodeCursor(page.cursor);
    const rows = await this.db.query<AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts WHERE payment_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [paymentId, after?.at ?? null, after?.id ?? null, page.limit + 1],
    );
    const attempts = rows.slice(0, page.limit).map(attemptFromRow);
    const last = attempts.at(-1);
    return { attempts, nextCursor: rows.length > page.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }

  async usedSince(userId: HubSpotUserId, currency: CurrencyCode, since: Date): Promise<bigint> {
    const [row] = await this.db.query<{ used: bigint }>(
      `SELECT COALESCE(sum(amount_minor), 0)::int8 AS used FROM refund_attempts
       WHERE requested_by_user_id = $1 AND currency = $2 AND created_at > $3 AND NOT needed_approval AND status IN ${COUNTS_TOWARD_DAILY}`,
      [userId, currency, since],
    );
    return row?.used ?? 0n;
  }

  async listAwaitingApproval(page: { limit: number; cursor?: string | null; excludeRequester?: HubSpotUserId }): Promise<{ items: { attempt: RefundAttempt; payment: PaymentState }[]; nextCursor: string | null }> {
    const after = decodeCursor(page.cursor);
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT ${attemptColumnsAs('a', 'a_')}, ${paymentColumnsAs('p', 'p_')} FROM refund_attempts a JOIN payments p ON p.id = a.payment_id
       WHERE a.status = 'awaiting_approval' AND ($1::timestamptz IS NULL OR (a.created_at, a.id) > ($1, $2::uuid))
         AND ($4::text IS NULL OR a.requested_by_user_id IS DISTINCT FROM $4)
       ORDER BY a.created_at, a.id LIMIT $3`,
      [after?.at ?? null, after?.id ?? null, page.limit + 1, page.excludeRequester ?? null],
    );
    const items = rows.slice(0, page.limit).map((row) => ({
      attempt: attemptFromRow(unprefixed<AttemptRow>(row, 'a_')!),
      payment: paymentFromRow(unprefixed<PaymentRow>(row, 'p_')!),
    }));
    const last = items.at(-1)?.attempt;
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last.createdAt, last.id) : null };
  }

  async expireDue(now: Date, limit: number, paymentId?: PaymentId): Promise<number> {
    const due = await this.db.query<{ id: AttemptId }>(
      `SELECT id FROM refund_attempts WHERE status = 'awaiting_approval' AND expires_at <= $1 AND ($2::uuid IS NULL OR payment_id = $2)
       ORDER BY created_at, id LIMIT $3`,
      [now, paymentId ?? null, limit],
    );
    let expired = 0;
    for (const { id } of due) {
      if ((await this.changeAttempt(id, { kind: 'expire' }, now)).kind === 'changed') expired += 1;
    }
    return expired;
  }

  async listUnresolved(createdBefore: Date, limit: number, paymentId?: PaymentId): Promise<RefundAttempt[]> {
    const rows = await this.db.query<AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts
       WHERE status IN ${IN_FLIGHT} AND created_at < $1 AND ($3::uuid IS NULL OR payment_id = $3)
       ORDER BY created_at, id LIMIT $2`,
      [createdBefore, limit, paymentId ?? null],
    );
    return rows.map(attemptFromRow);
  }

  matchAttempt(paymentId: PaymentId, match: AttemptMatch): Promise<RefundAttempt | null> {
    return matchAttempt(this.db, paymentId, match);
  }

  recordOutsideRefund(payment: PaymentState, refund: OutsideRefund, at: Date): Promise<OutsideRefundResult> {
    // What already happened at a provider: it skips the queue of new work, as an outcome does.
    return recordOutsideRefund(this.db.urgent, this.newId(), payment, refund, at);
  }

  markDisputed(paymentId: PaymentId, dispute: Dispute, at: Date): Promise<PaymentState | null> {
    return markDisputed(this.db, paymentId, dispute, at);
  }

  recentPayments(since: Date, limit: number, after: RecentCursor | null): Promise<RecentPayments> {
    return recentPayments(this.db, since, limit, after);
  }

  async ping(): Promise<void> {
    this.check?.();
    await this.db.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
