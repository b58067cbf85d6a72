import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { waitUntil } from '../src/adapters/store/embedded/postmaster';
import { startFakes } from './bench/fakes-process';
import { signedClient } from './bench/signed-client';
import { countBy, describeCounts } from './bench/stats';
import { DrillInstance } from './drill/drill-instances';
import { type Check, checkInvariants } from './drill/drill-invariants';
import { startDrillPostgres } from './drill/drill-postgres';
import { type DrillWorld, scenarios } from './drill/drill-scenarios';

/**
 * npm run drill [-- --instances 3] [-- --soak-seconds 60] [-- --only <scenario>]: issue 12's operator's bad day.
 * Several real backend processes (`refund-card serve`) on one PostgreSQL, with stand-ins of HubSpot and Stripe;
 * the database restarted and frozen under load, an instance killed mid-refund on a payment past Stripe's first
 * page, every instance killed during a HubSpot outage, and a soak. After each, the attempts are resolved and the
 * invariants checked against what the stand-ins hold. Exits 1 if any check fails. Takes about 5 minutes.
 */

const ROOT = join(__dirname, '..');
const SECRETS = { HUBSPOT_ACCESS_TOKEN: 'drill-token', HUBSPOT_CLIENT_SECRET: 'drill-secret', HUBSPOT_PORTAL_ID: '123456', STRIPE_SECRET_KEY: 'sk_test_drill' };
const PROVIDER_TIMEOUT_MS = 3_000;
/** the resolver leaves alone attempts younger than the provider timeout plus its margin (5 s) */
const RESOLVE_AGE_MS = PROVIDER_TIMEOUT_MS + 5_000 + 1_000;
const LATENCY_MS = 20;

