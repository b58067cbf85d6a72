import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type EmbeddedDatabase, openEmbeddedDatabase } from '../src/adapters/store/embedded/embedded-database';
import { type BenchBackend, type BenchBackendOptions, backendEnv, startBackend } from './bench/backend';
import { CONCURRENCY, runCore } from './bench/core-run';
import { type FakeServers, startFakes } from './bench/fakes-process';
import { compareWithFloor, floorSection } from './bench/floor-comparison';
import { coldStartSection, measureFunctionColdStart } from './bench/function-cold-start';
import { historySection, measureHistoryCost } from './bench/history-cost';
import { runLoadShedding, sheddingSection, SHEDDING_LEVELS } from './bench/load-shedding';
import { startMemorySampler } from './bench/memory-sampler';
import { coreSections, memorySection, upstreamSection } from './bench/report';
import { measureBulk, measureSummary, reportsSection } from './bench/report-figures';
import { ReportTable } from './bench/report-table';
import { measureService } from './bench/service-figures';
import { serviceSection } from './bench/service-section';
import { type SignedClient, signedClient } from './bench/signed-client';
import { fmt } from './bench/stats';

/**
 * npm run bench [-- --quick] [-- --latency-ms 20]: drives the real backend (composition root + serve, the
 * embedded PostgreSQL in a temporary folder) against fake HubSpot and Stripe servers with a fixed latency, and
 * prints figures beside the targets of issues 7, 9 and 12. It asserts nothing and exits 0 even when a target
 * is missed.
 */

const HUBSPOT_TOKEN = 'bench-token';
const CLIENT_SECRET = 'bench-secret';
const PORTAL_ID = '123456';
const STRIPE_KEY = 'sk_test_bench';
const USER_ID = '7001';
const DEAL_AMOUNT = '100000.00';
const ROOT = join(__dirname, '..');

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
  ? { warmup: 5, sequential: 30, concurrentTotal: 150, serviceRuns: 2, history: 200, historySamples: 20, summaryAttempts: 20_000, bulkRows: 100, floorSequential: 50 }
  : { warmup: 20, sequential: 200, concurrentTotal: 1000, serviceRuns: 5, history: 1000, historySamples: 50, summaryAttempts: 100_000, bulkRows: 1000, floorSequential: 200 };

/** Deal id ranges, one per part of the run, so no part meets another's payments on the one fake HubSpot. */
const DEALS = { core: 100_000, shedding: 200_001, history: 300_001, floor: 400_001, bulk: 500_001, external: 1_000_000 } as const;

