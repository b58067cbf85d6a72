import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../../ports/logger';
import { type AdvisoryLock, type Database, INT8_OID, type SqlExecutor } from './database';
import { isAppError } from '../../domain/errors';
import { busyError, toLedgerError } from './ledger-errors';

export interface PostgresOptions {
  readonly maxConnections?: number;
  /** shown in pg_stat_activity, so an operator can tell our sessions apart */
  readonly applicationName?: string;
  readonly logger?: Logger;
  /** a statement running longer than this is cancelled by the server (statement_timeout) */
  readonly statementTimeoutMs?: number;
  /** how long a statement waits for a row lock, e.g. a payment's, before giving up (lock_timeout) */
  readonly lockTimeoutMs?: number;
  /** the client gives up on a server that does not answer at all (a frozen server cancels nothing) */
  readonly queryTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

/**
 * Timeouts that keep every request inside HubSpot's 15 s: a provider call may take 10 s, so the database's
 * share of a request is small. A stalled server fails fast with LEDGER_UNAVAILABLE instead of holding requests.
 */
const DEFAULTS = { statementTimeoutMs: 5_000, lockTimeoutMs: 3_000, queryTimeoutMs: 6_000, connectTimeoutMs: 3_000 };

/** A PostgreSQL server through a `pg` pool: the ledger of every host, embedded or at DATABASE_URL. */
export async function openPostgresDatabase(connectionString: string, options: PostgresOptions = {}): Promise<Database> {
  const settings = { ...DEFAULTS, ...options };
  const max = options.maxConnections ?? 10;
  const newPool = (size: number, sessionSettings?: string) => new pg.Pool({
    connectionString,
    ...(sessionSettings ? { options: sessionSettings } : {}),
    max: size,
    application_name: options.applicationName ?? 'refund-card',
    connectionTimeoutMillis: settings.connectTimeoutMs,
    query_timeout: settings.queryTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    lock_timeout: settings.lockTimeoutMs,
    // A transaction left open by a process that hangs must not hold a payment's lock for long.
    idle_in_transaction_session_timeout: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => BigInt(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  }).on('error', (error: Error & { code?: string }) =>
    // An idle connection cut by the server (a restart: 57P01) is reported here; without a listener it would
    // crash the process. The pool drops that connection and opens a new one when next asked.
    options.logger?.warn('ledger connection lost; the pool reconnects', { code: error.code, error: error.message }),
  );
  const pool = newPool(max);
  let urgentPool: pg.Pool | null = null;
  let outcomesPool: pg.Pool | null = null;
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const executor = (target: pg.Pool | pg.PoolClient, owner: pg.Pool): SqlExecutor => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      try {
        const result: pg.QueryResult | pg.QueryResult[] = await target.query(params.length > 0 ? { name: statementName(text), text, values: [...params] } : text);
        // a simple query of several statements answers with one result each: the last one is the answer
        return (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as Row[];
      } catch (error) {
        throw connectError(error, owner);
      }
    },
  });
  let closed = false;
  // The lanes open on first use; once closed, a late query goes to the ended main pool (which refuses it)
  // rather than open a pool nobody will close.
  const lane = (open: () => pg.Pool): pg.Pool => (closed ? pool : open());
  return {
    ...executor(pool, pool),
    urgent: {
      query: (text, params) => {
        const target = lane(() => (urgentPool ??= newPool(URGENT_CONNECTIONS)));
        return executor(target, target).query(text, params);
      },
    },
    outcomes: {
      query: (text, params) => {
        const target = lane(() => (outcomesPool ??= newPool(URGENT_CONNECTIONS, '-c synchronous_commit=off')));
        return executor(target, target).query(text, params);
      },
    },
    async transaction(work, options = {}) {
      let connection: pg.PoolClient;
      try {
        connection = await pool.connect();
      } catch (error) {
        throw connectError(error, pool);
      }
      let broken: Error | undefined;
      try {
        const tx = executor(connection, pool);
        await tx.query(beginWith(options.lock));
        const result = await work(tx);
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that failed or stalled is not asked to roll back (that would wait as long again):
        // it is destroyed, and the server rolls back what it had when the connection goes.
        if (isAppError(error) && error.code === 'LEDGER_UNAVAILABLE' && error.details?.cause !== 'busy') broken = error;
        else await connection.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        connection.release(broken);
      }
    },
    close: async () => {
      closed = true;
      await Promise.all([pool.end(), urgentPool?.end(), outcomesPool?.end()]);
    },
  };
}

/** Connections kept apart for outcomes: one refund's outcome is one statement, so a few are plenty. */
const URGENT_CONNECTIONS = 2;

/**
 * node-postgres says "timeout exceeded when trying to connect" both when the server does not answer and when
 * every connection of the pool is busy; the second is load, not an outage, and is told apart by the pool
 * being full.
 */
function connectError(error: unknown, pool: pg.Pool): unknown {
  const full = pool.totalCount >= pool.options.max && pool.idleCount === 0;
  if (full && error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message)) return busyError();
  return toLedgerError(error);
}

/** BEGIN, with the advisory lock in the same round trip (a simple query may hold two statements, but no parameters). */
function beginWith(lock: AdvisoryLock | undefined): string {
  if (!lock) return 'BEGIN';
  if (!lock.every((key) => Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31)) throw new Error(`advisory lock keys must be int4: ${lock.join(', ')}`);
  return `BEGIN; SELECT pg_advisory_xact_lock(${lock[0]}, ${lock[1]})`;
}

/**
 * Statements with parameters are prepared once per connection and then only bound and executed: parsing and
 * planning the ledger's larger statements was about a third of their time. Our texts are a bounded set (values
 * always travel as parameters), so the names and each connection's prepared statements stay bounded too.
 */
const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}
