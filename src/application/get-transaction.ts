import type { HubSpotUserId, TransactionRef } from '../domain/ids';
import { checkPermission } from './check-permission';
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
  const transaction = await loadTransaction(deps, ref);
  const [attempts, { permission }] = await Promise.all([deps.ledger.listAttempts(ref), checkPermission(deps, userId, transaction.currency)]);
  return {
    transaction: presentTransaction(transaction, attempts),
    attempts: attempts.map(presentAttempt),
    viewer: presentViewer(permission, transaction.currency),
  };
}
