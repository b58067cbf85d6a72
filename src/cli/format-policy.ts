import type { PolicyHistoryItem, PolicyView } from '../application/policy/manage-policy';
import type { Principals } from '../domain/principals';

/** The policy as an admin reads it in a terminal; `--json` gives the document itself. */
export function formatPolicy(view: PolicyView): string {
  const { policy } = view;
  const limits = Object.entries(policy.limits);
  return [
    `Refund policy, version ${view.version}${view.locked ? ' (pinned by REFUND_POLICY_LOCKED)' : ''}, saved ${view.updatedAt.replace('T', ' ').slice(0, 16)} UTC by ${view.updatedBy?.name ?? view.updatedBy?.userId ?? `the configuration (${view.source})`}`,
    `  refunders: ${principals(policy.refunders)}`,
    `  approvers: ${principals(policy.approvers)}`,
    `  limits: ${limits.length === 0 ? 'none' : limits.map(([currency, limit]) => `${currency} ${limit.perRefund ?? '–'} per refund, ${limit.perDay ?? '–'} per day`).join('; ')}`,
    `  other currencies: ${policy.otherCurrencies === 'no_limit' ? 'no limit' : 'every refund needs approval'}`,
    `  super admins limited: ${policy.limitSuperAdmins ? 'yes' : 'no'}`,
    `  note required for: ${policy.requireNoteFor.join(', ') || 'nothing'}`,
    `  requests expire after ${policy.approvalExpiresAfterHours} hours`,
  ].join('\n');
}

export function formatPolicyHistory(items: readonly PolicyHistoryItem[]): string {
  return items
    .map((item) => `version ${item.version} · ${item.updatedAt.replace('T', ' ').slice(0, 16)} UTC · ${item.updatedBy?.name ?? item.updatedBy?.userId ?? item.source}\n${item.changes.map((change) => `  ${change}`).join('\n')}`)
    .join('\n');
}

function principals(who: Principals): string {
  const parts = [
    ...(who.superAdmins ? ['super admins'] : []),
    ...(who.userIds.length ? [`users ${who.userIds.join(', ')}`] : []),
    ...(who.teamIds.length ? [`teams ${who.teamIds.join(', ')}`] : []),
    ...(who.roleIds.length ? [`roles ${who.roleIds.join(', ')}`] : []),
  ];
  return parts.join(', ') || 'nobody';
}
