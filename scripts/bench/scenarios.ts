import type { FakeServers } from './fakes-process';
import { USER_LOOKUP_ROUTE, type UpstreamSnapshot, diffSnapshots } from './route-stats';
import { type Reply, type SignedClient, outcomeOf } from './signed-client';
import { type Summary, countBy, summarize } from './stats';

export type Operation = 'read' | 'refund';

export interface SequentialOp {
  readonly outcome: string;
  readonly hubspotCalls: number;
  readonly userLookups: number;
  readonly stripeCalls: number;
  readonly totalMs: number;
  /** time during which a fake was answering one of this request's upstream calls (fixed latency included) */
  readonly upstreamMs: number;
  /** total − upstream: what the backend itself adds */
  readonly addedMs: number;
}

export interface ConcurrentRun {
  readonly total: number;
  readonly concurrency: number;
  readonly wallMs: number;
  readonly outcomes: ReadonlyMap<string, number>;
  readonly latency: Summary;
  readonly upstream: UpstreamSnapshot;
  /**
   * completions per second over the 2nd and the 4th fifth of the completions (the 1st and 5th hold the ramp-up
   * and the drain of the last 50): a drop from early to late shows a cost that grows with the run
   */
  readonly earlyPerSecond: number;
  readonly latePerSecond: number;
}

let keySerial = 0;
const runTag = Date.now().toString(36);

export function transactionPath(dealId: string): string {
  return `/api/transactions/deals/${dealId}`;
}

export function refund(client: SignedClient, dealId: string, amount: string): Promise<Reply> {
  keySerial += 1;
  return client.post(`${transactionPath(dealId)}/refunds`, {
    amount,
    reason: 'requested_by_customer',
    note: 'Bench refund',
    idempotencyKey: `bench-${runTag}-${keySerial}`,
  });
}

function operate(client: SignedClient, operation: Operation, dealId: string, amount: string): Promise<Reply> {
  return operation === 'read' ? client.get(transactionPath(dealId)) : refund(client, dealId, amount);
}

/**
 * One request at a time, the fakes' counters read between requests. Upstream time is what the fakes spent while
 * the request was open; upstream calls include the CRM write-back that follows the answer (`settle` waits for it),
 * so that they are exactly this request's (the fakes count a call before answering it, so nothing is missed).
 */
export async function runSequential(
  client: SignedClient,
  fakes: FakeServers,
  operation: Operation,
  dealIds: readonly string[],
  amount: string,
  settle: () => Promise<void>,
): Promise<SequentialOp[]> {
  const ops: SequentialOp[] = [];
  let before = await fakes.snapshot();
  for (const dealId of dealIds) {
    const reply = await operate(client, operation, dealId, amount);
    const answered = diffSnapshots(await fakes.snapshot(), before);
    await settle();
    const after = await fakes.snapshot();
    const delta = diffSnapshots(after, before);
    before = after;
    const upstreamMs = answered.busyMs;
    ops.push({
      outcome: outcomeOf(reply),
      hubspotCalls: delta.hubspot.requests,
      userLookups: delta.hubspot.byRoute[USER_LOOKUP_ROUTE] ?? 0,
      stripeCalls: delta.stripe.requests,
      totalMs: reply.ms,
      upstreamMs,
      addedMs: reply.ms - upstreamMs,
    });
  }
  return ops;
}

/** `concurrency` clients, each sending refunds back to back on `dealOf(client)` until `total` have been sent. */
export async function runConcurrent(
  client: SignedClient,
  fakes: FakeServers,
  options: { readonly concurrency: number; readonly total: number; readonly amount: string; readonly dealOf: (worker: number) => string },
): Promise<ConcurrentRun> {
  const before = await fakes.snapshot();
  const outcomes: string[] = [];
  const latencies: number[] = [];
  const doneAt: number[] = [];
  let sent = 0;
  const worker = async (index: number) => {
    while (sent < options.total) {
      sent += 1;
      try {
        const reply = await refund(client, options.dealOf(index), options.amount);
        outcomes.push(outcomeOf(reply));
        latencies.push(reply.ms);
        doneAt.push(Number(process.hrtime.bigint()) / 1e6);
      } catch (error) {
        outcomes.push(`network error ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      }
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const upstream = diffSnapshots(await fakes.snapshot(), before);
  doneAt.sort((a, b) => a - b);
  const fifth = Math.floor(doneAt.length / 5);
  const rate = (from: number, to: number) => ((to - from) / ((doneAt[to] ?? Number.NaN) - (doneAt[from] ?? Number.NaN))) * 1000;
  return {
    total: options.total,
    concurrency: options.concurrency,
    wallMs,
    outcomes: countBy(outcomes),
    latency: summarize(latencies),
    upstream,
    earlyPerSecond: rate(fifth, 2 * fifth),
    latePerSecond: rate(3 * fifth, 4 * fifth),
  };
}
