import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { neutralise } from '../../application/reports/refunds-csv';
import type { BadRow } from './bulk-file';
import { type RowResult, verdictOf } from './bulk-run';

/** refunds.csv → refunds.results.csv, beside it. */
export function resultsPathOf(input: string): string {
  const extension = extname(input);
  return join(dirname(input), `${basename(input, extension)}.results${extension || '.csv'}`);
}

/** Every line of the input with what became of it: the file to hand to finance, or to fix and rerun from. */
export function writeResults(path: string, results: readonly RowResult[], bad: readonly BadRow[]): void {
  const rows = [
    ...bad.map((row) => ({ line: row.line, cells: ['', '', '', '', 'invalid', '', '', row.problem] })),
    ...results.map(({ row, outcome }) => {
      const attempt = outcome.kind === 'sent' ? outcome.result.attempt : null;
      const message = outcome.kind === 'refused' ? `${outcome.code}: ${outcome.message}` : (attempt?.failure?.message ?? attempt?.approvalReason ?? '');
      return {
        line: row.line,
        cells: [row.objectType, row.objectId, attempt?.amount ?? row.amount ?? '', attempt?.currency ?? '', verdictOf(outcome), attempt?.id ?? '', row.idempotencyKey, message],
      };
    }),
  ].sort((a, b) => a.line - b.line);
  const csv = stringify(
    [
      ['line', 'objectType', 'objectId', 'amount', 'currency', 'outcome', 'attemptId', 'idempotencyKey', 'message'],
      ...rows.map((row) => [String(row.line), ...row.cells.map((cell) => neutralise(cell))]),
    ],
    { record_delimiter: 'windows' },
  );
  writeFileSync(path, csv);
}
