import { approveRequest } from '../../application/approvals/approve-request';
import { cancelRequest, rejectRequest } from '../../application/approvals/settle-request';
import { listApprovals } from '../../application/approvals/list-approvals';
import { invalidRequest } from '../../contract/error-answers';
import { attemptParams } from '../../contract/request-schemas';
import { type AttemptId, attemptId } from '../../domain/ids';
import type { CliSession } from '../cli-session';
import { EXIT, exitCodeOfAttempt } from '../exit-codes';
import { formatApprovals, formatAttemptResult } from '../format';
import { userOption } from '../inputs';
import { withProgress } from '../progress-line';

function idOf(value: string): AttemptId {
  const parsed = attemptParams.safeParse({ attemptId: value });
  if (!parsed.success) throw invalidRequest(parsed.error);
  return attemptId(parsed.data.attemptId);
}

export async function approvalsCommand(session: CliSession, options: { user: string }): Promise<number> {
  const user = userOption(options.user);
  const backend = await session.backend();
  const page = await listApprovals(backend.deps, user, { limit: 100, cursor: null });
  session.print(page, () => formatApprovals(page.results));
  return EXIT.ok;
}

export async function approveCommand(session: CliSession, id: string, options: { user: string; note?: string }): Promise<number> {
  const attempt = idOf(id);
  const user = userOption(options.user);
  const backend = await session.backend();
  const result = await withProgress('Waiting for the payment provider', () => approveRequest(backend.deps, attempt, user, options.note?.trim() || null));
  session.print({ attempt: result.attempt, transaction: result.transaction }, () => formatAttemptResult(result));
  return exitCodeOfAttempt(result.attempt.status);
}

export async function rejectCommand(session: CliSession, id: string, options: { user: string; note: string }): Promise<number> {
  const attempt = idOf(id);
  const user = userOption(options.user);
  const backend = await session.backend();
  const result = await rejectRequest(backend.deps, attempt, user, options.note);
  session.print({ attempt: result.attempt, transaction: result.transaction }, () => formatAttemptResult(result));
  return EXIT.ok;
}

export async function cancelCommand(session: CliSession, id: string, options: { user: string }): Promise<number> {
  const attempt = idOf(id);
  const user = userOption(options.user);
  const backend = await session.backend();
  const result = await cancelRequest(backend.deps, attempt, user);
  session.print({ attempt: result.attempt, transaction: result.transaction }, () => formatAttemptResult(result));
  return EXIT.ok;
}
