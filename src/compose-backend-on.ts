import { randomUUID } from 'node:crypto';
import { backgroundTasks } from './application/background-tasks';
import { cachedUserDirectory } from './application/cached-user-directory';
import type { RefundDeps } from './application/refund-deps';
import { secretRedactor, withSecretsRedacted } from './adapters/logging/secret-redaction';
import { withOutcomesRedacted } from './adapters/providers/redacted-provider';
import { providerRegistry } from './adapters/providers/provider-registry';
import { providerLabels, providerModules } from './adapters/providers/provider-modules';
import { createSimulatedProvider } from './adapters/sandbox/simulated-provider';
import { SandboxCrm } from './adapters/sandbox/sandbox-crm';
import { SANDBOX_POLICY, seedSandbox } from './adapters/sandbox/sandbox-seed';
import type { Database } from './adapters/store/database';
import { migrate } from './adapters/store/migrations';
import { SqlLedger } from './adapters/store/sql-ledger';
import { createHubSpotCrm } from './adapters/hubspot/hubspot-crm';
import type { Config } from './config/config';
import { configuredSecrets } from './config/config-secrets';
import { canonicalObjectType } from './domain/object-types';
import { parsePolicy } from './domain/policy';
import { policySource } from './application/policy/policy-source';
import { seedPolicy } from './application/policy/seed-policy';
import { SqlCrmOutbox } from './adapters/store/sql-crm-outbox';
import { SqlProviderEventLog } from './adapters/store/sql-provider-event-log';
import { SqlPolicyStore } from './adapters/store/sql-policy-store';
import { SqlRefundReports } from './adapters/store/sql-refund-reports';
import type { PaymentProvider } from './ports/payment-provider';
import type { Clock } from './ports/clock';
import { systemClock } from './ports/clock';
import type { CrmAccount } from './ports/crm-account';
import type { CrmSchema } from './ports/crm-schema';
import type { Logger } from './ports/logger';
import type { WebhookEndpoint } from './ports/provider-webhooks';

export interface Backend {
  readonly deps: RefundDeps;
  readonly schema: CrmSchema;
  readonly account: CrmAccount;
  readonly config: Config;
  /** the local CRM in sandbox mode, null against HubSpot */
  readonly sandboxCrm: SandboxCrm | null;
  /** POST /webhooks/{provider}: every provider that sends webhooks, with its receiver where it is set up */
  readonly webhooks: readonly WebhookEndpoint[];
  /** what is real and what is simulated, for the start banner */
  readonly summary: readonly string[];
  close(): Promise<void>;
}

/**
 * The one place that chooses real adapters (design §2), on an open ledger database. Every host builds its
 * backend here; composeBackend (composition-root.ts) opens the database first. Nothing here starts an embedded
 * database, so a host that only ever uses DATABASE_URL (a HubSpot function) is bundled without it.
 */
export async function composeBackendOn(
  db: Database,
  config: Config,
  baseLogger: Logger,
  {
    clock = systemClock,
    newId = randomUUID,
    ledgerDescription = 'PostgreSQL',
    check,
  }: { clock?: Clock; newId?: () => string; ledgerDescription?: string; check?: (() => void) | undefined } = {},
): Promise<Backend> {
  // Whatever another system echoes, no configured secret reaches a log line or an attempt's failure detail.
  const redactText = secretRedactor(configuredSecrets(config));
  const logger = withSecretsRedacted(baseLogger, redactText);
  try {
    await migrate(db);
    const ledger = new SqlLedger(db, clock, check, newId);
    const policyStore = new SqlPolicyStore(db);
    const summary: string[] = [`ledger: ${ledgerDescription}`];
    const crm = await crmFor(config, db, summary);
    const providers = providersFor(config, clock, summary).map((provider) => withOutcomesRedacted(provider, redactText));
    const registry = providerRegistry(providers);
    const sandboxPolicy = parsePolicy(SANDBOX_POLICY);
    await seedPolicy(
      policyStore,
      { configured: config.policy, locked: config.policyLocked, ...(config.mode === 'sandbox' && sandboxPolicy.ok ? { fallback: sandboxPolicy.document } : {}) },
      clock,
      logger,
    );
    if (config.policyLocked) summary.push('refund policy: pinned by REFUND_POLICY_LOCKED (read-only in HubSpot)');
    const deps: RefundDeps = {
      records: crm,
      timeline: crm,
      users: cachedUserDirectory(crm, clock),
      directory: crm,
      ledger,
      outbox: new SqlCrmOutbox(db),
      events: new SqlProviderEventLog(db),
      providers: registry,
      providerLabels: providerLabels(),
      policies: policySource(policyStore, clock, config.policyLocked),
      policyStore,
      reports: new SqlRefundReports(db),
      clock,
      logger,
      objectTypes: [...new Set(config.objectTypes.map(canonicalObjectType))],
      providerTimeoutMs: config.providerTimeoutMs,
      maxDeclinesPerHour: config.maxDeclinesPerHour,
      background: backgroundTasks(logger),
      newId,
    };
    const close = async () => {
      await deps.background.drain();
      await ledger.close();
    };
    const webhooks = webhookEndpointsFor(config, clock, summary);
    return { deps, schema: crm, account: crm, config, summary, webhooks, sandboxCrm: crm instanceof SandboxCrm ? crm : null, close };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** Real adapters where credentials are set; in sandbox mode a simulator stands in for the rest, and says so. */
function providersFor(config: Config, clock: Clock, summary: string[]): PaymentProvider[] {
  const providers: PaymentProvider[] = [];
  for (const module of providerModules()) {
    const settings = config.providers[module.name];
    if (settings !== null) {
      providers.push(module.create(settings, { clock }));
      if (module.switchedOnBy) summary.push(`${module.name}: configured`);
    } else if (config.mode === 'sandbox' && module.simulation) {
      providers.push(createSimulatedProvider(module.name, module.simulation));
      summary.push(`${module.name}: simulated (no ${module.switchedOnBy}): nothing leaves this machine`);
    } else {
      summary.push(`${module.name}: not configured (${module.switchedOnBy})`);
    }
  }
  return providers;
}

/** Each provider's webhook endpoint, its receiver built where the provider and its signing secret are configured. */
function webhookEndpointsFor(config: Config, clock: Clock, summary: string[]): WebhookEndpoint[] {
  return providerModules().flatMap((module) => {
    const hooks = module.webhooks;
    if (!hooks) return [];
    const settings = config.providers[module.name];
    const receiver = settings === null ? null : hooks.receiver(settings, { clock });
    if (receiver) summary.push(`${module.name} webhooks: POST /webhooks/${hooks.path}`);
    const setUpWith = settings === null && module.switchedOnBy ? `${module.switchedOnBy} and ${hooks.setUpWith}` : hooks.setUpWith;
    return [{ provider: module.name, path: hooks.path, receiver, setUpWith, events: hooks.events }];
  });
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
