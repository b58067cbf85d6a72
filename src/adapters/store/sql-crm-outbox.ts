import type { PaymentId } from '../../domain/ids';
import type { ClaimedJob, CrmOutbox, OutboxFailure, OutboxJob } from '../../ports/crm-outbox';
import { type AttemptRow, attemptColumnsAs, attemptFromRow, unprefixed } from './attempt-row';
import type { Database } from './database';
import { OTHER_NOTE_MAY_EXIST_SQL, outboxJobOf } from './outbox-row';
import { type PaymentRow, paymentColumnsAs, paymentFromRow } from './payment-row';

/**
 * Claims jobs picked by `pick` (skipping those another worker holds) and reads with each what its write needs. A
 * claimed job waits for nobody until it fails again, so waking the waiting jobs never hands it to a second worker.
 * Its try is open until it reports (finish or retry): one still open when the job is claimed again died unreported,
 * and may have made the note, which the job then remembers.
 *
 * One write of an attempt at a time, or two tries could each make its note: a job is claimable only while no newer
 * job of its attempt waits and no other job of it is being written. Its write carries the attempt's state as it is
 * now, so the older jobs it leaves behind are done with it (remembering a note one of them may have made).
 */
const claimSql = (pick: string) => `
WITH picked AS (${pick} FOR UPDATE SKIP LOCKED),
claimed AS (
  UPDATE crm_outbox o SET tries = o.tries + 1, next_attempt_at = $2, waiting_for_crm = false,
    note_may_exist = o.note_may_exist OR o.try_open, try_open = true
  FROM picked WHERE o.id = picked.id
  RETURNING o.id, o.attempt_id, o.payment_id, o.tries, o.note_may_exist AS own_note_may_exist, picked.waiting_for_crm AS was_waiting),
superseded AS (
  UPDATE crm_outbox s SET delivered_at = $1, last_error = 'superseded by a later write of the same attempt',
    note_may_exist = s.note_may_exist OR s.try_open, try_open = false
  FROM claimed WHERE s.attempt_id = claimed.attempt_id AND s.id < claimed.id AND s.delivered_at IS NULL)
SELECT claimed.id AS job_id, claimed.tries AS job_tries, claimed.was_waiting, ${attemptColumnsAs('a', 'a_')}, ${paymentColumnsAs('p', 'p_')},
  (SELECT array_agg(r.object_type || '/' || r.object_id ORDER BY r.object_type, r.object_id) FROM payment_records r WHERE r.payment_id = p.id) AS records,
  claimed.own_note_may_exist OR ${OTHER_NOTE_MAY_EXIST_SQL('claimed.attempt_id', 'claimed.id')} AS note_may_exist
FROM claimed JOIN payments p ON p.id = claimed.payment_id LEFT JOIN refund_attempts a ON a.id = claimed.attempt_id
ORDER BY claimed.id`;

/** SQL over a candidate job `j`: no newer job of its attempt waits, and no other is being written ($1: now). */
const ALONE_IN_ITS_ATTEMPT = `(j.attempt_id IS NULL OR NOT EXISTS (SELECT 1 FROM crm_outbox n
      WHERE n.attempt_id = j.attempt_id AND n.id <> j.id AND n.delivered_at IS NULL AND (n.id > j.id OR (n.try_open AND n.next_attempt_at > $1))))`;

const CLAIM_DUE_SQL = claimSql(`SELECT j.id, j.waiting_for_crm FROM crm_outbox j
    WHERE j.delivered_at IS NULL AND j.next_attempt_at <= $1 AND ($4::uuid IS NULL OR j.payment_id = $4) AND ${ALONE_IN_ITS_ATTEMPT}
    ORDER BY j.id LIMIT $3`);

const CLAIM_WAITING_SQL = claimSql(`SELECT j.id, j.waiting_for_crm FROM crm_outbox j
    WHERE j.delivered_at IS NULL AND j.waiting_for_crm AND j.next_attempt_at > $1 AND ${ALONE_IN_ITS_ATTEMPT}
    ORDER BY j.next_attempt_at LIMIT 1`);

/**
 * Done: the note's id kept with its attempt, and, when the payment changed after the job read it, a refresh
 * of its properties queued (unless one is already waiting), since another write may have landed first.
 */
const FINISH_SQL = `
WITH done AS (UPDATE crm_outbox SET delivered_at = $2, last_error = NULL, try_open = false WHERE id = $1 AND tries = $9),
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
    const rows = await this.db.query<Record<string, unknown> & { job_id: bigint; job_tries: number; records: string[] | null; note_may_exist: boolean; was_waiting: boolean }>(sql, values);
    return rows.map((row) => {
      const attemptRow = unprefixed<AttemptRow>(row, 'a_');
      const attempt = attemptRow ? attemptFromRow(attemptRow) : null;
      return outboxJobOf(row.job_id, row.job_tries, attempt, attemptRow?.crm_note_id ?? null, paymentFromRow(unprefixed<PaymentRow>(row, 'p_')!), row.records, {
        noteMayExist: row.note_may_exist,
        wasWaiting: row.was_waiting,
      });
    });
  }

  async finish(job: OutboxJob, noteId: string | null, now: Date): Promise<void> {
    const record = job.attempt?.transaction ?? job.records[0];
    await this.db.query(FINISH_SQL, [
      job.id, now, noteId, job.attempt?.id ?? null, job.payment.id, record?.objectType ?? '', record?.objectId ?? '', job.payment.seq.toString(), job.tries,
    ]);
  }

  async retry(job: ClaimedJob, nextAt: Date, failure: OutboxFailure): Promise<void> {
    // A try taken over still says whether it sent the note; the rest is the current try's to say.
    await this.db.query(
      `UPDATE crm_outbox SET note_may_exist = note_may_exist OR $5,
         next_attempt_at = CASE WHEN tries = $6 THEN $2 ELSE next_attempt_at END, last_error = CASE WHEN tries = $6 THEN $3 ELSE last_error END,
         waiting_for_crm = CASE WHEN tries = $6 THEN $4 ELSE waiting_for_crm END, try_open = CASE WHEN tries = $6 THEN false ELSE try_open END
       WHERE id = $1`,
      [job.id, nextAt, failure.error, failure.waitingForCrm, failure.noteSent, job.tries],
    );
  }

  async extend(job: ClaimedJob, until: Date): Promise<void> {
    await this.db.query('UPDATE crm_outbox SET next_attempt_at = $3 WHERE id = $1 AND tries = $2 AND try_open AND delivered_at IS NULL', [job.id, job.tries, until]);
  }

  async drop(jobId: string, now: Date): Promise<void> {
    await this.db.query("UPDATE crm_outbox SET delivered_at = $2, last_error = 'record deleted in the CRM', try_open = false WHERE id = $1", [jobId, now]);
  }

  async backlog(): Promise<number> {
    const [row] = await this.db.query<{ n: bigint }>('SELECT count(*)::int8 AS n FROM crm_outbox WHERE delivered_at IS NULL');
    return Number(row?.n ?? 0n);
  }
}
