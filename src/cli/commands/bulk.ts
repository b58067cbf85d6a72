import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { getTransaction } from '../../application/get-transaction';
import { requestRefund } from '../../application/request-refund/request-refund';
import { AppError, isAppError } from '../../domain/errors';
import { idempotencyKey } from '../../domain/ids';
import { describeMoneyError, parseMoney } from '../../domain/money';
import { type BadRow, type BulkRow, readBulkFile } from '../bulk/bulk-file';
import { resultsPathOf, writeResults } from '../bulk/bulk-results';
import { isFailure, type RowResult, runRows, verdictOf } from '../bulk/bulk-run';
import type { CliSession } from '../cli-session';
import { EXIT } from '../exit-codes';
import { table } from '../format';
import { userOption } from '../inputs';
import type { Backend } from '../../composition-root';
import type { HubSpotUserId } from '../../domain/ids';

export interface BulkOptions {
  readonly user: string;
  readonly file: string;
  readonly dryRun?: boolean;
  readonly concurrency?: string;
}

/**
 * `bulk --file refunds.csv`: every row checked first (the bad ones listed with their line and why), then the
 * rest refunded under the user's policy with a progress bar, each row with a key derived from the file and
 * the row (a rerun of the same file refunds nothing twice), a closing summary and a results file beside the
 * input. Exits non-zero when any row failed.
 */
