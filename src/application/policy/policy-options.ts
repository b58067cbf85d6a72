import { currencyList } from '../../domain/currency';
import { displayName } from '../../domain/directory-user';
import type { HubSpotUserId } from '../../domain/ids';
import type { RefundDeps } from '../refund-deps';
import { superAdmin } from './manage-policy';

export interface PolicyOptions {
  readonly users: readonly { readonly id: string; readonly name: string; readonly email: string; readonly superAdmin: boolean }[];
  readonly teams: readonly { readonly id: string; readonly name: string }[];
  readonly roles: readonly { readonly id: string; readonly name: string }[];
  /** every ISO 4217 currency and its decimals, for limits typed with the right precision */
  readonly currencies: readonly { readonly code: string; readonly decimals: number }[];
}

/** What the settings page offers to pick from (design §6): the account's users, teams and roles by name. Super admins only. */
export async function policyOptions(deps: Pick<RefundDeps, 'users' | 'directory' | 'policies' | 'policyStore' | 'clock' | 'logger'>, userId: HubSpotUserId): Promise<PolicyOptions> {
  await superAdmin(deps, userId);
  const [users, teams, roles] = await Promise.all([deps.directory.listUsers(), deps.directory.listTeams(), deps.directory.listRoles()]);
  const byName = <T extends { name: string }>(items: T[]) => items.sort((a, b) => a.name.localeCompare(b.name));
  return {
    users: byName(users.map((user) => ({ id: user.id, name: displayName(user), email: user.email, superAdmin: user.superAdmin }))),
    teams: byName([...teams]),
    roles: byName([...roles]),
    currencies: currencyList(),
  };
}
