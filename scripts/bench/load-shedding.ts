import type { FakeServers } from './fakes-process';
import type { ReportTable } from './report-table';
import { type ConcurrentRun, runConcurrent } from './scenarios';
import type { SignedClient } from './signed-client';
import { describeCounts, fmt } from './stats';

/** the busy answer: a payment's crowd is told to come back in 2 s (an outage says 30) */
const BUSY = '503 LEDGER_UNAVAILABLE (retry in 2 s)';
export const SHEDDING_LEVELS = [50, 200, 400] as const;
/** HubSpot gives a backend call 15 s (design §2); an answer after that never reaches the rep. */
const HUBSPOT_BUDGET_MS = 15_000;

export interface SheddingRun {
  readonly concurrency: number;
  readonly run: ConcurrentRun;
}

/**
 * Issue 12, load shedding: `concurrency` clients at once, all on one payment, two refunds each. Whoever cannot
 * get the payment's lock in time must answer 503 LEDGER_UNAVAILABLE (cause busy) with a retry hint, so nobody waits toward 15 s.
 */
export async function runLoadShedding(api: SignedClient, fakes: FakeServers, firstDeal: number, settle: () => Promise<void>): Promise<SheddingRun[]> {
  const runs: SheddingRun[] = [];
  for (const [index, concurrency] of SHEDDING_LEVELS.entries()) {
    const dealId = String(firstDeal + index);
    runs.push({ concurrency, run: await runConcurrent(api, fakes, { concurrency, total: concurrency * 2, amount: '1.00', dealOf: () => dealId }) });
    await settle();
  }
  return runs;
}

export function sheddingSection(table: ReportTable, runs: readonly SheddingRun[]): void {
  table.heading('Load shedding: concurrent refunds on one payment (two each), latency in ms');
  for (const { concurrency, run } of runs) {
    const unexpected = [...run.outcomes.keys()].filter((key) => key !== '201 succeeded' && key !== BUSY);
    table.row(
      `${concurrency} concurrent`,
      `p50 ${fmt(run.latency.p50, 0)}  p99 ${fmt(run.latency.p99, 0)}  max ${fmt(run.latency.max, 0)}`,
      `max < ${HUBSPOT_BUDGET_MS / 1000} s`,
      run.latency.max < HUBSPOT_BUDGET_MS,
    );
    table.row('    responses', describeCounts(run.outcomes), '201, or 503 busy', unexpected.length === 0);
  }
}
