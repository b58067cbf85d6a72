import type { RefundAttempt } from '../../domain/attempt';
import type { OutboxJob } from '../../ports/crm-outbox';
import type { PaymentState } from '../../ports/ledger';
import { recordsFromArray } from './payment-row';

/**
 * SQL: whether another job of the attempt (`attemptId`, other than `jobId` when given) began a try that never
 * reported, or sent a note and failed: a note of the attempt may then exist whose id was never kept.
 */
export const OTHER_NOTE_MAY_EXIST_SQL = (attemptId: string, jobId: string | null) =>
  `EXISTS (SELECT 1 FROM crm_outbox o WHERE o.attempt_id = ${attemptId}${jobId ? ` AND o.id <> ${jobId}` : ''} AND (o.try_open OR o.note_may_exist))`;

export function outboxJobOf(
  id: bigint | string,
  tries: number,
  attempt: RefundAttempt | null,
  noteId: string | null,
  payment: PaymentState,
  records: readonly string[] | null,
  flags: { readonly noteMayExist?: boolean; readonly wasWaiting?: boolean } = {},
): OutboxJob {
  return {
    id: String(id),
    tries: Number(tries),
    attempt,
    noteId,
    noteMayExist: flags.noteMayExist ?? false,
    wasWaiting: flags.wasWaiting ?? false,
    payment,
    records: recordsFromArray(records),
  };
}
