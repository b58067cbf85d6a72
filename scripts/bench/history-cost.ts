import type { FakeServers } from './fakes-process';
import type { ReportTable } from './report-table';
import { type SequentialOp, runConcurrent, runSequential, transactionPath } from './scenarios';
import type { SignedClient } from './signed-client';
import { fmt, summarize } from './stats';

export interface HistoryCost {
  readonly history: number;
  readonly busy: readonly SequentialOp[];
  readonly fresh: readonly SequentialOp[];
  readonly readBytes: number;
  readonly busyReads: readonly SequentialOp[];
}

/**
 * Issue 12, costs that do not grow with history: a payment is given `history` refunds, then refunds and reads
 * on it are timed beside the same on fresh payments, and the size of its read answer is taken.
 */
export async function measureHistoryCost(
  api: SignedClient,
  fakes: FakeServers,
  settle: () => Promise<void>,
  options: { readonly firstDeal: number; readonly history: number; readonly samples: number },
): Promise<HistoryCost> {
  const busyDeal = String(options.firstDeal);
  await runConcurrent(api, fakes, { concurrency: 20, total: options.history, amount: '1.00', dealOf: () => busyDeal });
  await settle();
  const fresh = await runSequential(api, fakes, 'refund', ids(options.firstDeal + 1, options.samples), '1.00', settle);
  const busy = await runSequential(api, fakes, 'refund', Array.from({ length: options.samples }, () => busyDeal), '1.00', settle);
  const busyReads = await runSequential(api, fakes, 'read', Array.from({ length: options.samples }, () => busyDeal), '1.00', settle);
  const read = await api.get(transactionPath(busyDeal));
  return { history: options.history, busy, fresh, busyReads, readBytes: Buffer.byteLength(JSON.stringify(read.body)) };
}

const ids = (first: number, count: number) => Array.from({ length: count }, (_, i) => String(first + i));

export function historySection(table: ReportTable, cost: HistoryCost): void {
  const busy = summarize(cost.busy.map((op) => op.addedMs));
  const fresh = summarize(cost.fresh.map((op) => op.addedMs));
  const reads = summarize(cost.busyReads.map((op) => op.addedMs));
  table.heading(`Cost with history: a payment with ${cost.history} attempts beside fresh ones, added ms`);
  table.row(`refund on fresh payments (n=${fresh.n})`, `p50 ${fmt(fresh.p50)}  p99 ${fmt(fresh.p99)}`);
  table.row(`refund on the busy payment (n=${busy.n})`, `p50 ${fmt(busy.p50)}  p99 ${fmt(busy.p99)}  (${fmt(busy.p50 / fresh.p50)}× fresh)`, 'p50 ≤ 1.5× fresh', busy.p50 <= fresh.p50 * 1.5);
  table.row(`read of the busy payment (n=${reads.n})`, `p50 ${fmt(reads.p50)}  p99 ${fmt(reads.p99)}`, 'p99 < 10 ms', reads.p99 < 10);
  table.row('read answer size of the busy payment', `${fmt(cost.readBytes / 1024, 1)} KB (latest attempts, cursor for more)`, '< 64 KB', cost.readBytes < 64 * 1024);
}