const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const folder = mkdtempSync(join(tmpdir(), 'refund-bench-'));
  const table = new ReportTable();
  const memory = startMemorySampler(50);
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    memory.phase(name);
    const phaseStarted = Date.now();
    const result = await work();
    progress(`${name}: ${((Date.now() - phaseStarted) / 1000).toFixed(1)} s`);
    return result;
  };
  const cleanups: (() => Promise<void> | void)[] = [];
  try {
    await phase('build', async () => {
      const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.js')], { stdio: 'inherit' });
      if (build.status !== 0) throw new Error('the server build failed');
    });

    // Issue 7: the service as a user starts it, before any load so the machine is as quiet as it will be.
    const embeddedService = await phase('service figures, embedded', () => measureService({ runs: sizes.serviceRuns }));
    const external: EmbeddedDatabase = await phase('separate PostgreSQL start', () => openEmbeddedDatabase(join(folder, 'external'), 'command', { sync: false }));
    cleanups.push(() => external.release());
    const externalService = await phase('service figures, DATABASE_URL', () => measureService({ runs: sizes.serviceRuns, databaseUrl: external.url }));
    // Issue 12, item 9: the app function's bundle required by fresh processes, also before any load.
    const coldStart = await phase('app function cold start', () => measureFunctionColdStart());

    const fakes: FakeServers = await phase('fake servers start', () => startFakes({ latencyMs, hubspotToken: HUBSPOT_TOKEN, stripeKey: STRIPE_KEY, dealAmount: DEAL_AMOUNT }));
    cleanups.push(() => fakes.stop());
    const options: BenchBackendOptions = {
      hubspotUrl: fakes.hubspotUrl,
      stripeUrl: fakes.stripeUrl,
      dataDir: join(folder, 'data'),
      hubspotToken: HUBSPOT_TOKEN,
      clientSecret: CLIENT_SECRET,
      portalId: PORTAL_ID,
      stripeKey: STRIPE_KEY,
    };
    const open = async (backendOptions: BenchBackendOptions): Promise<{ backend: BenchBackend; api: SignedClient }> => {
      const backend = await startBackend(backendOptions);
      const api = signedClient({ baseUrl: backend.url, clientSecret: CLIENT_SECRET, userId: USER_ID, portalId: PORTAL_ID, maxSockets: Math.max(...SHEDDING_LEVELS) });
      cleanups.push(async () => {
        api.close();
        await backend.stop().catch((error: unknown) => progress(`backend did not stop cleanly: ${String(error)}`));
      });
      return { backend, api };
    };

    const { backend, api } = await phase('backend start', () => open(options));
    // The bench joins the backend's embedded PostgreSQL as a CLI command would, for the floor and the seeding.
    const ledger = await openEmbeddedDatabase(options.dataDir, 'command');
    cleanups.push(() => ledger.release());
    const settle = backend.settle;

    const core = await runCore(api, fakes, settle, sizes, DEALS.core, phase);
    const shedding = await phase('load shedding', () => runLoadShedding(api, fakes, DEALS.shedding, settle));
    const history = await phase(`history of ${sizes.history}`, () =>
      measureHistoryCost(api, fakes, settle, { firstDeal: DEALS.history, history: sizes.history, samples: sizes.historySamples }),
    );
    const bulk = await phase(`bulk of ${sizes.bulkRows} rows`, () => measureBulk(backendEnv(options), folder, { rows: sizes.bulkRows, firstDeal: DEALS.bulk }));
    await settle();
    const floor = await phase('floor comparison', () =>
      compareWithFloor(
        { api, fakes, settle, databaseUrl: ledger.url, clientSecret: CLIENT_SECRET, identity: { userId: USER_ID, portalId: PORTAL_ID } },
        { firstDeal: DEALS.floor, sequential: sizes.floorSequential, concurrentTotal: sizes.concurrentTotal },
      ),
    );
    await fakes.setLatency(latencyMs);
    const summary = await phase(`summary over ${sizes.summaryAttempts} attempts`, () => measureSummary(api, ledger.url, { attempts: sizes.summaryAttempts, runs: 10 }));
    const health = await api.get('/healthz');

    const second = await phase('backend start, DATABASE_URL', () => open({ ...options, databaseUrl: external.url }));
    const externalCore = await runCore(second.api, fakes, second.backend.settle, sizes, DEALS.external, phase);

    const report = memory.stop();
    const totals = await fakes.snapshot();
    table.line(`Refund card backend bench (${flags.quick ? 'quick' : 'full'}): fakes answer in ${latencyMs} ms; Node ${process.version}, ${availableParallelism()} CPU(s)`);
    for (const line of [
      ...backend.summary,
      `1-minute load average before the bench: ${loadBefore.toFixed(2)} (anything else running skews every timing)`,
      `refunds by a super admin, signed v3, on deals of ${DEAL_AMOUNT} USD; ${CONCURRENCY} concurrent clients unless said`,
    ]) {
      table.line(`  ${line}`);
    }
    serviceSection(table, 'embedded PostgreSQL (the default)', embeddedService);
    serviceSection(table, 'DATABASE_URL at a PostgreSQL started separately', externalService);
    coldStartSection(table, coldStart);
    coreSections(table, core, 'embedded PostgreSQL');
    coreSections(table, externalCore, 'DATABASE_URL');
    sheddingSection(table, shedding);
    historySection(table, history);
    floorSection(table, floor);
    reportsSection(table, summary, bulk);
    memorySection(table, report);
    const backlog = (health.body as { crmBacklog?: unknown } | null)?.crmBacklog;
    upstreamSection(table, totals, health.status === 200 ? String(backlog) : `healthz answered ${health.status}`, backend.logged);
    table.line(`\n${table.missed === 0 ? 'All targets met.' : `${table.missed} target(s) MISSED (see above).`} Bench took ${fmt((Date.now() - started) / 1000, 1)} s.`);
    console.log(table.lines.join('\n'));
    if (table.missed > 0) progress(`${table.missed} target(s) MISSED; this is a report, so the exit code stays 0`);
  } finally {
    memory.stop();
    for (const cleanup of cleanups.reverse()) await cleanup();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
});
