import { displayName } from '../../domain/directory-user';
import { hubSpotUserId } from '../../domain/ids';
import type { RefundPolicy } from '../../domain/policy';
import type { RefundDeps } from '../refund-deps';

/** Who can approve, in words for the rep: "a super admin, Mona Manager, or a member of team 12". Null when nobody can. */
export async function describeApprovers(deps: Pick<RefundDeps, 'users'>, policy: RefundPolicy): Promise<string | null> {
  const { approvers } = policy;
  const users = await Promise.all(approvers.userIds.slice(0, 5).map((id) => deps.users.findUser(hubSpotUserId(id)).catch(() => null)));
  const parts = [
    ...(approvers.superAdmins ? ['a super admin'] : []),
    ...users.map((user, index) => (user ? displayName(user) : `user ${approvers.userIds[index]}`)),
    ...(approvers.userIds.length > 5 ? [`${approvers.userIds.length - 5} more people`] : []),
    ...(approvers.teamIds.length > 0 ? [`a member of team${approvers.teamIds.length > 1 ? 's' : ''} ${approvers.teamIds.join(', ')}`] : []),
    ...(approvers.roleIds.length > 0 ? [`someone with role${approvers.roleIds.length > 1 ? 's' : ''} ${approvers.roleIds.join(', ')}`] : []),
  ];
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)!}`;
}
