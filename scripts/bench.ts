import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchBackend, startBackend } from './bench/backend';
import { type FakeServers, startFakes } from './bench/fakes-process';
import { startMemorySampler } from './bench/memory-sampler';
import { printReport } from './bench/report';
import { runConcurrent, runSequential } from './bench/scenarios';
import { type SignedClient, signedClient } from './bench/signed-client';

/**
 * npm run bench [-- --quick] [-- --latency-ms 20]: drives the real backend (composition root + serve, the
 * embedded PostgreSQL in a temporary folder) against fake HubSpot and Stripe servers with a fixed latency, and prints figures
 * beside the targets of the performance issue. It asserts nothing and exits 0 even when a target is missed.
 */

const HUBSPOT_TOKEN = 'bench-token';
const CLIENT_SECRET = 'bench-secret';
const PORTAL_ID = '123456';
const STRIPE_KEY = 'sk_test_bench';
const USER_ID = '7001';
const DEAL_AMOUNT = '100000.00';
const REFUND_AMOUNT = '10.00';
const SMALL_AMOUNT = '1.00';
const CONCURRENCY = 50;

const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, 'latency-ms': { type: 'string', default: '20' }, help: { type: 'boolean', default: false } },
});
if (flags.help) {
  console.log('usage: npm run bench [-- --quick] [-- --latency-ms <ms, default 20>]');
  process.exit(0);
}
const latencyMs = Number(flags['latency-ms']);
if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 2_000) {
  console.error(`--latency-ms must be a whole number of milliseconds from 0 to 2000, got "${flags['latency-ms']}"`);
  process.exit(2);
}
const sizes = flags.quick
  ? { warmup: 5, sequential: 30, concurrentTotal: 150 }
  : { warmup: 20, sequential: 200, concurrentTotal: 1000 };

const dealIds = (first: number, count: number) => Array.from({ length: count }, (_, i) => String(first + i));
const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);

/** Runs one phase of the bench, naming it for the memory sampler and timing it on stderr. */
function phaseRunner(memory: ReturnType<typeof startMemorySampler>) {
  return async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    memory.phase(name);
    const started = Date.now();
    const result = await work();
    progress(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const dataDir = mkdtempSync(join(tmpdir(), 'refund-bench-'));
  let fakes: FakeServers | undefined;
  let backend: BenchBackend | undefined;
  let client: SignedClient | undefined;
  const memory = startMemorySampler(50);
  const phase = phaseRunner(memory);
  try {
    fakes = await phase('fake servers start', () => startFakes({ latencyMs, hubspotToken: HUBSPOT_TOKEN, stripeKey: STRIPE_KEY, dealAmount: DEAL_AMOUNT }));
    const upstream = fakes;
    backend = await phase('backend start', () =>
      startBackend({
        hubspotUrl: upstream.hubspotUrl,
        stripeUrl: upstream.stripeUrl,
        dataDir,
        hubspotToken: HUBSPOT_TOKEN,
        clientSecret: CLIENT_SECRET,
        portalId: PORTAL_ID,
        stripeKey: STRIPE_KEY,
      }),
    );
    const api = signedClient({ baseUrl: backend.url, clientSecret: CLIENT_SECRET, userId: USER_ID, portalId: PORTAL_ID, maxSockets: CONCURRENCY });
    client = api;
    const settle = backend.settle;

    const warmDeals = dealIds(100_001, sizes.warmup);
    const cold = await phase('warm-up', async () => {
      const [first] = await runSequential(api, upstream, 'refund', warmDeals, REFUND_AMOUNT, settle);
      await runSequential(api, upstream, 'read', warmDeals, REFUND_AMOUNT, settle);
      await runConcurrent(api, upstream, { concurrency: CONCURRENCY, total: CONCURRENCY, amount: SMALL_AMOUNT, dealOf: (i) => String(110_001 + i) });
      // The write-backs of the concurrent warm-up must not land in the first measured requests.
      await settle();
      return first;
    });

    const measuredDeals = dealIds(200_001, sizes.sequential);
    const refunds = await phase(`${sizes.sequential} sequential refunds`, () => runSequential(api, upstream, 'refund', measuredDeals, REFUND_AMOUNT, settle));
    const reads = await phase(`${sizes.sequential} sequential reads`, () => runSequential(api, upstream, 'read', measuredDeals, REFUND_AMOUNT, settle));
    const ownDeals = await phase(`${sizes.concurrentTotal} concurrent refunds, own deals`, () =>
      runConcurrent(api, upstream, { concurrency: CONCURRENCY, total: sizes.concurrentTotal, amount: SMALL_AMOUNT, dealOf: (i) => String(300_001 + i) }),
    );
    await settle();
    const sameDeal = await phase(`${sizes.concurrentTotal} concurrent refunds, one deal`, () =>
      runConcurrent(api, upstream, { concurrency: CONCURRENCY, total: sizes.concurrentTotal, amount: SMALL_AMOUNT, dealOf: () => '400001' }),
    );

    const health = await api.get('/healthz');
    const report = memory.stop();
    const totals = await fakes.snapshot();
    const backlog = (health.body as { crmBacklog?: unknown } | null)?.crmBacklog;
    const missed = printReport({
      title: `Refund card backend bench (${flags.quick ? 'quick' : 'full'}): fakes answer in ${latencyMs} ms; Node ${process.version}, ${availableParallelism()} CPU(s)`,
      setup: [
        ...backend.summary,
        `1-minute load average before the bench: ${loadBefore.toFixed(2)} (anything else running skews every timing)`,
        `refunds of ${REFUND_AMOUNT} USD (concurrent runs ${SMALL_AMOUNT} USD) on deals of ${DEAL_AMOUNT} USD, by a super admin, signed v3`,
      ],
      cold: cold ?? refunds[0]!,
      refunds,
      reads,
      ownDeals,
      sameDeal,
      sameDealNote: `${sizes.concurrentTotal} × ${SMALL_AMOUNT} USD`,
      memory: report,
      totals,
      backlog: health.status === 200 ? String(backlog) : `healthz answered ${health.status}`,
      logged: backend.logged,
      elapsedMs: Date.now() - started,
    });
    if (missed > 0) progress(`${missed} target(s) MISSED; this is a report, so the exit code stays 0`);
  } finally {
    memory.stop();
    client?.close();
    await backend?.stop().catch((error: unknown) => progress(`backend did not stop cleanly: ${String(error)}`));
    await fakes?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
});
