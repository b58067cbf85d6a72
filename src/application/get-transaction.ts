import type { HubSpotUserId, TransactionRef } from '../domain/ids';
import { holdsAmount, type RefundAttempt } from '../domain/attempt';
import { decidePermission } from '../domain/policy';
import { checkSettlement } from './settlement-check';
import type { Transaction } from './load-transaction';
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
  const canVoid = permission.canRefund && (await isVoidable(deps, transaction, attempts));
  return {
    transaction: presentTransaction(transaction, attempts),
    attempts: attempts.map(presentAttempt),
    viewer: presentViewer(permission, transaction.currency, canVoid),
  };
}

/** A void is offered only for a provider that voids, a payment untouched by refunds, and an unsettled one. */
async function isVoidable(deps: RefundDeps, transaction: Transaction, attempts: readonly RefundAttempt[]): Promise<boolean> {
  const provider = deps.providers.get(transaction.provider);
  if (!provider?.voids || attempts.some((attempt) => holdsAmount(attempt.status))) return false;
  return (await checkSettlement(deps, provider, transaction.providerTransactionId)).state === 'unsettled';
}
