import type { Actor, RefundAttempt } from '../domain/attempt';
import { displayName } from '../domain/directory-user';
import { AppError } from '../domain/errors';
import type { HubSpotUserId, TransactionRef } from '../domain/ids';
import { decidePermission, type RefundPermission } from '../domain/policy';
import type { PaymentProvider } from '../ports/payment-provider';
import { loadTransaction, type Transaction } from './load-transaction';
import type { RefundDeps } from './refund-deps';
import type { ReserveResult } from '../ports/ledger';
import { totalsOf } from '../domain/refund-status';
import { type AttemptView, presentAttempt, presentTotals, presentTransaction, type TransactionView } from './transaction-view';

export interface PreparedAttempt {
  readonly transaction: Transaction;
  readonly provider: PaymentProvider;
  readonly permission: RefundPermission;
  readonly actor: Actor;
}

/** What every refund or void checks first: the record, the user's right to act, and a configured provider. */
export async function prepareAttempt(deps: RefundDeps, ref: TransactionRef, userId: HubSpotUserId): Promise<PreparedAttempt> {
  const [transaction, user] = await Promise.all([loadTransaction(deps, ref), deps.users.findUser(userId)]);
  const permission = decidePermission(deps.policy, user, transaction.currency);
  if (!permission.canRefund) throw new AppError('NOT_PERMITTED', permission.denyReason ?? 'You may not refund.');
  const provider = deps.providers.get(transaction.provider);
  if (!provider) {
    throw new AppError('PROVIDER_NOT_CONFIGURED', `Refunds through ${transaction.provider} are not set up on this backend yet. Ask your HubSpot admin.`, {
      provider: transaction.provider,
    });
  }
  const invalidId = provider.describeInvalidTransactionId(transaction.providerTransactionId);
  if (invalidId) throw new AppError('TRANSACTION_NOT_REFUNDABLE', invalidId, { property: 'transactionId' });
  const actor: Actor = { userId, ...(user ? { email: user.email, name: displayName(user) } : {}) };
  return { transaction, provider, permission, actor };
}

export interface AttemptResult {
  /** created: this request made the attempt; replayed: the same key and body came before */
  readonly outcome: 'created' | 'replayed';
  readonly attempt: AttemptView;
  readonly transaction: TransactionView;
}

/**
 * The answer to a refund or void. A new attempt's totals are the other attempts' as its reservation read them
 * (under the lock) plus its own outcome, which spares a read of the whole history; a replay reads the ledger.
 */
export async function attemptResult(
  deps: RefundDeps,
  transaction: Transaction,
  reserved: Extract<ReserveResult, { kind: 'created' | 'replayed' }>,
  attempt: RefundAttempt,
): Promise<AttemptResult> {
  if (reserved.kind === 'replayed') {
    const attempts = await deps.ledger.listAttempts(transaction.ref);
    return { outcome: 'replayed', attempt: presentAttempt(attempt), transaction: presentTransaction(transaction, attempts) };
  }
  const { refundedMinor, inFlightMinor } = reserved.before;
  const totals = totalsOf(transaction.paidMinor, [attempt]);
  return {
    outcome: 'created',
    attempt: presentAttempt(attempt),
    transaction: presentTotals(transaction, {
      paidMinor: transaction.paidMinor,
      refundedMinor: refundedMinor + totals.refundedMinor,
      inFlightMinor: inFlightMinor + totals.inFlightMinor,
    }),
  };
}
