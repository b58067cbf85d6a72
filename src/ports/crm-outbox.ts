import type { RefundAttempt } from '../domain/attempt';
import type { PaymentId, TransactionRef } from '../domain/ids';
import type { PaymentState } from './ledger';

/**
 * One CRM write owed (design §3, "the CRM is a projection"): the payment's refund properties on every record
 * that points at it, and the attempt's timeline note. Everything needed to write it comes with the job, read
 * with it: no re-read of the payment's history.
 */
export interface OutboxJob {
  readonly id: string;
  readonly tries: number;
  /** null: only the properties are refreshed (a later change overtook an earlier write) */
  readonly attempt: RefundAttempt | null;
  /** the attempt's timeline note, once one was written */
  readonly noteId: string | null;
  /**
   * An earlier try of this attempt's writes may have created its note without keeping the id (its process died
   * mid-try, or it failed once the note was sent): the note is looked for before a new one is made.
   */
  readonly noteMayExist: boolean;
  /** it had failed because HubSpot was unavailable: its success means HubSpot is back */
  readonly wasWaiting: boolean;
  readonly payment: PaymentState;
  readonly records: readonly TransactionRef[];
}

/**
 * How long a claimed job (by the worker, or by a change delivered inline) stays with its claimer. The claimer
 * extends it while it works, so a slow HubSpot keeps its job, and the jobs of an instance that died are free again
 * within seconds.
 */
export const CRM_WRITE_LEASE_MS = 5_000;

/** A job as one try claimed it: `tries` tells that try from a later one that took the job over. */
export type ClaimedJob = Pick<OutboxJob, 'id' | 'tries'>;

export interface OutboxFailure {
  readonly error: string;
  /** it failed only because HubSpot was unavailable: it is due again as soon as HubSpot is back */
  readonly waitingForCrm: boolean;
  /** the note was sent, so it may exist although its id never came back */
  readonly noteSent: boolean;
}

export interface CrmOutbox {
  /** Jobs due now, oldest first, each claimed for `leaseMs` so that two workers never deliver one at once. */
  claimDue(now: Date, limit: number, leaseMs: number, paymentId?: PaymentId): Promise<OutboxJob[]>;
  /**
   * The job is delivered: records the note it created, and queues a refresh of the properties when the
   * payment changed after `job.payment` was read (another write may have landed before this one). A try that
   * was taken over meanwhile still records its note, but leaves the job to the try that holds it.
   */
  finish(job: OutboxJob, noteId: string | null, now: Date): Promise<void>;
  /** Tried and failed: due again at `nextAt` (unless the job was taken over since this try claimed it). */
  retry(job: ClaimedJob, nextAt: Date, failure: OutboxFailure): Promise<void>;
  /** The job waiting for HubSpot that is due soonest, claimed now although it is not due: a probe of HubSpot. */
  claimWaiting(now: Date, leaseMs: number): Promise<OutboxJob | null>;
  /** HubSpot is back: every job waiting for it is due now rather than at the end of its backoff. Returns how many. */
  wakeWaiting(now: Date): Promise<number>;
  /** Still working on it: the claim lasts until `until` (unless the job was taken over or has reported since). */
  extend(job: ClaimedJob, until: Date): Promise<void>;
  /** The record is gone from the CRM: nothing to project onto any more. */
  drop(jobId: string, now: Date): Promise<void>;
  backlog(): Promise<number>;
}
