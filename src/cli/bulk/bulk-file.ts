import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import { refundBody, transactionParams } from '../../contract/request-schemas';
import { amountShapeError, describeMoneyError } from '../../domain/money';

/** The columns of a bulk refund file (design §7); amount may be empty for everything still refundable. */
export const BULK_COLUMNS = ['objectType', 'objectId', 'amount', 'reason', 'note'] as const;

export interface BulkRow {
  /** the line in the file where the row starts (for messages and the results file) */
  readonly line: number;
  readonly objectType: string;
  readonly objectId: string;
  readonly amount: string | undefined;
  readonly reason: z.output<typeof refundBody>['reason'];
  readonly note: string | undefined;
  /** derived from the file's content and the row: a rerun of the same file refunds nothing twice */
  readonly idempotencyKey: string;
}

export interface BadRow {
  readonly line: number;
  readonly problem: string;
}

const rowSchema = z.object({
  objectType: transactionParams.shape.objectType,
  objectId: transactionParams.shape.objectId,
  amount: z.string().trim().optional().transform((value) => (value ? value : undefined)),
  reason: refundBody.shape.reason,
  note: z.string().max(2000).optional().transform((value) => (value?.trim() ? value.trim() : undefined)),
});

/**
 * Reads and checks every row before anything is sent, with the HTTP API's own rules; a row's problems name its
 * line. The file's hash goes into each row's idempotency key, so a rerun of the same file replays, and an
 * edited file is a new batch.
 */
export function readBulkFile(content: string): { rows: BulkRow[]; bad: BadRow[]; fileHash: string } {
  const fileHash = createHash('sha256').update(content, 'utf8').digest('hex');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: true });
  } catch (error) {
    return { rows: [], bad: [{ line: Number((error as { lines?: number }).lines ?? 1), problem: `the file is not valid CSV: ${(error as Error).message}` }], fileHash };
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = BULK_COLUMNS.filter((column) => column !== 'amount' && column !== 'note' && !header.includes(column));
  if (records.length > 0 && missing.length > 0) {
    return { rows: [], bad: [{ line: 1, problem: `the header lacks ${missing.join(', ')} (columns: ${BULK_COLUMNS.join(', ')})` }], fileHash };
  }
  const rows: BulkRow[] = [];
  const bad: BadRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records) {
    // info.lines is the line where the record ends: a note over several lines still names its first line
    const line = info.lines - Object.values(record).reduce((newlines, value) => newlines + (value.match(/\n/g)?.length ?? 0), 0);
    const unknown = Object.keys(record).filter((column) => !(BULK_COLUMNS as readonly string[]).includes(column));
    if (unknown.length > 0) {
      bad.push({ line, problem: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` });
      continue;
    }
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      bad.push({ line, problem: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
      continue;
    }
    const full = refundBody.safeParse({ ...(parsed.data.amount ? { amount: parsed.data.amount } : {}), reason: parsed.data.reason, ...(parsed.data.note ? { note: parsed.data.note } : {}), idempotencyKey: 'checking-only' });
    if (!full.success) {
      bad.push({ line, problem: full.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
      continue;
    }
    const amountError = parsed.data.amount === undefined ? null : amountShapeError(parsed.data.amount);
    if (amountError) {
      bad.push({ line, problem: `amount: ${describeMoneyError(amountError, '')}` });
      continue;
    }
    const identity = JSON.stringify([parsed.data.objectType, parsed.data.objectId, parsed.data.amount ?? '', parsed.data.reason, parsed.data.note ?? '']);
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      bad.push({ line, problem: `the same refund as line ${earlier}: remove one, or make them differ (a note)` });
      continue;
    }
    seen.set(identity, line);
    const idempotencyKey = `bulk-${createHash('sha256').update(`${fileHash}:${line}:${identity}`).digest('hex').slice(0, 40)}`;
    rows.push({ line, ...parsed.data, idempotencyKey });
  }
  return { rows, bad, fileHash };
}
