import type { CurrencyCode } from '../domain/currency';
import type { DirectoryUser } from '../domain/directory-user';
import type { HubSpotUserId } from '../domain/ids';
import { decidePermission, type RefundPermission } from '../domain/policy';
import type { RefundDeps } from './refund-deps';

/** Decided on the server from the policy and the user's HubSpot record; never from what the client says. */
export async function checkPermission(
  deps: Pick<RefundDeps, 'users' | 'policy'>,
  userId: HubSpotUserId,
  currency: CurrencyCode,
): Promise<{ permission: RefundPermission; user: DirectoryUser | null }> {
  const user = await deps.users.findUser(userId);
  return { permission: decidePermission(deps.policy, user, currency), user };
}
