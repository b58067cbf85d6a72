import { z } from 'zod';
import type { CurrencyCode } from './currency';
import type { DirectoryUser } from './directory-user';
import { describeMoneyError, parseMoney } from './money';

const idList = z.array(z.string().regex(/^\d+$/, 'HubSpot ids are digits')).default([]);

/**
 * The refund policy an admin writes in REFUND_POLICY / REFUND_POLICY_FILE. Who may refund: super admins
 * (on by default), listed users, members of listed teams, holders of listed roles (permission sets).
 * `maxPerRefund` caps a single refund per currency ({"USD": "500.00"}); super admins are exempt unless
 * `limitSuperAdmins` is true. A currency without an entry has no cap.
 */
export const refundPolicySchema = z
  .object({
    superAdmins: z.boolean().default(true),
    userIds: idList,
    teamIds: idList,
    roleIds: idList,
    maxPerRefund: z.record(z.string(), z.string()).default({}),
    limitSuperAdmins: z.boolean().default(false),
  })
  .strict()
  .transform((raw, ctx) => {
    const maxPerRefund = new Map<CurrencyCode, bigint>();
    for (const [code, amount] of Object.entries(raw.maxPerRefund)) {
      const parsed = parseMoney(amount, code);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', path: ['maxPerRefund', code], message: describeMoneyError(parsed.error, code) });
        continue;
      }
      maxPerRefund.set(parsed.money.currency, parsed.money.minor);
    }
    return { ...raw, maxPerRefund };
  });

export type RefundPolicy = z.output<typeof refundPolicySchema>;

export const DEFAULT_POLICY: RefundPolicy = refundPolicySchema.parse({});

export interface RefundPermission {
  readonly canRefund: boolean;
  /** null when no cap applies */
  readonly maxRefundMinor: bigint | null;
  readonly denyReason: string | null;
}

export function decidePermission(policy: RefundPolicy, user: DirectoryUser | null, currency: CurrencyCode): RefundPermission {
  if (!user) {
    return { canRefund: false, maxRefundMinor: null, denyReason: 'Your HubSpot user could not be found in this account.' };
  }
  const teams = new Set(user.teamIds);
  const roles = new Set(user.roleIds);
  const bySuperAdmin = policy.superAdmins && user.superAdmin;
  const allowed =
    bySuperAdmin ||
    policy.userIds.includes(user.id) ||
    policy.teamIds.some((team) => teams.has(team)) ||
    policy.roleIds.some((role) => roles.has(role));
  if (!allowed) {
    return {
      canRefund: false,
      maxRefundMinor: null,
      denyReason: 'Refunds are limited to the people your HubSpot admin named in the refund policy. Ask a super admin for access.',
    };
  }
  const capped = !(user.superAdmin && !policy.limitSuperAdmins);
  const cap = capped ? (policy.maxPerRefund.get(currency) ?? null) : null;
  return { canRefund: true, maxRefundMinor: cap, denyReason: null };
}

