import type { TransactionDetails } from '../application/get-transaction';
import type { AttemptResult } from '../application/prepare-attempt';
import { REASON_LABELS } from '../application/refund-note';
import type { AttemptView, TransactionView } from '../application/transaction-view';
import { assertNever } from '../domain/assert-never';

/** Human-readable answers of the CLI; `--json` prints the API's JSON instead. */

export function formatDetails(details: TransactionDetails): string {
  const { transaction, attempts, viewer } = details;
  const lines = [
    `${transaction.objectType}/${transaction.objectId} · ${transaction.provider} ${transaction.providerTransactionId}`,
    `  ${totals(transaction)}`,
    `  ${viewer.canRefund ? `you may refund ${viewer.maxRefundAmount ? `up to ${transaction.currency} ${viewer.maxRefundAmount} at a time` : 'any amount still refundable'}` : `you may not refund: ${viewer.denyReason ?? 'not permitted'}`}${viewer.canVoid ? '; a void is possible (not settled yet)' : ''}`,
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
  lines.push(`  attempt ${attempt.id} · ${REASON_LABELS[attempt.reason]} · by ${who(attempt)}`);
  lines.push(`  ${totals(transaction)}`);
  return lines.join('\n');
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
    default:
      return assertNever(attempt.status);
  }
}

function totals(transaction: TransactionView): string {
  const c = transaction.currency;
  return `paid ${c} ${transaction.amount} · refunded ${transaction.refunded} · refundable ${transaction.refundable} · ${transaction.refundStatus}`;
}

function who(attempt: AttemptView): string {
  return attempt.requestedBy.name ?? attempt.requestedBy.email ?? `user ${attempt.requestedBy.userId}`;
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
