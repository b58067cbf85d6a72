import type { HubSpotUserId, TransactionRef } from '../domain/ids';
import { decidePermission } from '../domain/policy';
import { loadTransaction } from './load-transaction';
import type { RefundDeps } from './refund-deps';
import { type AttemptView, presentAttempt, presentTransaction, presentViewer, type TransactionView, type ViewerView } from './transaction-view';

export interface TransactionDetails {
  readonly transaction: TransactionView;
  readonly attempts: readonly AttemptView[];
  readonly viewer: ViewerView;
}

/** What the card shows: the payment, its refund history (newest first) and what this user may do. */
export async function getTransaction(deps: RefundDeps, ref: TransactionRef, userId: HubSpotUserId): Promise<TransactionDetails> {
  const [transaction, user, attempts] = await Promise.all([loadTransaction(deps, ref), deps.users.findUser(userId), deps.ledger.listAttempts(ref)]);
  const permission = decidePermission(deps.policy, user, transaction.currency);
  return {
    transaction: presentTransaction(transaction, attempts),
    attempts: attempts.map(presentAttempt),
    viewer: presentViewer(permission, transaction.currency),
  };
}
