import type { RefundAttempt } from '../../domain/attempt';
import type { OutboxJob } from '../../ports/crm-outbox';
import type { PaymentState } from '../../ports/ledger';
import { recordsFromArray } from './payment-row';

export function outboxJobOf(
  id: bigint | string,
  tries: number,
  attempt: RefundAttempt | null,
  noteId: string | null,
  payment: PaymentState,
  records: readonly string[] | null,
): OutboxJob {
  return { id: String(id), tries: Number(tries), attempt, noteId, payment, records: recordsFromArray(records) };
}
