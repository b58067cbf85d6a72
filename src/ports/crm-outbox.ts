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
  readonly payment: PaymentState;
  readonly records: readonly TransactionRef[];
}

export interface CrmOutbox {
  /** Jobs due now, oldest first, each claimed for `leaseMs` so that two workers never deliver one at once. */
  claimDue(now: Date, limit: number, leaseMs: number, paymentId?: PaymentId): Promise<OutboxJob[]>;
  /**
   * The job is delivered: records the note it created, and queues a refresh of the properties when the
   * payment changed after `job.payment` was read (another write may have landed before this one).
   */
  finish(job: OutboxJob, noteId: string | null, now: Date): Promise<void>;
  retry(jobId: string, nextAt: Date, error: string): Promise<void>;
  /** The record is gone from the CRM: nothing to project onto any more. */
  drop(jobId: string, now: Date): Promise<void>;
  backlog(): Promise<number>;
}
