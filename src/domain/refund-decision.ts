import { assertNever } from './assert-never';
import type { CurrencyCode } from './currency';
import type { DirectoryUser } from './directory-user';
import { formatMinor } from './money';
import type { RefundPolicy } from './policy';
import { names, namesAnyone } from './principals';

/** Which limit a refund is over (design §5). */
export type LimitExceeded =
  | { readonly limit: 'per_refund'; readonly limitMinor: bigint }
  | { readonly limit: 'per_day'; readonly limitMinor: bigint; readonly usedMinor: bigint }
  | { readonly limit: 'currency' };

export type RefundDecision =
  | { readonly kind: 'allow' }
  | { readonly kind: 'needs_approval'; readonly exceeded: LimitExceeded }
  | { readonly kind: 'deny'; readonly message: string; readonly maxMinor: bigint | null };

const NOT_A_REFUNDER = 'Refunds are limited to the people your HubSpot admin named in the refund policy. Ask a super admin for access.';
const UNKNOWN_USER = 'Your HubSpot user could not be found in this account.';

/** Whether `user` may refund at all (before any amount). */
export function refunderCheck(policy: RefundPolicy, user: DirectoryUser | null): string | null {
  if (!user) return UNKNOWN_USER;
  return names(policy.refunders, user) ? null : NOT_A_REFUNDER;
}

export function mayApprove(policy: RefundPolicy, user: DirectoryUser | null): boolean {
  return user !== null && names(policy.approvers, user);
}

/** Super admins are not limited unless the policy says so. */
export function isLimited(policy: RefundPolicy, user: DirectoryUser): boolean {
  return !(user.superAdmin && !policy.limitSuperAdmins);
}

/** The perDay limit that applies to this user in this currency, if any: the ledger then sums their day under a lock. */
export function dailyLimitOf(policy: RefundPolicy, user: DirectoryUser | null, currency: CurrencyCode): bigint | null {
  if (!user || !isLimited(policy, user)) return null;
  return policy.limits.get(currency)?.perDayMinor ?? null;
}

/**
 * Refund at once, ask an approver, or refuse (design §5). Limits are inclusive; `usedTodayMinor` is the
 * user's own refunds of the last 24 hours in this currency that did not need approval.
 */
export function decideRefund(policy: RefundPolicy, user: DirectoryUser | null, currency: CurrencyCode, amountMinor: bigint, usedTodayMinor: bigint): RefundDecision {
  const refused = refunderCheck(policy, user);
  if (refused || !user) return { kind: 'deny', message: refused ?? UNKNOWN_USER, maxMinor: null };
  if (!isLimited(policy, user)) return { kind: 'allow' };
  const exceeded = exceededLimit(policy, currency, amountMinor, usedTodayMinor);
  if (!exceeded) return { kind: 'allow' };
  if (namesAnyone(policy.approvers)) return { kind: 'needs_approval', exceeded };
  return { kind: 'deny', message: `${describeExceeded(exceeded, currency)} The refund policy names no approvers, so it cannot be approved. Ask a super admin.`, maxMinor: maxWithoutApproval(exceeded, amountMinor) };
}

function exceededLimit(policy: RefundPolicy, currency: CurrencyCode, amountMinor: bigint, usedTodayMinor: bigint): LimitExceeded | null {
  const limits = policy.limits.get(currency);
  if (!limits) return policy.otherCurrencies === 'no_limit' ? null : { limit: 'currency' };
  if (limits.perRefundMinor !== null && amountMinor > limits.perRefundMinor) return { limit: 'per_refund', limitMinor: limits.perRefundMinor };
  if (limits.perDayMinor !== null && usedTodayMinor + amountMinor > limits.perDayMinor) {
    return { limit: 'per_day', limitMinor: limits.perDayMinor, usedMinor: usedTodayMinor };
  }
  return null;
}

function maxWithoutApproval(exceeded: LimitExceeded, amountMinor: bigint): bigint {
  switch (exceeded.limit) {
    case 'per_refund':
      return exceeded.limitMinor;
    case 'per_day': {
      const left = exceeded.limitMinor - exceeded.usedMinor;
      return left > 0n ? (left < amountMinor ? left : amountMinor) : 0n;
    }
    case 'currency':
      return 0n;
    default:
      return assertNever(exceeded);
  }
}

/** For the rep and the approver: which limit, in words. */
export function describeExceeded(exceeded: LimitExceeded, currency: CurrencyCode): string {
  const amount = (minor: bigint) => `${currency} ${formatMinor(minor, currency)}`;
  switch (exceeded.limit) {
    case 'per_refund':
      return `Above the limit of ${amount(exceeded.limitMinor)} per refund.`;
    case 'per_day':
      return `Above the daily limit of ${amount(exceeded.limitMinor)} (${amount(exceeded.usedMinor)} already refunded in the last 24 hours).`;
    case 'currency':
      return `Refunds in ${currency} have no limit set, so each one needs approval.`;
    default:
      return assertNever(exceeded);
  }
}

/** What the card shows before a refund is asked: how far the viewer may go at once, and with approval. */
export interface ViewerLimits {
  readonly canRefund: boolean;
  readonly denyReason: string | null;
  readonly canApprove: boolean;
  /** amounts above this need approval; null when none do */
  readonly approvalAboveMinor: bigint | null;
  /** the most the viewer may request, approval included; null = up to what is refundable */
  readonly maxRefundMinor: bigint | null;
  /** null without a daily limit */
  readonly dailyRemainingMinor: bigint | null;
}

export function viewerLimits(policy: RefundPolicy, user: DirectoryUser | null, currency: CurrencyCode, usedTodayMinor: bigint): ViewerLimits {
  const canApprove = mayApprove(policy, user);
  const refused = refunderCheck(policy, user);
  const none = { approvalAboveMinor: null, maxRefundMinor: null, dailyRemainingMinor: null };
  if (refused || !user) return { canRefund: false, denyReason: refused ?? UNKNOWN_USER, canApprove, ...none };
  if (!isLimited(policy, user)) return { canRefund: true, denyReason: null, canApprove, ...none };
  const approvers = namesAnyone(policy.approvers);
  const limits = policy.limits.get(currency);
  if (!limits) {
    if (policy.otherCurrencies === 'no_limit') return { canRefund: true, denyReason: null, canApprove, ...none };
    return approvers
      ? { canRefund: true, denyReason: null, canApprove, approvalAboveMinor: 0n, maxRefundMinor: null, dailyRemainingMinor: null }
      : { canRefund: false, denyReason: describeExceeded({ limit: 'currency' }, currency).replace('each one needs approval', 'they need approval, and the policy names no approvers'), canApprove, ...none };
  }
  const remaining = limits.perDayMinor === null ? null : limits.perDayMinor > usedTodayMinor ? limits.perDayMinor - usedTodayMinor : 0n;
  const thresholds = [limits.perRefundMinor, remaining].filter((value): value is bigint => value !== null);
  const above = thresholds.length === 0 ? null : thresholds.reduce((low, value) => (value < low ? value : low));
  if (!approvers && above === 0n) {
    return { canRefund: false, denyReason: 'You have used your daily refund limit, and the policy names no approvers. Try again later or ask a super admin.', canApprove, ...none, dailyRemainingMinor: 0n };
  }
  return { canRefund: true, denyReason: null, canApprove, approvalAboveMinor: above, maxRefundMinor: approvers ? null : above, dailyRemainingMinor: remaining };
}
