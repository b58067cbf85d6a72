import { isAppError } from '../../domain/errors';
import type { TransactionRef } from '../../domain/ids';
import type { OutboxJob } from '../../ports/crm-outbox';
import type { RefundDeps } from '../refund-deps';
import { refundPropertiesOf } from './refund-properties';
import { renderRefundNote } from './refund-note';

export type CrmWriteDeps = Pick<RefundDeps, 'outbox' | 'records' | 'timeline' | 'clock' | 'logger' | 'providerLabels'>;

const MAX_BACKOFF_MS = 15 * 60_000;

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
  try {
    const properties = refundPropertiesOf(job.payment);
    const records = job.records.length > 0 ? job.records : job.attempt ? [job.attempt.transaction] : [];
    for (const record of records) {
      await skipIfGone(deps, record, job, () => deps.records.writeRefundProperties(record, properties));
    }
    let noteId = job.noteId;
    const attempt = job.attempt;
    if (attempt) {
      const note = { bodyHtml: renderRefundNote(attempt, deps.providerLabels), timestamp: attempt.createdAt };
      noteId = await skipIfGone(deps, attempt.transaction, job, async () => {
        if (job.noteId) {
          try {
            await deps.timeline.updateNote(job.noteId, note);
            return job.noteId;
          } catch (error) {
            // Someone deleted our note in HubSpot: the attempt still deserves one, so it is written anew.
            if (!isNoteGone(error)) throw error;
          }
        }
        return deps.timeline.createNote(attempt.transaction, note);
      });
    }
    await deps.outbox.finish(job, noteId, deps.clock.now());
    return 'delivered';
  } catch (error) {
    await postpone(deps, job, error).catch((again: unknown) => deps.logger.error('crm write-back could not be postponed', { jobId: job.id, error: String(again) }));
    return 'postponed';
  }
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

/** A 404 on a note of ours, the record itself still being there. */
function isNoteGone(error: unknown): boolean {
  return isAppError(error) && error.code === 'NOT_FOUND' && error.details?.objectId === undefined && error.details?.noteId !== undefined;
}

async function postpone(deps: CrmWriteDeps, job: OutboxJob, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const nextAt = new Date(deps.clock.now().getTime() + outboxBackoffMs(job.tries));
  await deps.outbox.retry(job.id, nextAt, message.slice(0, 500));
  deps.logger.warn('crm write-back postponed', { jobId: job.id, attemptId: job.attempt?.id, tries: job.tries, nextAt: nextAt.toISOString(), error: message });
}
