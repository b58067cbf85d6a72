import type { TransactionDetails } from '../application/get-transaction';
import type { AttemptResult } from '../application/attempts/attempt-result';
import { REASON_LABELS } from '../application/crm-write/refund-note';
import type { ApprovalItem } from '../application/approvals/list-approvals';
import type { AttemptView, TransactionView } from '../application/transaction-view';
import { assertNever } from '../domain/assert-never';

/** Human-readable answers of the CLI; `--json` prints the API's JSON instead. */

export function formatDetails(details: TransactionDetails): string {
  const { transaction, attempts, viewer } = details;
  const lines = [
    `${transaction.objectType}/${transaction.objectId} · ${transaction.provider} ${transaction.providerTransactionId}`,
    `  ${totals(transaction)}`,
    `  ${viewerLine(viewer, transaction.currency)}`,
    ...transaction.warnings.map((warning) => `  warning: ${warning.message}`),
  ];
  if (attempts.length === 0) return [...lines, '  no refund attempts yet'].join('\n');
  return [...lines, 'Attempts, newest first:', ...table(attempts.map(attemptRow))].join('\n');
}

export function formatAttemptResult(result: AttemptResult): string {
  const { attempt, transaction } = result;
  const what = attempt.kind === 'void' ? 'Void' : 'Refund';
  const lines = [
    `${result.outcome === 'replayed' ? 'Already sent with this --key: ' : ''}${what} ${statusPhrase(attempt)}: ${attempt.currency} ${attempt.amount} on ${transaction.objectType}/${transaction.objectId}${attempt.providerRefundId ? ` (${transaction.provider} ${attempt.providerRefundId})` : ''}`,
  ];
  if (attempt.failure) lines.push(`  ${attempt.failure.message}`);
  if (attempt.approvalReason) lines.push(`  ${attempt.approvalReason}`);
  if (attempt.approval) lines.push(`  decided by ${attempt.approval.decidedBy.name ?? attempt.approval.decidedBy.userId}${attempt.approval.note ? `: ${JSON.stringify(attempt.approval.note)}` : ''}`);
  lines.push(`  attempt ${attempt.id} · ${REASON_LABELS[attempt.reason]} · by ${who(attempt)}`);
  lines.push(`  ${totals(transaction)}`);
  return lines.join('\n');
}

function viewerLine(viewer: TransactionDetails['viewer'], currency: string): string {
  if (!viewer.canRefund) return `you may not refund: ${viewer.denyReason ?? 'not permitted'}`;
  const parts = [
    viewer.approvalAbove === null ? 'you may refund what is refundable' : `you may refund up to ${currency} ${viewer.approvalAbove} without approval`,
    ...(viewer.approvalAbove !== null && viewer.approvalBy ? [`above that, ${viewer.approvalBy} approves`] : []),
    ...(viewer.dailyRemaining !== null ? [`${currency} ${viewer.dailyRemaining} left today`] : []),
    ...(viewer.canVoid ? ['a void is possible (not settled yet)'] : []),
    ...(viewer.canApprove ? ['you approve requests'] : []),
  ];
  return parts.join('; ');
}

function statusPhrase(attempt: AttemptView): string {
  switch (attempt.status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'FAILED';
    case 'pending':
      return 'pending at the provider (it settles later)';
    case 'unknown':
      return 'outcome UNKNOWN (no answer in time; it will be looked up, never sent twice)';
    case 'awaiting_approval':
      return `AWAITING APPROVAL${attempt.expiresAt ? ` until ${attempt.expiresAt.replace('T', ' ').slice(0, 16)} UTC` : ''}`;
    case 'rejected':
      return 'request REJECTED';
    case 'expired':
      return 'request EXPIRED (nobody approved it in time)';
    case 'canceled':
      return 'request canceled';
    default:
      return assertNever(attempt.status);
  }
}

function totals(transaction: TransactionView): string {
  const c = transaction.currency;
  return `paid ${c} ${transaction.amount} · refunded ${transaction.refunded} · refundable ${transaction.refundable} · ${transaction.refundStatus}`;
}

function who(attempt: AttemptView): string {
  const by = attempt.requestedBy;
  return by ? (by.name ?? by.email ?? `user ${by.userId}`) : 'the provider\'s dashboard';
}

function attemptRow(attempt: AttemptView): string[] {
  return [
    attempt.createdAt.replace('T', ' ').slice(0, 19),
    attempt.kind,
    `${attempt.currency} ${attempt.amount}`,
    attempt.status,
    REASON_LABELS[attempt.reason],
    who(attempt),
    attempt.note ? JSON.stringify(attempt.note.length > 40 ? `${attempt.note.slice(0, 39)}…` : attempt.note) : '',
  ];
}

/** Columns padded to their widest cell, indented by two spaces. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.max(widths[index] ?? 0, cell.length)));
  return rows.map((row) => `  ${row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  ')}`.trimEnd());
}

export function formatApprovals(items: readonly ApprovalItem[]): string {
  if (items.length === 0) return 'No requests await your approval.';
  return [
    `${items.length} request(s) await your approval, oldest first:`,
    ...table(
      items.map(({ attempt, transaction }) => [
        attempt.id,
        `${transaction.objectType}/${transaction.objectId}`,
        `${attempt.currency} ${attempt.amount}`,
        who(attempt),
        REASON_LABELS[attempt.reason],
        attempt.expiresAt ? `expires ${attempt.expiresAt.replace('T', ' ').slice(0, 16)}` : '',
      ]),
    ),
  ].join('\n');
}
