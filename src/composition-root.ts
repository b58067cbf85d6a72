import { type EmbeddedDatabase, type EmbeddedRole, openEmbeddedDatabase } from './adapters/store/embedded/embedded-database';
import { EmbeddedDatabaseError } from './adapters/store/embedded/postgres-binaries';
import type { Database } from './adapters/store/database';
import { openPostgresDatabase } from './adapters/store/postgres-database';
import { type Backend, composeBackendOn } from './compose-backend-on';
import type { Config } from './config/config';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';

export type { Backend } from './compose-backend-on';

export interface ComposeOptions {
  readonly clock?: Clock;
  readonly newId?: () => string;
  /** the server claims its data folder; CLI commands share it (design §7) */
  readonly role?: EmbeddedRole;
}

/**
 * Opens the ledger the configuration names (the operator's Postgres at DATABASE_URL, else the embedded
 * PostgreSQL under DATA_DIR) and composes on it.
 */
export async function composeBackend(config: Config, logger: Logger, options: ComposeOptions = {}): Promise<Backend> {
  const { db, embedded, description } = await openLedgerDatabase(config, logger, options.role ?? 'command');
  try {
    const backend = await composeBackendOn(db, config, logger, { ...options, ledgerDescription: description, check: embedded ? () => embedded.check() : undefined });
    return {
      ...backend,
      async close() {
        await backend.close();
        await embedded?.release();
      },
    };
  } catch (error) {
    await embedded?.release();
    throw error;
  }
}

async function openLedgerDatabase(
  config: Config,
  logger: Logger,
  role: EmbeddedRole,
): Promise<{ db: Database; embedded: EmbeddedDatabase | null; description: string }> {
  const applicationName = `refund-card ${role} (pid ${process.pid})`;
  if ('url' in config.database) {
    try {
      return { db: await openPostgresDatabase(config.database.url, { logger, applicationName }), embedded: null, description: 'PostgreSQL at DATABASE_URL' };
    } catch (error) {
      throw new EmbeddedDatabaseError(`DATABASE_URL: the PostgreSQL server there does not answer (${describeConnectError(error)}).`);
    }
  }
  const embedded = await openEmbeddedDatabase(config.database.dataDir, role, { logger });
  try {
    return { db: await openPostgresDatabase(embedded.url, { logger, applicationName }), embedded, description: embedded.description };
  } catch (error) {
    await embedded.release();
    throw error;
  }
}

/** The driver's reason without the connection string, which may carry a password. */
function describeConnectError(error: unknown): string {
  const code = typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : String(error);
  return (code ? `${code}: ` : '') + message.replace(/postgres(ql)?:\/\/\S+/g, '[DATABASE_URL]');
}
