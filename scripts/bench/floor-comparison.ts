import type { FakeServers } from './fakes-process';
import { startFloorServer } from './floor-server';
import type { ReportTable } from './report-table';
import { type ConcurrentRun, type SequentialOp, runConcurrent, runSequential } from './scenarios';
import { type SignedClient, signedClient } from './signed-client';
import { fmt, summarize } from './stats';

export interface FloorComparison {
  readonly project: { readonly sequential: readonly SequentialOp[]; readonly concurrent: ConcurrentRun };
  readonly floor: { readonly sequential: readonly SequentialOp[]; readonly concurrent: ConcurrentRun };
}

interface Sides {
  readonly api: SignedClient;
  readonly fakes: FakeServers;
  readonly settle: () => Promise<void>;
  readonly databaseUrl: string;
  readonly clientSecret: string;
  readonly identity: { readonly userId: string; readonly portalId: string };
}

/**
 * Issue 12, close to the floor: with the fakes answering at once, the backend beside a minimal server that
 * checks the same signature and does one locked insert and update per refund, on the same PostgreSQL.
 */
export async function compareWithFloor(sides: Sides, options: { readonly firstDeal: number; readonly sequential: number; readonly concurrentTotal: number }): Promise<FloorComparison> {
  const { api, fakes, settle } = sides;
  const floorServer = await startFloorServer(sides.databaseUrl, sides.clientSecret);
  const floorApi = signedClient({ baseUrl: floorServer.url, clientSecret: sides.clientSecret, ...sides.identity, maxSockets: 50 });
  const noWork = async () => undefined;
  try {
    await fakes.setLatency(0);
    const deals = (first: number, count: number) => Array.from({ length: count }, (_, i) => String(first + i));
    const measure = async (client: SignedClient, after: () => Promise<void>, first: number) => {
      await runSequential(client, fakes, 'refund', deals(first, 20), '1.00', after);
      const sequential = await runSequential(client, fakes, 'refund', deals(first + 100, options.sequential), '1.00', after);
      const concurrent = await runConcurrent(client, fakes, { concurrency: 50, total: options.concurrentTotal, amount: '1.00', dealOf: (i) => String(first + 5_000 + i) });
      await after();
      return { sequential, concurrent };
    };
    const project = await measure(api, settle, options.firstDeal);
    const floor = await measure(floorApi, noWork, options.firstDeal);
    return { project, floor };
  } finally {
    floorApi.close();
    await floorServer.stop();
  }
}

export function floorSection(table: ReportTable, comparison: FloorComparison): void {
  const latency = (ops: readonly SequentialOp[]) => summarize(ops.map((op) => op.totalMs));
  const perSecond = (run: ConcurrentRun) => (run.total / run.wallMs) * 1000;
  const project = latency(comparison.project.sequential);
  const floor = latency(comparison.floor.sequential);
  const projectRate = perSecond(comparison.project.concurrent);
  const floorRate = perSecond(comparison.floor.concurrent);
  table.heading('Close to the floor: fakes at 0 ms, the backend beside a minimal signed insert+update server');
  table.row(`floor: refund latency (n=${floor.n}), ms`, `p50 ${fmt(floor.p50)}  p99 ${fmt(floor.p99)}`);
  table.row(`backend: refund latency (n=${project.n}), ms`, `p50 ${fmt(project.p50)}  p99 ${fmt(project.p99)}`);
  table.row('    latency ratio (p50)', `${fmt(project.p50 / floor.p50)}×`, '≤ 2×', project.p50 / floor.p50 <= 2);
  table.row('floor: 50 concurrent, own payments', `${fmt(floorRate, 1)} refunds/s`);
  table.row('backend: 50 concurrent, own payments', `${fmt(projectRate, 1)} refunds/s`);
  table.row('    throughput ratio', `${fmt(projectRate / floorRate)}×`, '≥ 0.5×', projectRate / floorRate >= 0.5);
}
