import { requestRefund } from '../../application/request-refund/request-refund';
import { requestVoid } from '../../application/request-void/request-void';
import { idempotencyKey } from '../../domain/ids';
import type { CliSession } from '../cli-session';
import { exitCodeOfAttempt } from '../exit-codes';
import { formatAttemptResult } from '../format';
import { type AttemptOptions, type RecordArguments, recordRef, refundInput, userOption, voidInput } from '../inputs';
import { withProgress } from '../progress-line';

export async function refundCommand(session: CliSession, record: RecordArguments, options: AttemptOptions & { user: string; amount?: string }): Promise<number> {
  const ref = recordRef(record);
  const userId = userOption(options.user);
  const input = refundInput(options);
  const backend = await session.backend();
  const result = await withProgress('Waiting for the payment provider', () =>
    requestRefund(backend.deps, { transaction: ref, userId, amount: input.amount, reason: input.reason, note: input.note, idempotencyKey: idempotencyKey(input.idempotencyKey) }),
  );
  session.print({ attempt: result.attempt, transaction: result.transaction }, () => formatAttemptResult(result));
  return exitCodeOfAttempt(result.attempt.status);
}

export async function voidCommand(session: CliSession, record: RecordArguments, options: AttemptOptions & { user: string }): Promise<number> {
  const ref = recordRef(record);
  const userId = userOption(options.user);
  const input = voidInput(options);
  const backend = await session.backend();
  const result = await withProgress('Waiting for the payment provider', () =>
    requestVoid(backend.deps, { transaction: ref, userId, reason: input.reason, note: input.note, idempotencyKey: idempotencyKey(input.idempotencyKey) }),
  );
  session.print({ attempt: result.attempt, transaction: result.transaction }, () => formatAttemptResult(result));
  return exitCodeOfAttempt(result.attempt.status);
}
