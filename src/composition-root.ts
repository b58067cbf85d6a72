import { randomUUID } from 'node:crypto';
import { backgroundTasks } from './application/background-tasks';
import { cachedUserDirectory } from './application/cached-user-directory';
import type { RefundDeps } from './application/refund-deps';
import { createManualProvider } from './adapters/providers/manual/manual-provider';
import { providerRegistry } from './adapters/providers/provider-registry';
import { createStripeProvider } from './adapters/providers/stripe/stripe-provider';
import { createSimulatedProvider } from './adapters/sandbox/simulated-provider';
import { SandboxCrm } from './adapters/sandbox/sandbox-crm';
import { SANDBOX_POLICY, seedSandbox } from './adapters/sandbox/sandbox-seed';
import type { Database } from './adapters/store/database';
import { migrate } from './adapters/store/migrations';
import { openPGliteDatabase } from './adapters/store/pglite-database';
import { openPostgresDatabase } from './adapters/store/postgres-database';
import { SqlLedger } from './adapters/store/sql-ledger';
import { createHubSpotCrm } from './adapters/hubspot/hubspot-crm';
import type { Config } from './config/config';
import { DEFAULT_POLICY, refundPolicySchema } from './domain/policy';
import type { PaymentProvider } from './ports/payment-provider';
import type { Clock } from './ports/clock';
import { systemClock } from './ports/clock';
import type { CrmSchema } from './ports/crm-schema';
import type { Logger } from './ports/logger';

export interface Backend {
  readonly deps: RefundDeps;
  readonly schema: CrmSchema;
  readonly config: Config;
  /** the local CRM in sandbox mode, null against HubSpot */
  readonly sandboxCrm: SandboxCrm | null;
  /** what is real and what is simulated, for the start banner */
  readonly summary: readonly string[];
  close(): Promise<void>;
}

/** The one place that chooses real adapters (design §2). Every host builds its backend here. */
export async function composeBackend(
  config: Config,
  logger: Logger,
  { clock = systemClock, newId = randomUUID }: { clock?: Clock; newId?: () => string } = {},
): Promise<Backend> {
  const db = await openDatabase(config);
  try {
    await migrate(db);
    const ledger = new SqlLedger(db, clock);
    const summary: string[] = [`ledger: ${'url' in config.database ? 'Postgres (DATABASE_URL)' : `PGlite in ${config.database.dataDir}`}`];
    const crm = await crmFor(config, db, summary);
    const providers: PaymentProvider[] = [createManualProvider()];
    if (config.stripe) {
      providers.push(createStripeProvider({ ...config.stripe, timeoutMs: config.providerTimeoutMs }));
      summary.push(`stripe: ${config.stripe.secretKey.includes('_live_') ? 'LIVE' : 'test mode'} at ${config.stripe.apiBase}`);
    } else if (config.mode === 'sandbox') {
      providers.push(createSimulatedProvider('stripe'));
      summary.push('stripe: simulated (no STRIPE_SECRET_KEY): nothing leaves this machine');
    } else {
      summary.push('stripe: not configured (STRIPE_SECRET_KEY)');
    }
    const registry = providerRegistry(providers);
    const policy = config.policy ?? (config.mode === 'sandbox' ? refundPolicySchema.parse(SANDBOX_POLICY) : DEFAULT_POLICY);
    const deps: RefundDeps = {
      records: crm,
      timeline: crm,
      users: cachedUserDirectory(crm, clock),
      ledger,
      providers: registry,
      policy,
      clock,
      logger,
      objectTypes: config.objectTypes,
      providerTimeoutMs: config.providerTimeoutMs,
      background: backgroundTasks(logger),
      newId,
    };
    const close = async () => {
      await deps.background.drain();
      await ledger.close();
    };
    return { deps, schema: crm, config, summary, sandboxCrm: crm instanceof SandboxCrm ? crm : null, close };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

async function openDatabase(config: Config): Promise<Database> {
  return 'url' in config.database ? openPostgresDatabase(config.database.url) : openPGliteDatabase(config.database.dataDir);
}

async function crmFor(config: Config, db: Database, summary: string[]) {
  if (config.hubspot.accessToken) {
    summary.push(`crm: HubSpot at ${config.hubspot.baseUrl}`);
    return createHubSpotCrm({ accessToken: config.hubspot.accessToken, baseUrl: config.hubspot.baseUrl, propertyOverrides: config.transactionProperties });
  }
  await seedSandbox(db);
  summary.push('crm: SANDBOX (local CRM in the ledger database, demo deals and users)');
  return new SandboxCrm(db, config.transactionProperties);
}
