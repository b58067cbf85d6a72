import { isAppError } from '../../domain/errors';
import type { TransactionRef } from '../../domain/ids';
import { CRM_WRITE_LEASE_MS, type OutboxJob } from '../../ports/crm-outbox';
import type { RefundDeps } from '../refund-deps';
import { refundPropertiesOf } from './refund-properties';
import { renderRefundNote } from './refund-note';

export type CrmWriteDeps = Pick<RefundDeps, 'outbox' | 'records' | 'timeline' | 'clock' | 'logger' | 'providerLabels'>;

const MAX_BACKOFF_MS = 15 * 60_000;
/** Well inside the lease, so that one late or failed extension does not lose the job. */
const LEASE_RENEWAL_MS = CRM_WRITE_LEASE_MS * 0.4;

/** 5 s, 10 s, 20 s … up to 15 minutes between tries of one CRM write. */
export function outboxBackoffMs(tries: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, tries - 1), MAX_BACKOFF_MS);
}

/**
 * Writes one job (design §3, "the CRM is a projection"): the payment's properties on each of its records,
 * and the attempt's note on the record it was made from, created once and rewritten as it moves on. A record
 * deleted in HubSpot is skipped; any other failure leaves the job for a retry with backoff. Never throws.
 */
export async function deliverJob(deps: CrmWriteDeps, job: OutboxJob): Promise<'delivered' | 'postponed'> {
  const lease = keepLease(deps, job);
  // from the moment a note is made or adopted until its id is kept, a failure leaves a note without a kept id
  let noteSent = false;
  try {
    const noteId = await write(deps, job, () => (noteSent = true));
    // the claim stops being extended before the job reports, so that no late extension undoes a backoff
    lease.stop();
    await deps.outbox.finish(job, noteId, deps.clock.now());
    return 'delivered';
  } catch (error) {
    lease.stop();
    await postpone(deps, job, error, noteSent).catch((again: unknown) => deps.logger.error('crm write-back could not be postponed', { jobId: job.id, error: String(again) }));
    return 'postponed';
  }
}

/** The job's writes to HubSpot; returns the attempt's note id. `sendingNote` is called before a note is made or adopted. */
async function write(deps: CrmWriteDeps, job: OutboxJob, sendingNote: () => void): Promise<string | null> {
  const properties = refundPropertiesOf(job.payment);
  const records = job.records.length > 0 ? job.records : job.attempt ? [job.attempt.transaction] : [];
  for (const record of records) {
    await skipIfGone(deps, record, job, () => deps.records.writeRefundProperties(record, properties));
  }
  const attempt = job.attempt;
  if (!attempt) return job.noteId;
  const note = { bodyHtml: renderRefundNote(attempt, deps.providerLabels), timestamp: attempt.createdAt };
  return skipIfGone(deps, attempt.transaction, job, async () => {
    if (job.noteId) {
      try {
        await deps.timeline.updateNote(job.noteId, note);
        return job.noteId;
      } catch (error) {
        // Someone deleted our note in HubSpot: the attempt still deserves one, so it is written anew.
        if (!isNoteGone(error)) throw error;
      }
    }
    sendingNote();
    // An earlier try may have created the note and lost its id (a crash, the database gone at that moment). The note
    // names its attempt ("Attempt id"); the id alone is looked for, whatever HubSpot does to the note's HTML.
    const earlier = job.noteMayExist ? await deps.timeline.findNote(attempt.transaction, attempt.id) : null;
    if (earlier) {
      await deps.timeline.updateNote(earlier, note);
      return earlier;
    }
    return deps.timeline.createNote(attempt.transaction, note);
  });
}

/** Extends the job's claim while its writes run (a slow or rate-limited HubSpot), so no other worker takes it meanwhile. */
function keepLease(deps: CrmWriteDeps, job: OutboxJob): { stop(): void } {
  const timer = setInterval(() => {
    const until = new Date(deps.clock.now().getTime() + CRM_WRITE_LEASE_MS);
    deps.outbox.extend(job, until).catch((error: unknown) => deps.logger.warn('crm write-back lease not extended', { jobId: job.id, error: String(error) }));
  }, LEASE_RENEWAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

async function skipIfGone<T>(deps: CrmWriteDeps, record: TransactionRef, job: OutboxJob, write: () => Promise<T>): Promise<T | null> {
  try {
    return await write();
  } catch (error) {
    if (!isRecordGone(error)) throw error;
    deps.logger.warn('crm write-back skipped: the record no longer exists in HubSpot', { record: `${record.objectType}/${record.objectId}`, jobId: job.id });
    return null;
  }
}

/** The record was deleted in HubSpot: nothing to project onto any more; the ledger keeps the attempt. */
function isRecordGone(error: unknown): boolean {
  return isAppError(error) && error.code === 'NOT_FOUND' && error.details?.objectId !== undefined;
}

/**
 * HubSpot down or busy: the write goes through once it is back. Not a refusal of the app's access (401/403), which
 * only an admin fixes, and which an early try every few seconds would only repeat.
 */
function waitsForHubSpot(error: unknown): boolean {
  return isAppError(error) && error.code === 'CRM_UNAVAILABLE' && error.details?.status !== 401 && error.details?.status !== 403;
}

/** A 404 on a note of ours, the record itself still being there. */
function isNoteGone(error: unknown): boolean {
  return isAppError(error) && error.code === 'NOT_FOUND' && error.details?.objectId === undefined && error.details?.noteId !== undefined;
}

async function postpone(deps: CrmWriteDeps, job: OutboxJob, error: unknown, noteSent: boolean): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const nextAt = new Date(deps.clock.now().getTime() + outboxBackoffMs(job.tries));
  await deps.outbox.retry(job, nextAt, { error: message.slice(0, 500), waitingForCrm: waitsForHubSpot(error), noteSent });
  deps.logger.warn('crm write-back postponed', { jobId: job.id, attemptId: job.attempt?.id, tries: job.tries, nextAt: nextAt.toISOString(), error: message });
}
