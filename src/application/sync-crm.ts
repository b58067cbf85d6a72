import type { RefundAttempt } from '../domain/attempt';
import { isAppError } from '../domain/errors';
import type { TransactionRef } from '../domain/ids';
import type { OutboxJob } from '../ports/ledger';
import { refundPropertiesOf } from './refund-properties';
import { renderRefundNote } from './refund-note';
import type { RefundDeps } from './refund-deps';

export interface SyncReport {
  readonly delivered: number;
  readonly failed: number;
}

const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 15 * 60_000;

/** 5 s, 10 s, 20 s … up to 15 minutes between tries of one CRM write. */
export function outboxBackoffMs(tries: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, tries - 1), MAX_BACKOFF_MS);
}

/**
 * Delivers queued CRM projections (design §3, "the CRM is a projection"): the record's refund properties,
 * computed from the ledger, and one timeline note per attempt, created once and rewritten when it moves on.
 * A failure leaves the job queued with a backoff; the refund itself is never touched.
 */
export async function syncCrm(
  deps: Pick<RefundDeps, 'ledger' | 'records' | 'timeline' | 'clock' | 'logger'>,
  options: { transaction?: TransactionRef; limit?: number } = {},
): Promise<SyncReport> {
  const now = deps.clock.now();
  const jobs = await deps.ledger.claimOutbox(now, options.limit ?? 50, LEASE_MS, options.transaction);
  let delivered = 0;
  let failed = 0;
  for (const [key, group] of groupByTransaction(jobs)) {
    let attempts: RefundAttempt[];
    try {
      attempts = await writeProperties(deps, group[0]!.transaction);
    } catch (error) {
      failed += isRecordGone(error) ? await abandon(deps, group, key) : await postpone(deps, group, error, key);
      continue;
    }
    for (const job of group) {
      try {
        await writeNote(deps, job, attempts.find((attempt) => attempt.id === job.attemptId));
        await deps.ledger.completeOutbox(job.id);
        delivered += 1;
      } catch (error) {
        failed += isRecordGone(error) ? await abandon(deps, [job], key) : await postpone(deps, [job], error, key);
      }
    }
  }
  return { delivered, failed };
}

/** Writes the record's refund properties; returns the ledger's attempts, which the notes are made from. */
async function writeProperties(deps: Pick<RefundDeps, 'ledger' | 'records'>, ref: TransactionRef): Promise<RefundAttempt[]> {
  const [payment, attempts] = await Promise.all([deps.ledger.paymentOf(ref), deps.ledger.listAttempts(ref)]);
  if (payment) await deps.records.writeRefundProperties(ref, refundPropertiesOf(payment.paidMinor, payment.currency, attempts));
  return attempts;
}

async function writeNote(deps: Pick<RefundDeps, 'ledger' | 'timeline'>, job: OutboxJob, attempt: RefundAttempt | undefined): Promise<void> {
  if (!attempt) return;
  const note = { bodyHtml: renderRefundNote(attempt), timestamp: attempt.createdAt };
  if (job.noteId) {
    try {
      await deps.timeline.updateNote(job.noteId, note);
      return;
    } catch (error) {
      // Someone deleted our note in HubSpot: the attempt still deserves one, so it is written anew.
      if (!isNoteGone(error)) throw error;
    }
  }
  await deps.ledger.recordNoteId(attempt.id, await deps.timeline.createNote(job.transaction, note));
}

/** The record was deleted in HubSpot: nothing to project onto any more; the ledger keeps the attempt. */
function isRecordGone(error: unknown): boolean {
  return isAppError(error) && error.code === 'NOT_FOUND' && error.details?.objectId !== undefined;
}

/** A 404 on a note of ours, the record itself still being there. */
function isNoteGone(error: unknown): boolean {
  return isAppError(error) && error.code === 'NOT_FOUND' && error.details?.objectId === undefined && error.details?.noteId !== undefined;
}

async function abandon(deps: Pick<RefundDeps, 'ledger' | 'logger'>, jobs: readonly OutboxJob[], key: string): Promise<number> {
  for (const job of jobs) {
    await deps.ledger.completeOutbox(job.id);
    deps.logger.warn('crm write-back dropped: the record no longer exists in HubSpot', { transaction: key, attemptId: job.attemptId });
  }
  return jobs.length;
}

async function postpone(deps: Pick<RefundDeps, 'ledger' | 'clock' | 'logger'>, jobs: readonly OutboxJob[], error: unknown, key: string): Promise<number> {
  const message = error instanceof Error ? error.message : String(error);
  for (const job of jobs) {
    const nextAt = new Date(deps.clock.now().getTime() + outboxBackoffMs(job.tries));
    await deps.ledger.retryOutbox(job.id, nextAt, message.slice(0, 500));
    deps.logger.warn('crm write-back postponed', { transaction: key, attemptId: job.attemptId, tries: job.tries, nextAt: nextAt.toISOString(), error: message });
  }
  return jobs.length;
}

function groupByTransaction(jobs: readonly OutboxJob[]): Map<string, OutboxJob[]> {
  const groups = new Map<string, OutboxJob[]>();
  for (const job of jobs) {
    const key = `${job.transaction.objectType}/${job.transaction.objectId}`;
    groups.set(key, [...(groups.get(key) ?? []), job]);
  }
  return groups;
}
