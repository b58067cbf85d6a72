import type { ApprovalDecision, RefundAttempt } from '../../domain/attempt';
import type { DirectoryUser } from '../../domain/directory-user';
import { AppError } from '../../domain/errors';
import type { AttemptId, HubSpotUserId } from '../../domain/ids';
import { formatMinor } from '../../domain/money';
import type { ChangeResult, PaymentState } from '../../ports/ledger';
import { actorOf } from '../attempts/prepare-attempt';
import { recordChange } from '../attempts/record-outcome';
import type { PolicyInForce } from '../policy/policy-source';
import type { RefundDeps } from '../refund-deps';

export interface PendingRequest {
  readonly attempt: RefundAttempt;
  readonly payment: PaymentState;
  readonly user: DirectoryUser | null;
  readonly inForce: PolicyInForce;
  readonly decision: ApprovalDecision;
}

/**
 * What approving, rejecting and cancelling share: the request exists, is still awaiting approval (one whose
 * time ran out is expired now, and says so), and the decision names who made it and when.
 */
export async function pendingRequest(deps: RefundDeps, id: AttemptId, userId: HubSpotUserId, note: string | null): Promise<PendingRequest> {
  const [found, user, inForce] = await Promise.all([deps.ledger.findAttempt(id), deps.users.findUser(userId), deps.policies.current()]);
  if (!found) throw new AppError('ATTEMPT_NOT_FOUND', 'There is no refund request with this id.');
  const { attempt, payment } = found;
  const now = deps.clock.now();
  if (attempt.status === 'awaiting_approval' && attempt.expiresAt && attempt.expiresAt <= now) {
    await recordChange(deps, attempt, { kind: 'expire' }, 'expiry');
    throw notAwaiting({ ...attempt, status: 'expired' });
  }
  if (attempt.status !== 'awaiting_approval') throw notAwaiting(attempt);
  return { attempt, payment, user, inForce, decision: { decidedBy: actorOf(userId, user), decidedAt: now, note } };
}

export function notAwaiting(attempt: Pick<RefundAttempt, 'status'>): AppError {
  const why: Partial<Record<RefundAttempt['status'], string>> = {
    expired: 'it expired: nobody decided in time',
    canceled: 'the requester canceled it',
    rejected: 'it was rejected',
  };
  return new AppError('ATTEMPT_NOT_AWAITING_APPROVAL', `This request is no longer awaiting approval: ${why[attempt.status] ?? 'it was approved already'}.`, {
    status: attempt.status,
  });
}

/** A change that lost a race (another approver, the requester's cancel, expiry) is the same 409. */
export function changed(result: ChangeResult, currency: PaymentState['currency']): Extract<ChangeResult, { kind: 'changed' }> {
  switch (result.kind) {
    case 'changed':
      return result;
    case 'not_allowed':
    case 'unchanged':
      throw notAwaiting(result.attempt);
    case 'no_longer_fits':
      throw new AppError(
        'AMOUNT_EXCEEDS_REFUNDABLE',
        `The payment changed since this was requested: at most ${currency} ${formatMinor(result.refundableMinor, currency)} can be refunded now. Reject it, and ask for a new refund.`,
        { refundable: formatMinor(result.refundableMinor, currency) },
      );
    case 'not_found':
      throw new AppError('ATTEMPT_NOT_FOUND', 'There is no refund request with this id.');
    default: {
      const unreachable: never = result;
      return unreachable;
    }
  }
}