export async function bulkCommand(session: CliSession, options: BulkOptions): Promise<number> {
  const userId = userOption(options.user);
  const concurrency = Number(options.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new AppError('INVALID_REQUEST', '--concurrency must be a whole number from 1 to 16', { field: 'concurrency' });
  let content: string;
  try {
    content = readFileSync(options.file, 'utf8');
  } catch (error) {
    throw new AppError('INVALID_REQUEST', `--file ${options.file} cannot be read: ${(error as Error).message}`, { field: 'file' });
  }
  const { rows, bad } = readBulkFile(content);
  const err = (text: string) => process.stderr.write(`${text}\n`);
  err(`${options.file}: ${rows.length + bad.length} row(s), ${bad.length} with problems.`);
  if (bad.length > 0) err(['Rows with problems (not sent):', ...table(bad.map((row) => [`line ${row.line}`, row.problem]))].join('\n'));
  const backend = await session.backend();
  if (options.dryRun) return dryRun(session, backend, userId, rows, bad);

  let stopping = false;
  const stop = () => {
    if (!stopping) err('\nStopping after the rows in flight (Ctrl-C again to quit at once; a rerun of this file refunds nothing twice)…');
    else process.exit(130);
    stopping = true;
  };
  process.on('SIGINT', stop);
  const progress = progressBar(rows.length);
  let failures = 0;
  const started = Date.now();
  const results = await runRows(
    rows,
    (row) =>
      requestRefund(backend.deps, {
        transaction: { objectType: row.objectType, objectId: row.objectId },
        userId,
        amount: row.amount,
        reason: row.reason,
        note: row.note,
        idempotencyKey: idempotencyKey(row.idempotencyKey),
      }),
    {
      concurrency,
      stopped: () => stopping,
      onRow: (result) => {
        if (isFailure(result.outcome)) failures += 1;
        progress.tick(failures);
      },
    },
  ).finally(() => {
    progress.stop();
    process.off('SIGINT', stop);
  });
  const resultsFile = resultsPathOf(options.file);
  writeResults(resultsFile, results, bad);
  const summary = summaryOf(results, bad, Date.now() - started);
  session.print({ ...summary, resultsFile }, () =>
    [
      `Done in ${(summary.elapsedMs / 1000).toFixed(1)} s (${summary.rowsPerSecond.toFixed(1)} rows/s): ${Object.entries(summary.outcomes).map(([verdict, count]) => `${count} ${verdict.replace(/_/g, ' ')}`).join(', ') || 'nothing sent'}.`,
      ...(summary.failed > 0 ? [`${summary.failed} row(s) failed: see ${resultsFile}.`] : []),
      ...(bad.length > 0 ? [`Fix the rows with problems in a new file holding only them: rerunning this file is safe, but an edited copy is a new batch.`] : []),
      `Results: ${resultsFile}`,
    ].join('\n'),
  );
  if (stopping) return 130;
  return summary.failed > 0 || bad.length > 0 ? EXIT.failed : EXIT.ok;
}

/** What would happen, row by row, without sending anything: the record, what is left, and whether approval is needed. */
async function dryRun(session: CliSession, backend: Backend, userId: HubSpotUserId, rows: readonly BulkRow[], bad: readonly BadRow[]): Promise<number> {
  const plan: { line: number; record: string; plan: string }[] = [];
  for (const row of rows) {
    const record = `${row.objectType}/${row.objectId}`;
    try {
      const details = await getTransaction(backend.deps, { objectType: row.objectType, objectId: row.objectId }, userId);
      const { transaction, viewer } = details;
      const amount = row.amount ?? transaction.refundable;
      const parsed = parseMoney(amount, transaction.currency);
      if (!parsed.ok) {
        plan.push({ line: row.line, record, plan: `refused: ${describeMoneyError(parsed.error, transaction.currency)}` });
        continue;
      }
      const what = `${transaction.currency} ${amount}${row.amount ? '' : ' (everything left)'} of ${transaction.refundable} refundable`;
      plan.push({ line: row.line, record, plan: !viewer.canRefund ? `refused: ${viewer.denyReason ?? 'not permitted'}` : `${what}${needsApproval(amount, viewer.approvalAbove, transaction.currency) ? ', needs approval' : ''}` });
    } catch (error) {
      plan.push({ line: row.line, record, plan: `refused: ${isAppError(error) ? `${error.code}: ${error.message}` : String(error)}` });
    }
  }
  session.print({ dryRun: true, rows: plan, problems: bad }, () => ['Dry run: nothing was sent.', ...table(plan.map((item) => [`line ${item.line}`, item.record, item.plan]))].join('\n'));
  return bad.length > 0 || plan.some((item) => item.plan.startsWith('refused')) ? EXIT.failed : EXIT.ok;
}

function needsApproval(amount: string, threshold: string | null, currency: string): boolean {
  if (threshold === null) return false;
  const asked = parseMoney(amount, currency);
  const limit = parseMoney(threshold, currency, { allowZero: true });
  return asked.ok && limit.ok && asked.money.minor > limit.money.minor;
}

function summaryOf(results: readonly RowResult[], bad: readonly BadRow[], elapsedMs: number) {
  const outcomes: Record<string, number> = {};
  for (const { outcome } of results) outcomes[verdictOf(outcome)] = (outcomes[verdictOf(outcome)] ?? 0) + 1;
  if (bad.length > 0) outcomes.invalid = bad.length;
  const sent = results.filter((result) => result.outcome.kind !== 'not_sent').length;
  return { outcomes, failed: results.filter((result) => isFailure(result.outcome)).length, elapsedMs, rowsPerSecond: sent / Math.max(elapsedMs / 1000, 0.001) };
}

/** done/total, failures and ETA on a terminal; a line every tenth of the way elsewhere (CI logs, pipes). */
function progressBar(total: number): { tick(failures: number): void; stop(): void } {
  let done = 0;
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'Refunding |{bar}| {value}/{total} rows · {failures} failed · ETA {eta_formatted}', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { failures: 0 });
    return { tick: (failures) => bar.increment(1, { failures }), stop: () => bar.stop() };
  }
  const step = Math.max(1, Math.ceil(total / 10));
  return {
    tick(failures) {
      done += 1;
      if (done % step === 0 || done === total) process.stderr.write(`Refunding: ${done}/${total} rows, ${failures} failed\n`);
    },
    stop: () => undefined,
  };
}
