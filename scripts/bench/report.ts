import type { MemoryReport } from './memory-sampler';
import { USER_LOOKUP_ROUTE, type UpstreamSnapshot } from './route-stats';
import type { ConcurrentRun, SequentialOp } from './scenarios';
import type { ReportTable } from './report-table';
import { countBy, describeCounts, fmt, mb, summarize } from './stats';

export interface CoreResults {
  readonly cold: SequentialOp;
  readonly refunds: readonly SequentialOp[];
  /** the first read of each payment: the provider's own figure of what it took is asked for and recorded */
  readonly firstReads: readonly SequentialOp[];
  readonly reads: readonly SequentialOp[];
  readonly ownDeals: ConcurrentRun;
  readonly sameDeal: ConcurrentRun;
  readonly sameDealNote: string;
}

function callsRow(table: ReportTable, label: string, ops: readonly SequentialOp[], limit: number): void {
  const calls = summarize(ops.map((op) => op.hubspotCalls));
  table.row(`${label} (${ops.length} sequential)`, `avg ${fmt(calls.avg)}  max ${calls.max}`, `≤ ${limit}`, calls.max <= limit);
}

export function latencyRows(table: ReportTable, label: string, ops: readonly SequentialOp[]): void {
  const added = summarize(ops.map((op) => op.addedMs));
  const total = summarize(ops.map((op) => op.totalMs));
  const figure = `p50 ${fmt(added.p50)}  p95 ${fmt(added.p95)}  p99 ${fmt(added.p99)}  max ${fmt(added.max)}`;
  table.row(`${label} (n=${added.n})`, figure, 'p99 < 10 ms', added.p99 < 10);
  table.row('    end to end (for reference)', `p50 ${fmt(total.p50)}  p99 ${fmt(total.p99)}  max ${fmt(total.max)}`);
}

export function outcomesRow(table: ReportTable, label: string, outcomes: ReadonlyMap<string, number>, expected: string): void {
  const unexpected = [...outcomes.keys()].some((key) => key !== expected);
  table.row(label, describeCounts(outcomes), `all ${expected}`, !unexpected);
}

const PROPERTIES_ROUTE = 'PATCH /crm/v3/objects/deals/{id}';
const NOTE_ROUTE = 'POST /crm/v3/objects/notes';

export function throughputRows(table: ReportTable, label: string, run: ConcurrentRun): void {
  const perSecond = (run.total / run.wallMs) * 1000;
  const refunds = run.outcomes.get('201 succeeded') ?? 0;
  const lookups = run.upstream.hubspot.byRoute[USER_LOOKUP_ROUTE] ?? 0;
  // A write-back that read the payment before a later refund changed it queues a refresh of the properties
  // (one PATCH, no note): the price of never leaving stale properties after a race, counted apart.
  const byRoute = run.upstream.hubspot.byRoute;
  const propertyRefreshes = Math.max(0, (byRoute[PROPERTIES_ROUTE] ?? 0) - (byRoute[NOTE_ROUTE] ?? 0));
  const hubspotPerRefund = refunds ? (run.upstream.hubspot.requests - lookups - propertyRefreshes) / refunds : Number.NaN;
  const refreshed = `${lookups ? `; +${lookups} user lookup, cache TTL 60 s` : ''}${propertyRefreshes ? `; +${propertyRefreshes} property refreshes after races` : ''}`;
  table.row(label, `${fmt(perSecond, 1)} refunds/s  (${run.total} in ${fmt(run.wallMs / 1000)} s)`);
  table.row('    early → late (fifths 2 and 4 of the run)', `${fmt(run.earlyPerSecond, 1)} → ${fmt(run.latePerSecond, 1)} refunds/s`);
  table.row('    latency under load, ms', `p50 ${fmt(run.latency.p50, 1)}  p99 ${fmt(run.latency.p99, 1)}  max ${fmt(run.latency.max, 1)}`);
  table.row('    HubSpot calls per refund', `${fmt(hubspotPerRefund)}  (${run.upstream.stripe.requests} to Stripe${refreshed})`, '≤ 3', hubspotPerRefund <= 3);
  outcomesRow(table, '    responses', run.outcomes, '201 succeeded');
}

/** The figures of the main run: calls per operation, added latency, throughput at 50 concurrent. */
export function coreSections(table: ReportTable, results: CoreResults, modeLabel: string): void {
  const { refunds, reads, cold } = results;
  const measured = [...refunds, ...reads];
  const lookups = measured.reduce((sum, op) => sum + op.userLookups, 0);

  table.heading(`HubSpot calls (counted by the fake HubSpot), ${modeLabel}`);
  callsRow(table, 'per transaction read', reads, 1);
  callsRow(table, 'per refund', refunds, 3);
  table.row('user lookup (GET /settings/v3/users/{id})', `cold first refund: ${cold.userLookups} (${cold.hubspotCalls} calls); then ${lookups} in ${measured.length} ops`, 'cached', lookups === 0);
  table.row('Stripe calls per refund', `avg ${fmt(summarize(refunds.map((op) => op.stripeCalls)).avg)}  max ${summarize(refunds.map((op) => op.stripeCalls)).max}`);
  outcomesRow(table, 'refund responses', countBy(refunds.map((op) => op.outcome)), '201 succeeded');
  outcomesRow(table, 'read responses', countBy(reads.map((op) => op.outcome)), '200');

  table.heading(`Added latency, ms (end to end − time inside the fakes), ${modeLabel}`);
  latencyRows(table, 'transaction read', reads);
  const first = summarize(results.firstReads.map((op) => op.addedMs));
  table.row(`    first read of a payment (n=${first.n}, + provider's figure)`, `p50 ${fmt(first.p50)}  p99 ${fmt(first.p99)}  max ${fmt(first.max)}`);
  latencyRows(table, 'refund', refunds);

  table.heading(`Throughput, ${results.ownDeals.concurrency} concurrent clients, ${modeLabel}`);
  throughputRows(table, 'each client on its own deal', results.ownDeals);
  throughputRows(table, `all on one deal (${results.sameDealNote})`, results.sameDeal);
}

export function memorySection(table: ReportTable, memory: MemoryReport): void {
  table.heading(`Memory of the bench process (backend + load client), ${memory.samples} samples every 50 ms`);
  table.row('peak RSS', `${mb(memory.peakRss.bytes)}  (during ${memory.peakRss.phase})`);
  table.row('peak heapUsed', `${mb(memory.peakHeapUsed.bytes)}  (during ${memory.peakHeapUsed.phase})`);
  table.row('final RSS / heapUsed', `${mb(memory.finalRss)} / ${mb(memory.finalHeapUsed)}`);
  table.line('  peak RSS by phase: ' + [...memory.rssByPhase].map(([phase, bytes]) => `${phase} ${mb(bytes)}`).join(', '));
}

export function upstreamSection(table: ReportTable, totals: UpstreamSnapshot, backlog: string, logged: ReadonlyMap<string, number>): void {
  table.line('\nUpstream requests over the whole run (warm-up included)');
  for (const [route, count] of Object.entries({ ...totals.hubspot.byRoute, ...totals.stripe.byRoute }).sort((a, b) => b[1] - a[1])) {
    table.row(route, String(count));
  }
  table.row('CRM outbox backlog at the end (/healthz)', backlog);
  table.row('backend warnings and errors logged', logged.size ? '' : 'none');
  for (const [message, count] of logged) table.row(`    ${message}`, `×${count}`);
}
