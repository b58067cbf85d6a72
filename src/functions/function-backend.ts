import type { RefundDeps } from '../application/refund-deps';
import { openPostgresDatabase } from '../adapters/store/postgres-database';
import { composeBackendOn } from '../compose-backend-on';
import { type Config, ConfigError, loadConfig } from '../config/config';
import type { Logger } from '../ports/logger';
import { FUNCTION_SECRET_KEYS, HUBSPOT_PROVIDED_TOKEN } from './function-secrets';
import { FunctionUnavailable } from './function-unavailable';

const ASK_ADMIN = 'Ask your HubSpot admin.';

/**
 * The backend of a warm function container, composed on first use and kept: one pool, one migration check
 * per container. A failed start is forgotten, so the next invocation tries again.
 */
export function functionBackend(env: NodeJS.ProcessEnv, logger: Logger): () => Promise<RefundDeps> {
  let composing: Promise<RefundDeps> | null = null;
  return () => {
    composing ??= start(env, logger).catch((error: unknown) => {
      composing = null;
      throw error;
    });
    return composing;
  };
}

async function start(env: NodeJS.ProcessEnv, logger: Logger): Promise<RefundDeps> {
  const config = functionConfig(env);
  try {
    if (!('url' in config.database)) throw new Error('a function needs DATABASE_URL');
    return (await composeBackendOn(await openPostgresDatabase(config.database.url), config, logger)).deps;
  } catch (error) {
    logger.error('function backend failed to start', { error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
    throw new FunctionUnavailable('The refund ledger database is not answering. Try again in a minute; if it keeps failing, ask your HubSpot admin.', {
      setting: 'DATABASE_URL',
    });
  }
}

/**
 * The server's configuration (src/config/config.ts) from the declared secrets, with what a function needs
 * on top: a shared Postgres ledger (an embedded database on a function's disk would be one ledger per container) and a
 * real HubSpot (sandbox mode has no place in HubSpot).
 */
export function functionConfig(env: NodeJS.ProcessEnv): Config {
  const declared = Object.fromEntries(FUNCTION_SECRET_KEYS.map((key) => [key, env[key]]).filter(([, value]) => value !== undefined));
  const token = env.HUBSPOT_ACCESS_TOKEN?.trim() || env[HUBSPOT_PROVIDED_TOKEN]?.trim();
  const missing = [
    ...(env.DATABASE_URL?.trim() ? [] : ['DATABASE_URL']),
    ...(token ? [] : ['HUBSPOT_ACCESS_TOKEN']),
  ];
  if (missing.length > 0) {
    throw new FunctionUnavailable(`This HubSpot app function is not set up yet. ${ASK_ADMIN}`, { missing });
  }
  try {
    return loadConfig({
      ...declared,
      HUBSPOT_ACCESS_TOKEN: token,
    }, { requireClientSecret: false, requirePortalId: false });
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new FunctionUnavailable(`This HubSpot app function's settings are not valid. ${ASK_ADMIN}`, { problems: error.problems });
    }
    throw error;
  }
}
