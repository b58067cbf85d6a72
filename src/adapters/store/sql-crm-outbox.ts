import type { PaymentId } from '../../domain/ids';
import type { CrmOutbox, OutboxFailure, OutboxJob } from '../../ports/crm-outbox';
import { type AttemptRow, attemptColumnsAs, attemptFromRow, unprefixed } from './attempt-row';
import type { Database } from './database';
import { OLDER_NOTE_MAY_EXIST_SQL, outboxJobOf } from './outbox-row';
import { type PaymentRow, paymentColumnsAs, paymentFromRow } from './payment-row';

/**
 * Claims jobs picked by `pick` (skipping those another worker holds) and reads with each what its write needs. A
 * claimed job waits for nobody until it fails again, so waking the waiting jobs never hands it to a second worker.
 * Its try is open until it reports (finish or retry): one still open when the job is claimed again died unreported,
 * and may have made the note, which the job then remembers.
 */
const claimSql = (pick: string) => `
WITH picked AS (${pick} FOR UPDATE SKIP LOCKED),
claimed AS (
  UPDATE crm_outbox o SET tries = o.tries + 1, next_attempt_at = $2, waiting_for_crm = false,
    note_may_exist = o.note_may_exist OR o.try_open, try_open = true
  FROM picked WHERE o.id = picked.id
  RETURNING o.id, o.attempt_id, o.payment_id, o.tries, o.note_may_exist AS own_note_may_exist)
SELECT claimed.id AS job_id, claimed.tries AS job_tries, ${attemptColumnsAs('a', 'a_')}, ${paymentColumnsAs('p', 'p_')},
  (SELECT array_agg(r.object_type || '/' || r.object_id ORDER BY r.object_type, r.object_id) FROM payment_records r WHERE r.payment_id = p.id) AS records,
  claimed.own_note_may_exist OR ${OLDER_NOTE_MAY_EXIST_SQL('claimed.attempt_id', 'claimed.id')} AS note_may_exist
FROM claimed JOIN payments p ON p.id = claimed.payment_id LEFT JOIN refund_attempts a ON a.id = claimed.attempt_id
ORDER BY claimed.id`;

const CLAIM_DUE_SQL = claimSql(`SELECT id FROM crm_outbox
    WHERE delivered_at IS NULL AND next_attempt_at <= $1 AND ($4::uuid IS NULL OR payment_id = $4)
    ORDER BY id LIMIT $3`);

const CLAIM_WAITING_SQL = claimSql(`SELECT id FROM crm_outbox
    WHERE delivered_at IS NULL AND waiting_for_crm AND next_attempt_at > $1
    ORDER BY next_attempt_at LIMIT 1`);

/**
 * Done: the note's id kept with its attempt, and, when the payment changed after the job read it, a refresh
 * of its properties queued (unless one is already waiting), since another write may have landed first.
 */
const FINISH_SQL = `
WITH done AS (UPDATE crm_outbox SET delivered_at = $2, last_error = NULL, try_open = false WHERE id = $1),
note AS (UPDATE refund_attempts SET crm_note_id = $3 WHERE id = $4 AND $3::text IS NOT NULL AND crm_note_id IS DISTINCT FROM $3),
refresh AS (
  INSERT INTO crm_outbox (object_type, object_id, attempt_id, payment_id, next_attempt_at, created_at)
  SELECT $6, $7, NULL, p.id, $2, $2 FROM payments p
  WHERE p.id = $5 AND p.seq > $8
    AND NOT EXISTS (SELECT 1 FROM crm_outbox o WHERE o.payment_id = p.id AND o.attempt_id IS NULL AND o.delivered_at IS NULL))
SELECT 1`;

export class SqlCrmOutbox implements CrmOutbox {
  constructor(private readonly db: Database) {}

  async claimDue(now: Date, limit: number, leaseMs: number, paymentId?: PaymentId): Promise<OutboxJob[]> {
    return this.claim(CLAIM_DUE_SQL, [now, new Date(now.getTime() + leaseMs), limit, paymentId ?? null]);
  }

  async claimWaiting(now: Date, leaseMs: number): Promise<OutboxJob | null> {
    const [job] = await this.claim(CLAIM_WAITING_SQL, [now, new Date(now.getTime() + leaseMs)]);
    return job ?? null;
  }

  async wakeWaiting(now: Date): Promise<number> {
    const [row] = await this.db.query<{ n: bigint }>(
      'WITH woken AS (UPDATE crm_outbox SET next_attempt_at = $1 WHERE delivered_at IS NULL AND waiting_for_crm AND next_attempt_at > $1 RETURNING 1) SELECT count(*)::int8 AS n FROM woken',
      [now],
    );
    return Number(row?.n ?? 0n);
  }

  private async claim(sql: string, values: unknown[]): Promise<OutboxJob[]> {
    const rows = await this.db.query<Record<string, unknown> & { job_id: bigint; job_tries: number; records: string[] | null; note_may_exist: boolean }>(sql, values);
    return rows.map((row) => {
      const attemptRow = unprefixed<AttemptRow>(row, 'a_');
      const attempt = attemptRow ? attemptFromRow(attemptRow) : null;
      return outboxJobOf(row.job_id, row.job_tries, attempt, attemptRow?.crm_note_id ?? null, paymentFromRow(unprefixed<PaymentRow>(row, 'p_')!), row.records, row.note_may_exist);
    });
  }

  async finish(job: OutboxJob, noteId: string | null, now: Date): Promise<void> {
    const record = job.attempt?.transaction ?? job.records[0];
    await this.db.query(FINISH_SQL, [
      job.id, now, noteId, job.attempt?.id ?? null, job.payment.id, record?.objectType ?? '', record?.objectId ?? '', job.payment.seq.toString(),
    ]);
  }

  async retry(jobId: string, nextAt: Date, failure: OutboxFailure): Promise<void> {
    await this.db.query(
      'UPDATE crm_outbox SET next_attempt_at = $2, last_error = $3, waiting_for_crm = $4, note_may_exist = note_may_exist OR $5, try_open = false WHERE id = $1',
      [jobId, nextAt, failure.error, failure.waitingForCrm, failure.noteSent],
    );
  }

  async extend(jobId: string, tries: number, until: Date): Promise<void> {
    await this.db.query('UPDATE crm_outbox SET next_attempt_at = $3 WHERE id = $1 AND tries = $2 AND delivered_at IS NULL', [jobId, tries, until]);
  }

  async drop(jobId: string, now: Date): Promise<void> {
    await this.db.query("UPDATE crm_outbox SET delivered_at = $2, last_error = 'record deleted in the CRM', try_open = false WHERE id = $1", [jobId, now]);
  }

  async backlog(): Promise<number> {
    const [row] = await this.db.query<{ n: bigint }>('SELECT count(*)::int8 AS n FROM crm_outbox WHERE delivered_at IS NULL');
    return Number(row?.n ?? 0n);
  }
}
