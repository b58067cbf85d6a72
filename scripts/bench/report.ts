import type { MemoryReport } from './memory-sampler';
import { USER_LOOKUP_ROUTE, type UpstreamSnapshot } from './route-stats';
import type { ConcurrentRun, SequentialOp } from './scenarios';
import { countBy, describeCounts, fmt, mb, summarize } from './stats';

export interface BenchResults {
  readonly title: string;
  readonly setup: readonly string[];
  readonly cold: SequentialOp;
  readonly refunds: readonly SequentialOp[];
  readonly reads: readonly SequentialOp[];
  readonly ownDeals: ConcurrentRun;
  readonly sameDeal: ConcurrentRun;
  readonly sameDealNote: string;
  readonly memory: MemoryReport;
  readonly totals: UpstreamSnapshot;
  readonly backlog: string;
  readonly logged: ReadonlyMap<string, number>;
  readonly elapsedMs: number;
}

const COLUMNS = [46, 52, 22] as const;
let missed = 0;

function row(label: string, figure: string, target = '', met?: boolean): string {
  const verdict = met === undefined ? '' : met ? 'OK' : 'MISSED';
  if (met === false) missed += 1;
  const cell = (text: string, width: number) => (text.length >= width ? `${text}  ` : text.padEnd(width));
  return `  ${cell(label, COLUMNS[0])}${cell(figure, COLUMNS[1])}${cell(target, COLUMNS[2])}${verdict}`.trimEnd();
}

function heading(text: string): string {
  return `\n${text}\n${row('', 'figure', 'target', undefined)}`;
}

function callsRow(label: string, ops: readonly SequentialOp[], limit: number): string {
  const calls = summarize(ops.map((op) => op.hubspotCalls));
  return row(`${label} (${ops.length} sequential)`, `avg ${fmt(calls.avg)}  max ${calls.max}`, `≤ ${limit}`, calls.max <= limit);
}

function latencyRow(label: string, ops: readonly SequentialOp[]): string {
  const added = summarize(ops.map((op) => op.addedMs));
  const total = summarize(ops.map((op) => op.totalMs));
  const figure = `p50 ${fmt(added.p50)}  p95 ${fmt(added.p95)}  p99 ${fmt(added.p99)}  max ${fmt(added.max)}`;
  return [row(`${label} (n=${added.n})`, figure, 'p99 < 10 ms', added.p99 < 10), row('    end to end (for reference)', `p50 ${fmt(total.p50)}  p99 ${fmt(total.p99)}  max ${fmt(total.max)}`)].join('\n');
}

function outcomesRow(label: string, outcomes: ReadonlyMap<string, number>, expected: string): string {
  const unexpected = [...outcomes.keys()].some((key) => key !== expected);
  return row(label, describeCounts(outcomes), `all ${expected}`, !unexpected);
}

function throughputRows(label: string, run: ConcurrentRun): string[] {
  const perSecond = (run.total / run.wallMs) * 1000;
  const refunds = run.outcomes.get('201 succeeded') ?? 0;
  const lookups = run.upstream.hubspot.byRoute[USER_LOOKUP_ROUTE] ?? 0;
  const hubspotPerRefund = refunds ? (run.upstream.hubspot.requests - lookups) / refunds : Number.NaN;
  const refreshed = lookups ? `; +${lookups} user lookup, cache TTL 60 s` : '';
  return [
    row(label, `${fmt(perSecond, 1)} refunds/s  (${run.total} in ${fmt(run.wallMs / 1000)} s)`),
    row('    early → late (fifths 2 and 4 of the run)', `${fmt(run.earlyPerSecond, 1)} → ${fmt(run.latePerSecond, 1)} refunds/s`),
    row('    latency under load, ms', `p50 ${fmt(run.latency.p50, 1)}  p99 ${fmt(run.latency.p99, 1)}  max ${fmt(run.latency.max, 1)}`),
    row('    HubSpot calls per refund', `${fmt(hubspotPerRefund)}  (${run.upstream.stripe.requests} to Stripe${refreshed})`, '≤ 3', hubspotPerRefund <= 3),
    outcomesRow('    responses', run.outcomes, '201 succeeded'),
  ];
}

/** Prints the whole report and answers how many targets were missed. */
export function printReport(results: BenchResults): number {
  missed = 0;
  const { refunds, reads, cold, memory, totals } = results;
  const measured = [...refunds, ...reads];
  const lookups = measured.reduce((sum, op) => sum + op.userLookups, 0);
  const lines: string[] = [results.title, ...results.setup.map((line) => `  ${line}`)];

  lines.push(heading('HubSpot calls (counted by the fake HubSpot)'));
  lines.push(callsRow('per transaction read', reads, 1));
  lines.push(callsRow('per refund', refunds, 3));
  lines.push(row('user lookup (GET /settings/v3/users/{id})', `cold first refund: ${cold.userLookups} (${cold.hubspotCalls} calls); then ${lookups} in ${measured.length} ops`, 'cached', lookups === 0));
  lines.push(row('Stripe calls per refund', `avg ${fmt(summarize(refunds.map((op) => op.stripeCalls)).avg)}  max ${summarize(refunds.map((op) => op.stripeCalls)).max}`));
  lines.push(outcomesRow('refund responses', countBy(refunds.map((op) => op.outcome)), '201 succeeded'));
  lines.push(outcomesRow('read responses', countBy(reads.map((op) => op.outcome)), '200'));

  lines.push(heading('Added latency, ms (end to end − time inside the fakes)'));
  lines.push(latencyRow('transaction read', reads));
  lines.push(latencyRow('refund', refunds));

  lines.push(heading(`Throughput, ${results.ownDeals.concurrency} concurrent clients`));
  lines.push(...throughputRows('each client on its own deal', results.ownDeals));
  lines.push(...throughputRows(`all on one deal (${results.sameDealNote})`, results.sameDeal));

  lines.push(heading(`Memory of the bench process (backend + load client), ${memory.samples} samples every 50 ms`));
  lines.push(row('peak RSS', `${mb(memory.peakRss.bytes)}  (during ${memory.peakRss.phase})`));
  lines.push(row('peak heapUsed', `${mb(memory.peakHeapUsed.bytes)}  (during ${memory.peakHeapUsed.phase})`));
  lines.push(row('final RSS / heapUsed', `${mb(memory.finalRss)} / ${mb(memory.finalHeapUsed)}`));
  lines.push('  peak RSS by phase: ' + [...memory.rssByPhase].map(([phase, bytes]) => `${phase} ${mb(bytes)}`).join(', '));

  lines.push('\nUpstream requests over the whole run (warm-up included)');
  for (const [route, count] of Object.entries({ ...totals.hubspot.byRoute, ...totals.stripe.byRoute }).sort((a, b) => b[1] - a[1])) {
    lines.push(row(route, String(count)));
  }
  lines.push(row('CRM outbox backlog at the end (/healthz)', results.backlog));
  lines.push(row('backend warnings and errors logged', results.logged.size ? '' : 'none'));
  for (const [message, count] of results.logged) lines.push(row(`    ${message}`, `×${count}`));

  lines.push(`\n${missed === 0 ? 'All targets met.' : `${missed} target(s) MISSED (see above).`} Bench took ${fmt(results.elapsedMs / 1000, 1)} s.`);
  console.log(lines.join('\n'));
  return missed;
}