const { values: flags } = parseArgs({
  options: {
    instances: { type: 'string', default: '3' },
    'soak-seconds': { type: 'string', default: '60' },
    only: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  console.log('usage: npm run drill [-- --instances <2-6, default 3>] [-- --soak-seconds <default 60>] [-- --only <scenario name>]');
  process.exit(0);
}
const instanceCount = Number(flags.instances);
const soakSeconds = Number(flags['soak-seconds']);
if (!Number.isInteger(instanceCount) || instanceCount < 2 || instanceCount > 6) fail(`--instances must be 2 to 6, got "${flags.instances}"`);
if (!Number.isInteger(soakSeconds) || soakSeconds < 5 || soakSeconds > 3_600) fail(`--soak-seconds must be 5 to 3600, got "${flags['soak-seconds']}"`);

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const progress = (line: string) => process.stderr.write(`[drill ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<number> {
  const folder = mkdtempSync(join(tmpdir(), 'refund-drill-'));
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    progress(`building the server and starting PostgreSQL, the stand-ins and ${instanceCount} instances in ${folder}`);
    const built = spawnSync(process.execPath, ['-e', "require('./scripts/build-server.js').ensureBuilt()"], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the server build failed');
    const postgres = await startDrillPostgres(join(folder, 'postgres'));
    cleanups.push(() => postgres.close());
    const fakes = await startFakes({ latencyMs: LATENCY_MS, hubspotToken: SECRETS.HUBSPOT_ACCESS_TOKEN, stripeKey: SECRETS.STRIPE_SECRET_KEY, dealAmount: '10.00' });
    cleanups.push(() => fakes.stop());
    const env = {
      ...SECRETS,
      HUBSPOT_BASE_URL: fakes.hubspotUrl,
      STRIPE_API_BASE: fakes.stripeUrl,
      DATABASE_URL: postgres.url,
      DATA_DIR: join(folder, 'data'),
      PROVIDER_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS),
    };
    const instances = await Promise.all(Array.from({ length: instanceCount }, (_, i) => DrillInstance.create(`instance-${i + 1}`, env, folder)));
    cleanups.push(() => Promise.all(instances.map((instance) => instance.stop())));
    // the first one migrates the schema; the others start beside it
    await instances[0]?.start();
    await Promise.all(instances.slice(1).map((instance) => instance.start()));
    const targets = instances.map((instance) => ({
      name: instance.name,
      client: signedClient({ baseUrl: instance.url, clientSecret: SECRETS.HUBSPOT_CLIENT_SECRET, userId: '7001', portalId: SECRETS.HUBSPOT_PORTAL_ID, maxSockets: 200, timeoutMs: 20_000 }),
    }));
    cleanups.push(async () => targets.forEach((target) => target.client.close()));
    const world: DrillWorld = { postgres, fakes, instances, targets, down: new Set(), latencyMs: LATENCY_MS, progress };

    let failed = 0;
    const chosen = scenarios(soakSeconds).filter((scenario) => !flags.only || scenario.name === flags.only);
    if (chosen.length === 0) fail(`no scenario is called "${flags.only}"; they are: ${scenarios(soakSeconds).map((s) => s.name).join(', ')}`);
    for (const scenario of chosen) {
      progress(`${scenario.name}: ${scenario.what}`);
      const asked = await scenario.run(world);
      const settled = await settle(world, env);
      const db = new pg.Client({ connectionString: postgres.url });
      await db.connect();
      const state = await fakes.state();
      const checks = await checkInvariants(db, asked, state.stripe, state.hubspot).finally(() => db.end());
      const problems = instances.flatMap((instance) => instance.problems().map((line) => `${instance.name}: ${line.slice(0, 300)}`));
      failed += report(scenario.name, scenario.what, asked, settled, checks, scenario.figures);
      if (problems.length > 0) console.log(`  logged errors so far (${problems.length}), the first: ${problems[0]}`);
    }
    console.log(failed === 0 ? '\nEvery check held.' : `\n${failed} check(s) failed.`);
    return failed === 0 ? 0 : 1;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => progress(`cleanup: ${String(error)}`));
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * After the faults: every instance healthy again, the attempts left in flight looked up at the provider
 * (`refund-card resolve --all` once they are old enough), and the CRM writes delivered.
 */
async function settle(world: DrillWorld, env: Record<string, string>): Promise<{ healthyMs: number; crmCaughtUpMs: number | null; resolveRuns: number }> {
  const since = Date.now();
  await waitUntil(async () => (await Promise.all(world.instances.map((instance) => instance.healthy()))).every(Boolean), 60_000, 200);
  const healthyMs = Date.now() - since;
  const db = new pg.Client({ connectionString: world.postgres.url });
  await db.connect();
  try {
    const open = async () => Number((await db.query<{ n: string }>("SELECT count(*) AS n FROM refund_attempts WHERE status IN ('pending', 'unknown')")).rows[0]?.n ?? 0);
    let resolveRuns = 0;
    for (let inFlight = await open(); inFlight > 0 && resolveRuns < 3; inFlight = await open()) {
      world.progress(`${inFlight} attempt(s) in flight; resolving them once they are ${RESOLVE_AGE_MS / 1000} s old`);
      await new Promise((resolve) => setTimeout(resolve, RESOLVE_AGE_MS));
      resolveRuns += 1;
      spawnSync(process.execPath, [join(ROOT, 'bin', 'refund-card.js'), 'resolve', '--all'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    }
    const undelivered = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM crm_outbox WHERE delivered_at IS NULL')).rows[0]?.n ?? 0);
    const crmStarted = Date.now();
    const caughtUp = await waitUntil(async () => (await undelivered()) === 0, 120_000, 250);
    return { healthyMs, crmCaughtUpMs: caughtUp ? Date.now() - crmStarted : null, resolveRuns };
  } finally {
    await db.end();
  }
}

function report(
  name: string,
  what: string,
  asked: readonly { outcome: string; ms: number }[],
  settled: { healthyMs: number; crmCaughtUpMs: number | null; resolveRuns: number },
  checks: readonly Check[],
  figures?: ReadonlyMap<string, string>,
): number {
  console.log(`\n${name}: ${what}`);
  console.log(`  ${asked.length} refunds asked: ${describeCounts(countBy(asked.map((one) => one.outcome)))}`);
  console.log(`  every instance healthy ${(settled.healthyMs / 1000).toFixed(1)} s after the load; resolve runs: ${settled.resolveRuns}; CRM writes caught up ${settled.crmCaughtUpMs === null ? 'NOT within 120 s' : `in ${(settled.crmCaughtUpMs / 1000).toFixed(1)} s`}`);
  for (const [label, figure] of figures ?? []) console.log(`  ${label}: ${figure}`);
  for (const check of checks) console.log(`  ${check.ok ? 'ok    ' : 'FAILED'} ${check.name}: ${check.detail}`);
  return checks.filter((check) => !check.ok).length + (settled.crmCaughtUpMs === null ? 1 : 0);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('the drill could not run:', error);
    process.exit(2);
  },
);
