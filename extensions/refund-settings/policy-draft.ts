import type { RefundReason } from '../shared/api-schemas';
import type { OtherCurrencies, PolicyDocument, Principals } from './policy-schemas';

/** A currency's limits as typed: "" means no such limit. */
export interface LimitDraft {
  readonly currency: string;
  readonly perRefund: string;
  readonly perDay: string;
}

/** The policy as the form holds it: amounts and hours as typed, limits in the order they were added. */
export interface PolicyDraft {
  readonly refunders: Principals;
  readonly approvers: Principals;
  readonly limits: readonly LimitDraft[];
  readonly otherCurrencies: OtherCurrencies;
  readonly limitSuperAdmins: boolean;
  readonly requireNoteFor: readonly RefundReason[];
  readonly approvalExpiresAfterHours: string;
}

export type PrincipalsGroup = 'refunders' | 'approvers';
export type PrincipalList = 'userIds' | 'teamIds' | 'roleIds';

export function draftOf(policy: PolicyDocument): PolicyDraft {
  return {
    refunders: policy.refunders,
    approvers: policy.approvers,
    limits: Object.entries(policy.limits).map(([currency, limit]) => ({ currency, perRefund: limit.perRefund ?? '', perDay: limit.perDay ?? '' })),
    otherCurrencies: policy.otherCurrencies,
    limitSuperAdmins: policy.limitSuperAdmins,
    // "other" always needs a note (design §5): the form shows it as required even if an older version left it out
    requireNoteFor: policy.requireNoteFor.includes('other') ? policy.requireNoteFor : [...policy.requireNoteFor, 'other'],
    approvalExpiresAfterHours: String(policy.approvalExpiresAfterHours),
  };
}

/** Whether two drafts say the same thing (the Save button only acts on a change). */
export function sameDraft(a: PolicyDraft, b: PolicyDraft): boolean {
  return JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));
}

function comparable(draft: PolicyDraft): unknown {
  const sorted = (ids: readonly string[]) => [...ids].sort();
  const principals = (p: Principals) => ({ superAdmins: p.superAdmins, userIds: sorted(p.userIds), teamIds: sorted(p.teamIds), roleIds: sorted(p.roleIds) });
  return {
    ...draft,
    refunders: principals(draft.refunders),
    approvers: principals(draft.approvers),
    limits: [...draft.limits].map((limit) => ({ ...limit, perRefund: limit.perRefund.trim(), perDay: limit.perDay.trim() })).sort((x, y) => x.currency.localeCompare(y.currency)),
    requireNoteFor: sorted(draft.requireNoteFor),
    approvalExpiresAfterHours: draft.approvalExpiresAfterHours.trim(),
  };
}
