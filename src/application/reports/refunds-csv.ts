import { stringify } from 'csv-stringify/sync';
import type { RefundListItem, SummaryItem } from './refund-reports';

const NUMBER = /^[+-]?\d+(\.\d+)?$/;
/** Characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"), tab and carriage return too. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet shows as text: one starting like a formula gets a leading ' (numbers stay numbers). */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) && !NUMBER.test(value) ? `'${value}` : value;
}

function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return stringify([header, ...rows.map((row) => row.map((cell) => (cell === null ? '' : neutralise(String(cell)))))], { record_delimiter: 'windows' });
}

export const LIST_COLUMNS = [
  'createdAt', 'objectType', 'objectId', 'kind', 'status', 'amount', 'currency', 'reason', 'note', 'requestedBy', 'requestedByUserId',
  'approvedBy', 'decidedAt', 'decisionNote', 'provider', 'providerTransactionId', 'providerRefundId', 'completedAt', 'failure', 'attemptId',
] as const;

export function refundsCsv(items: readonly RefundListItem[]): string {
  return toCsv(
    LIST_COLUMNS,
    items.map((item) => [
      item.createdAt, item.objectType, item.objectId, item.kind, item.status, item.amount, item.currency, item.reason, item.note,
      item.requestedBy?.name ?? item.requestedBy?.email ?? (item.requestedBy ? null : "provider's dashboard"), item.requestedBy?.userId ?? null,
      item.approval?.decidedBy.name ?? item.approval?.decidedBy.userId ?? null, item.approval?.decidedAt ?? null, item.approval?.note ?? null,
      item.provider, item.providerTransactionId, item.providerRefundId, item.completedAt, item.failure?.message ?? null, item.id,
    ]),
  );
}

export function summaryCsv(items: readonly SummaryItem[]): string {
  return toCsv(
    ['key', 'label', 'currency', 'refunded', 'refundedCount', 'pending', 'failedCount'],
    items.map((item) => [item.key, item.label, item.currency, item.refunded, item.refundedCount, item.pending, item.failedCount]),
  );
}
