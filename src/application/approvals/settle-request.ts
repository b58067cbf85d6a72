import { AppError } from '../../domain/errors';
import type { AttemptId, HubSpotUserId } from '../../domain/ids';
import { mayApprove } from '../../domain/refund-decision';
import { type AttemptResult, attemptResult } from '../attempts/attempt-result';
import { recordChange } from '../attempts/record-outcome';
import type { RefundDeps } from '../refund-deps';
import { changed, pendingRequest } from './decide-request';

/** An approver says no, with a note the requester will read (design §5). */
export async function rejectRequest(deps: RefundDeps, id: AttemptId, userId: HubSpotUserId, note: string): Promise<AttemptResult> {
  if (note.trim() === '') throw new AppError('INVALID_REQUEST', 'note: say why the request is rejected', { field: 'note' });
  const request = await pendingRequest(deps, id, userId, note.trim());
  if (!mayApprove(request.inForce.policy, request.user)) throw new AppError('NOT_PERMITTED', 'Only approvers named in the refund policy may reject refund requests.');
  if (request.attempt.requestedBy?.userId === userId) throw new AppError('NOT_PERMITTED', 'Nobody decides on their own request: cancel it instead.');
  const result = changed(await recordChange(deps, request.attempt, { kind: 'reject', decision: request.decision }, 'approval'), request.payment.currency);
  return attemptResult('created', result.attempt.transaction, result.attempt, result.payment);
}

/** The requester withdraws their request; nobody else may. */
export async function cancelRequest(deps: RefundDeps, id: AttemptId, userId: HubSpotUserId): Promise<AttemptResult> {
  const request = await pendingRequest(deps, id, userId, null);
  if (request.attempt.requestedBy?.userId !== userId) throw new AppError('NOT_PERMITTED', 'Only the person who asked for this refund may cancel it; approvers reject it instead.');
  const result = changed(await recordChange(deps, request.attempt, { kind: 'cancel', decision: request.decision }, 'approval'), request.payment.currency);
  return attemptResult('created', result.attempt.transaction, result.attempt, result.payment);
}
