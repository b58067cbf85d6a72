import * as z from 'zod';
import type { DirectoryUser } from './directory-user';

/** Who a rule names: super admins (as a group), and users, teams and roles by HubSpot id. */
export interface Principals {
  readonly superAdmins: boolean;
  readonly userIds: readonly string[];
  readonly teamIds: readonly string[];
  readonly roleIds: readonly string[];
}

const idList = z
  .array(z.string().regex(/^\d{1,20}$/, 'HubSpot ids are digits'))
  .default([])
  .transform((ids) => [...new Set(ids)].sort((a, b) => a.length - b.length || a.localeCompare(b)));

export const principalsSchema = (superAdminsByDefault: boolean) =>
  z
    .object({ superAdmins: z.boolean().default(superAdminsByDefault), userIds: idList, teamIds: idList, roleIds: idList })
    .strict();

export function names(principals: Principals, user: DirectoryUser): boolean {
  return (
    (principals.superAdmins && user.superAdmin) ||
    principals.userIds.includes(user.id) ||
    principals.teamIds.some((team) => user.teamIds.includes(team)) ||
    principals.roleIds.some((role) => user.roleIds.includes(role))
  );
}

export function namesAnyone(principals: Principals): boolean {
  return principals.superAdmins || principals.userIds.length + principals.teamIds.length + principals.roleIds.length > 0;
}
