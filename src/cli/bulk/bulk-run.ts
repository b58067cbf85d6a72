import { isAppError } from '../../domain/errors';
import { assertNever } from '../../domain/assert-never';
import type { AttemptResult } from '../../application/attempts/attempt-result';
import type { BulkRow } from './bulk-file';

/** What became of one row. */
export type RowOutcome =
  | { readonly kind: 'sent'; readonly result: AttemptResult }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  | { readonly kind: 'not_sent' };

export interface RowResult {
  readonly row: BulkRow;
  readonly outcome: RowOutcome;
}

/** The row's fate in one word, for the summary and the results file. */
export function verdictOf(outcome: RowOutcome): 'refunded' | 'already_done' | 'pending' | 'unknown' | 'awaiting_approval' | 'failed' | 'refused' | 'not_sent' {
  switch (outcome.kind) {
    case 'refused':
      return 'refused';
    case 'not_sent':
      return 'not_sent';
    case 'sent': {
      if (outcome.result.outcome === 'replayed' && outcome.result.attempt.status === 'succeeded') return 'already_done';
      const status = outcome.result.attempt.status;
      switch (status) {
        case 'succeeded':
          return 'refunded';
        case 'pending':
        case 'unknown':
        case 'awaiting_approval':
        case 'failed':
          return status;
        case 'rejected':
        case 'expired':
        case 'canceled':
          return 'refused';
        default:
          return assertNever(status);
      }
    }
    default:
      return assertNever(outcome);
  }
}

export function isFailure(outcome: RowOutcome): boolean {
  const verdict = verdictOf(outcome);
  return verdict === 'failed' || verdict === 'refused';
}

/**
 * Sends the rows, `concurrency` at a time, in file order within each worker, until done or asked to stop
 * (Ctrl-C: the rows in flight finish, the rest are not sent). A row's error is its outcome, never the batch's.
 */
export async function runRows(
  rows: readonly BulkRow[],
  send: (row: BulkRow) => Promise<AttemptResult>,
  options: { concurrency: number; stopped: () => boolean; onRow: (result: RowResult) => void },
): Promise<RowResult[]> {
  const results: RowResult[] = new Array(rows.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= rows.length) return;
      const row = rows[index]!;
      if (options.stopped()) {
        results[index] = { row, outcome: { kind: 'not_sent' } };
        continue;
      }
      let outcome: RowOutcome;
      try {
        outcome = { kind: 'sent', result: await send(row) };
      } catch (error) {
        outcome = isAppError(error)
          ? { kind: 'refused', code: error.code, message: error.message }
          : { kind: 'refused', code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
      }
      results[index] = { row, outcome };
      options.onRow(results[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, rows.length)) }, worker));
  return results;
}
