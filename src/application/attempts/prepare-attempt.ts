import type { Actor } from '../../domain/attempt';
import { displayName, type DirectoryUser } from '../../domain/directory-user';
import { AppError } from '../../domain/errors';
import type { HubSpotUserId, TransactionRef } from '../../domain/ids';
import { refunderCheck } from '../../domain/refund-decision';
import type { PaymentProvider } from '../../ports/payment-provider';
import { loadTransaction, type Transaction } from '../load-transaction';
import type { PolicyInForce } from '../policy/policy-source';
import type { RefundDeps } from '../refund-deps';

export interface PreparedAttempt {
  readonly transaction: Transaction;
  readonly provider: PaymentProvider;
  readonly user: DirectoryUser | null;
  readonly actor: Actor;
  readonly inForce: PolicyInForce;
}

export function actorOf(userId: HubSpotUserId, user: DirectoryUser | null): Actor {
  return { userId, ...(user ? { email: user.email, name: displayName(user) } : {}) };
}

export function configuredProvider(deps: Pick<RefundDeps, 'providers'>, name: Transaction['key']['provider']): PaymentProvider {
  const provider = deps.providers.get(name);
  if (!provider) {
    throw new AppError('PROVIDER_NOT_CONFIGURED', `Refunds through ${name} are not set up on this backend yet. Ask your HubSpot admin.`, { provider: name });
  }
  return provider;
}

/** What every refund or void checks first: the record, the user's right to refund at all, and a configured provider. */
export async function prepareAttempt(deps: RefundDeps, ref: TransactionRef, userId: HubSpotUserId): Promise<PreparedAttempt> {
  const [transaction, user, inForce] = await Promise.all([loadTransaction(deps, ref), deps.users.findUser(userId), deps.policies.current()]);
  const refused = refunderCheck(inForce.policy, user);
  if (refused) throw new AppError('NOT_PERMITTED', refused);
  const provider = configuredProvider(deps, transaction.key.provider);
  const invalidId = provider.describeInvalidTransactionId(transaction.key.providerTransactionId);
  if (invalidId) throw new AppError('TRANSACTION_NOT_REFUNDABLE', invalidId, { property: 'transactionId' });
  return { transaction, provider, user, actor: actorOf(userId, user), inForce };
}
