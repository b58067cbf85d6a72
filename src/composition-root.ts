import { openPGliteDatabase } from './adapters/store/pglite-database';
import { openPostgresDatabase } from './adapters/store/postgres-database';
import { type Backend, composeBackendOn } from './compose-backend-on';
import type { Config } from './config/config';
import type { Clock } from './ports/clock';
import type { Logger } from './ports/logger';

export type { Backend } from './compose-backend-on';

/** Opens the ledger the configuration names (Postgres with DATABASE_URL, else embedded PGlite) and composes on it. */
export async function composeBackend(config: Config, logger: Logger, options: { clock?: Clock; newId?: () => string } = {}): Promise<Backend> {
  const db = 'url' in config.database ? await openPostgresDatabase(config.database.url) : await openPGliteDatabase(config.database.dataDir);
  return composeBackendOn(db, config, logger, options);
}
