import pg from 'pg';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../../ports/logger';
import { clusterPaths, DATABASE_NAME, DATABASE_USER, ensureServer, initialiseCluster, isInitialised, readPassword } from './cluster';
import { withFileLock } from './file-lock';
import { EmbeddedDatabaseError, postgresBinaries } from './postgres-binaries';
import { isPostmasterOf, readPostmaster, stopPostmaster } from './postmaster';

/** `server`: at most one per data folder. `command`: a CLI command, any number, beside a server or alone. */
export type EmbeddedRole = 'server' | 'command';

export interface EmbeddedDatabase {
  readonly url: string;
  /** for the start banner, e.g. "PostgreSQL in .data (started now)" */
  readonly description: string;
  /** throws when the data folder was deleted under the running server */
  check(): void;
  /** Leaves the database; the last of our processes to leave stops the server. */
  release(): Promise<void>;
}

/** Advisory lock keys (arbitrary constants): every process of ours holds PRESENCE shared; a server holds SERVER. */
const PRESENCE_LOCK = 727_100;
const SERVER_LOCK = 727_101;

/**
 * The embedded default (design §3): a real PostgreSQL server under DATA_DIR, created on first use, started
 * by whichever of our processes needs it first, shared by the server and CLI commands through its port,
 * and stopped by the last one to leave. Who is present is known to PostgreSQL itself (advisory locks of
 * live sessions), so a killed process never counts as present.
 */
export async function openEmbeddedDatabase(
  dataDir: string,
  role: EmbeddedRole,
  options: { logger?: Logger; sync?: boolean } = {},
): Promise<EmbeddedDatabase> {
  const paths = clusterPaths(dataDir);
  const binaries = postgresBinaries();
  mkdirSync(paths.root, { recursive: true });
  for (let attempt = 1; ; attempt += 1) {
    const { postmaster, started } = await withFileLock(paths.lockFile, async () => {
      if (!isInitialised(paths)) await initialiseCluster(binaries, paths, { sync: options.sync ?? true });
      const server = await ensureServer(binaries, paths);
      await ensureDatabase(paths, server.postmaster.port);
      return server;
    });
    const url = connectionString(readPassword(paths), postmaster.port, DATABASE_NAME);
    const presence = new pg.Client({ connectionString: url, application_name: `refund-card ${role} (pid ${process.pid})`, connectionTimeoutMillis: 10_000 });
    let leaving = false;
    presence.on('error', (error) => {
      if (!leaving) options.logger?.warn('embedded database session lost', { error: error.message });
    });
    try {
      await presence.connect();
      // Blocks while another process is stopping the server (it holds PRESENCE exclusively); that
      // stop then ends this session, and the next attempt starts the server again.
      await presence.query('SELECT pg_advisory_lock_shared($1)', [PRESENCE_LOCK]);
    } catch (error) {
      await presence.end().catch(() => undefined);
      if (attempt < 3) continue;
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL in ${paths.root} does not answer: ${(error as Error).message}`);
    }
    const embedded: EmbeddedDatabase = {
      url,
      description: `PostgreSQL in ${dataDir} (${started ? `started, process ${postmaster.pid}` : `already running, process ${postmaster.pid}`})`,
      check() {
        if (!existsSync(join(paths.clusterDir, 'PG_VERSION'))) {
          throw new EmbeddedDatabaseError(`The embedded database's folder ${paths.clusterDir} is gone. Restart the backend to create a new, empty ledger.`);
        }
      },
      release: () => {
        leaving = true;
        return leave(presence, paths.clusterDir, postmaster.pid);
      },
    };
    if (role === 'server') {
      const [claim] = (await presence.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [SERVER_LOCK])).rows;
      if (!claim?.ok) {
        const holder = await serverHolder(presence);
        await embedded.release();
        throw new EmbeddedDatabaseError(
          `${dataDir} is already in use by another backend server${holder ? ` (${holder})` : ''}. Stop it first, or give this one its own DATA_DIR.`,
        );
      }
    }
    return embedded;
  }
}

function connectionString(password: string, port: number, database: string): string {
  return `postgres://${DATABASE_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(paths: ReturnType<typeof clusterPaths>, port: number): Promise<void> {
  const client = new pg.Client({ connectionString: connectionString(readPassword(paths), port, 'postgres'), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (rows.length === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

async function serverHolder(presence: pg.Client): Promise<string | null> {
  const { rows } = await presence.query<{ application_name: string; backend_start: Date }>(
    `SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.objid = $1 AND l.granted LIMIT 1`,
    [SERVER_LOCK],
  );
  const row = rows[0];
  if (!row) return null;
  const pid = /pid (\d+)/.exec(row.application_name)?.[1];
  return `${pid ? `process ${pid}` : row.application_name}, running since ${row.backend_start.toISOString()}`;
}

/** Drops our presence; when nobody else is present, stops the server (PRESENCE held exclusively meanwhile). */
async function leave(presence: pg.Client, clusterDir: string, knownPid: number): Promise<void> {
  let last = false;
  try {
    await presence.query('SELECT pg_advisory_unlock_all()');
    const [row] = (await presence.query<{ last: boolean }>('SELECT pg_try_advisory_lock($1) AS last', [PRESENCE_LOCK])).rows;
    last = row?.last === true;
  } catch {
    // the server is already gone: nothing to stop
  }
  // Stopped while this session still holds PRESENCE: a process arriving now waits on the lock, is cut off
  // by the shutdown, and starts the server again.
  // The pid file is gone when the data folder was deleted under us; the server we met is stopped all the same.
  const pid = readPostmaster(clusterDir)?.pid ?? (isPostmasterOf(knownPid, clusterDir) ? knownPid : null);
  if (last && pid) await stopPostmaster(pid);
  await presence.end().catch(() => undefined);
}
