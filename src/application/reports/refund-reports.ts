import type { RefundAttempt } from '../../domain/attempt';
import { assertNever } from '../../domain/assert-never';
import { AppError } from '../../domain/errors';
import type { HubSpotUserId } from '../../domain/ids';
import { formatMinor } from '../../domain/money';
import { mayApprove } from '../../domain/refund-decision';
import type { GroupBy, RefundFilter, RefundReports } from '../../ports/refund-reports';
import { REASON_LABELS } from '../crm-write/refund-note';
import type { RefundDeps } from '../refund-deps';
import type { ProviderLabels } from '../provider-labels';
import { isPaymentProviderName } from '../../domain/refund-reason';
import { type AttemptView, presentAttempt } from '../transaction-view';

export type ReportDeps = Pick<RefundDeps, 'users' | 'policies' | 'clock' | 'providerLabels'> & { readonly reports: RefundReports };

/** One row of the list: the attempt, and the record and payment it belongs to. */
export interface RefundListItem extends AttemptView {
  readonly objectType: string;
  readonly objectId: string;
  readonly provider: string;
  readonly providerTransactionId: string;
}

export interface SummaryItem {
  readonly key: string;
  readonly label: string;
  readonly currency: string;
  readonly refunded: string;
  readonly refundedCount: number;
  readonly pending: string;
  readonly failedCount: number;
}

/** Reports are for approvers and super admins (design §7). */
export async function reportReader(deps: ReportDeps, userId: HubSpotUserId): Promise<void> {
  const [user, inForce] = await Promise.all([deps.users.findUser(userId), deps.policies.current()]);
  if (!user || !(user.superAdmin || mayApprove(inForce.policy, user))) {
    throw new AppError('NOT_PERMITTED', 'Refund reports are for approvers and super admins. Ask a super admin to add you as an approver in the refund policy.');
  }
}

export function listItemOf(attempt: RefundAttempt): RefundListItem {
  return {
    ...presentAttempt(attempt),
    objectType: attempt.transaction.objectType,
    objectId: attempt.transaction.objectId,
    provider: attempt.provider,
    providerTransactionId: attempt.providerTransactionId,
  };
}

/** Attempts across every payment, newest first, one page at a time. */
export async function listRefunds(deps: ReportDeps, userId: HubSpotUserId, filter: RefundFilter, page: { limit: number; cursor: string | null }) {
  await reportReader(deps, userId);
  const { attempts, nextCursor } = await deps.reports.listRefunds(filter, page);
  return { results: attempts.map(listItemOf), nextCursor };
}

/** The last 30 days when no period is given. */
export const DEFAULT_PERIOD_MS = 30 * 24 * 3_600_000;

/** Totals by reason, rep, provider, currency or status over a period, one row per group and currency. */
export async function summarizeRefunds(deps: ReportDeps, userId: HubSpotUserId, filter: RefundFilter, groupBy: GroupBy) {
  await reportReader(deps, userId);
  const to = filter.to ?? deps.clock.now();
  const from = filter.from ?? new Date(to.getTime() - DEFAULT_PERIOD_MS);
  const rows = await deps.reports.summarize({ ...filter, from, to }, groupBy);
  const results: SummaryItem[] = rows.map((row) => ({
    key: row.key,
    label: labelOf(deps.providerLabels, groupBy, row.key, row.name),
    currency: row.currency,
    refunded: formatMinor(row.refundedMinor, row.currency),
    refundedCount: row.refundedCount,
    pending: formatMinor(row.pendingMinor, row.currency),
    failedCount: row.failedCount,
  }));
  return { groupBy, from: from.toISOString(), to: to.toISOString(), results };
}

function labelOf(labels: ProviderLabels, groupBy: GroupBy, key: string, name: string | null): string {
  switch (groupBy) {
    case 'reason':
      return REASON_LABELS[key as keyof typeof REASON_LABELS] ?? key;
    case 'requestedBy':
      return key === 'provider' ? "Made in the provider's dashboard" : (name ?? `HubSpot user ${key}`);
    case 'provider':
      return isPaymentProviderName(key) ? labels[key].label : key;
    case 'currency':
      return key;
    case 'status':
      return key.replace(/_/g, ' ');
    default:
      return assertNever(groupBy);
  }
}
