import type { HubSpotUserId } from '../../domain/ids';
import { mayApprove } from '../../domain/refund-decision';
import type { RefundDeps } from '../refund-deps';
import { type AttemptView, presentAttempt, presentTransaction, type TransactionView } from '../transaction-view';

export interface ApprovalItem {
  readonly attempt: AttemptView;
  readonly transaction: TransactionView;
}

/**
 * The requests awaiting approval that the viewer may decide (design §7): none for someone who is not an
 * approver, and never their own; oldest first. Requests past their expiry are expired first.
 */
export async function listApprovals(deps: RefundDeps, userId: HubSpotUserId, page: { limit: number; cursor: string | null }): Promise<{ results: ApprovalItem[]; nextCursor: string | null }> {
  const [user, inForce] = await Promise.all([deps.users.findUser(userId), deps.policies.current()]);
  if (!mayApprove(inForce.policy, user)) return { results: [], nextCursor: null };
  await deps.ledger.expireDue(deps.clock.now(), 100);
  const { items, nextCursor } = await deps.ledger.listAwaitingApproval({ ...page, excludeRequester: userId });
  return {
    results: items.map(({ attempt, payment }) => ({ attempt: presentAttempt(attempt), transaction: presentTransaction(attempt.transaction, payment) })),
    nextCursor,
  };
}
