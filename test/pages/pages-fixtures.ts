import type { AttemptView, TransactionView } from '../../extensions/shared/api-schemas';
import type { ApprovalItem, RefundListItem, Summary, SummaryRow } from '../../extensions/refund-pages/report-schemas';
import { attemptView, awaitingAttempt, transactionView } from '../card/card-fixtures';

/** Typed copies of what the backend sends (src/application/approvals, src/application/reports), for fake answers. */
export function approvalItem(attempt: Partial<AttemptView> = {}, transaction: Partial<TransactionView> = {}): ApprovalItem {
  return { attempt: awaitingAttempt(attempt), transaction: transactionView({ refundStatus: 'refund_awaiting_approval', ...transaction }) };
}

export function listItem(overrides: Partial<RefundListItem> = {}): RefundListItem {
  return { ...attemptView({ id: 'att_1' }), objectType: 'deals', objectId: '1001', provider: 'stripe', providerTransactionId: 'pi_3Pq1001', ...overrides };
}

export function summaryRow(key: string, label: string, currency: string, overrides: Partial<SummaryRow> = {}): SummaryRow {
  return { key, label, currency, refunded: '0.00', refundedCount: 0, pending: '0.00', failedCount: 0, ...overrides };
}

export function summary(groupBy: Summary['groupBy'], results: SummaryRow[]): Summary {
  return { groupBy, from: '2025-02-03T12:00:00.000Z', to: '2025-03-05T12:00:00.000Z', results };
}
