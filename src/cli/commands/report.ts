import { writeFileSync } from 'node:fs';
import { filterOf, listQuery, summaryQuery } from '../../application/reports/report-query';
import { listRefunds, summarizeRefunds } from '../../application/reports/refund-reports';
import { refundsCsv, summaryCsv } from '../../application/reports/refunds-csv';
import { invalidRequest } from '../../contract/error-answers';
import type { CliSession } from '../cli-session';
import { EXIT } from '../exit-codes';
import { table } from '../format';
import { userOption } from '../inputs';

export interface ReportOptions {
  readonly user: string;
  readonly from?: string;
  readonly to?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly provider?: string;
  readonly requestedBy?: string;
  readonly currency?: string;
  readonly kind?: string;
  readonly groupBy?: string;
  readonly format?: 'csv' | 'json' | 'text';
  readonly output?: string;
  readonly limit?: string;
}

/** The most rows a list report gathers (a page of the API at a time). */
const MAX_ROWS = 100_000;

/**
 * `report`: the same filters and permission as GET /api/refunds; with --group-by, the summary of
 * GET /api/refunds/summary. Text by default, CSV or JSON with --format (to --output or stdout).
 */
export async function reportCommand(session: CliSession, options: ReportOptions): Promise<number> {
  const userId = userOption(options.user);
  const filters = {
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    ...(options.status ? { status: options.status } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.provider ? { provider: options.provider } : {}),
    ...(options.requestedBy ? { requestedBy: options.requestedBy } : {}),
    ...(options.currency ? { currency: options.currency } : {}),
    ...(options.kind ? { kind: options.kind } : {}),
  };
  const format = options.format ?? (session.options.json ? 'json' : 'text');
  const backend = await session.backend();
  let text: string;
  if (options.groupBy) {
    const query = summaryQuery.safeParse({ ...filters, groupBy: options.groupBy });
    if (!query.success) throw invalidRequest(query.error);
    const summary = await summarizeRefunds(backend.deps, userId, filterOf(query.data), query.data.groupBy);
    text =
      format === 'csv'
        ? summaryCsv(summary.results)
        : format === 'json'
          ? JSON.stringify(summary, null, 2)
          : [
              `Refunds by ${summary.groupBy}, ${summary.from.slice(0, 16).replace('T', ' ')} to ${summary.to.slice(0, 16).replace('T', ' ')} UTC`,
              ...table([['', 'currency', 'refunded', 'count', 'pending', 'failed'], ...summary.results.map((row) => [row.label, row.currency, row.refunded, String(row.refundedCount), row.pending, String(row.failedCount)])]),
            ].join('\n');
  } else {
    const query = listQuery.safeParse({ ...filters, limit: '500' });
    if (!query.success) throw invalidRequest(query.error);
    const filter = filterOf(query.data);
    const most = Math.min(Number(options.limit ?? MAX_ROWS) || MAX_ROWS, MAX_ROWS);
    const items = [];
    let cursor: string | null = null;
    do {
      const page = await listRefunds(backend.deps, userId, filter, { limit: Math.min(500, most - items.length), cursor });
      items.push(...page.results);
      cursor = page.nextCursor;
    } while (cursor && items.length < most);
    text =
      format === 'csv'
        ? refundsCsv(items)
        : format === 'json'
          ? JSON.stringify({ results: items }, null, 2)
          : items.length === 0
            ? 'No refunds match.'
            : table(items.map((item) => [item.createdAt.slice(0, 16).replace('T', ' '), `${item.objectType}/${item.objectId}`, item.kind, `${item.currency} ${item.amount}`, item.status, item.reason, item.requestedBy?.name ?? item.requestedBy?.userId ?? 'provider'])).join('\n');
  }
  if (options.output) {
    writeFileSync(options.output, text);
    process.stderr.write(`Written to ${options.output}\n`);
  } else {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
  return EXIT.ok;
}
