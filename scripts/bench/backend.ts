import { serve } from '../../src/http/serve';
import { composeBackend } from '../../src/composition-root';
import { loadConfig } from '../../src/config/config';
import type { Logger } from '../../src/ports/logger';

export interface BenchBackend {
  readonly url: string;
  readonly summary: readonly string[];
  /** warnings and errors the backend logged, by message (the info lines, one per request, are dropped) */
  readonly logged: ReadonlyMap<string, number>;
  /** waits for the work that follows an answer (the CRM write-back) */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface BenchBackendOptions {
  readonly hubspotUrl: string;
  readonly stripeUrl: string;
  readonly dataDir: string;
  /** the ledger at this URL instead of the embedded one under dataDir */
  readonly databaseUrl?: string;
  readonly hubspotToken: string;
  readonly clientSecret: string;
  readonly portalId: string;
  readonly stripeKey: string;
}

/** The environment of the backend, also given to CLI commands run beside it. */
export function backendEnv(options: BenchBackendOptions): Record<string, string> {
  return {
    HUBSPOT_ACCESS_TOKEN: options.hubspotToken,
    HUBSPOT_CLIENT_SECRET: options.clientSecret,
    HUBSPOT_PORTAL_ID: options.portalId,
    HUBSPOT_BASE_URL: options.hubspotUrl,
    STRIPE_SECRET_KEY: options.stripeKey,
    STRIPE_API_BASE: options.stripeUrl,
    PORT: '0',
    DATA_DIR: options.dataDir,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  };
}

/** The real backend, wired by the composition root and served by the CLI's `serve`, on an ephemeral port. */
export async function startBackend(options: BenchBackendOptions): Promise<BenchBackend> {
  const config = loadConfig(backendEnv(options));
  const logged = new Map<string, number>();
  const count = (level: string) => (message: string) => {
    const key = `${level}: ${message}`;
    logged.set(key, (logged.get(key) ?? 0) + 1);
  };
  const logger: Logger = { info: () => undefined, warn: count('warn'), error: count('error') };
  const backend = await composeBackend(config, logger, { role: 'server' });
  try {
    const served = await serve(backend);
    return { url: served.url, summary: backend.summary, logged, settle: () => backend.deps.background.drain(), stop: served.stop };
  } catch (error) {
    await backend.close();
    throw error;
  }
}
