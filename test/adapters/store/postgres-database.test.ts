import pg from 'pg';
import type { Database } from '../../../src/adapters/store/database';
import { openPostgresDatabase } from '../../../src/adapters/store/postgres-database';
import { AppError } from '../../../src/domain/errors';
import type { Logger } from '../../../src/ports/logger';
import { createTestDatabase } from '../../support/ledger-fixtures';

describe('the PostgreSQL ledger database under faults', () => {
  let url: string;
  let db: Database;
  const warnings: string[] = [];
  const logger: Logger = { info: () => undefined, warn: (message) => warnings.push(message), error: () => undefined };

  beforeAll(async () => {
    url = await createTestDatabase();
    db = await openPostgresDatabase(url, { logger, applicationName: 'pool-under-test', statementTimeoutMs: 300, lockTimeoutMs: 200 });
  });
  afterAll(() => db.close());

  async function admin<T>(text: string): Promise<T[]> {
    const client = new pg.Client(url);
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  }

  it('survives its connections being cut by the server (a restart) and reconnects by itself', async () => {
    await Promise.all([db.query('SELECT pg_sleep(0.05)'), db.query('SELECT pg_sleep(0.05)')]);
    const [cut] = await admin<{ n: string }>("SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity WHERE application_name = 'pool-under-test'");
    expect(Number(cut?.n)).toBeGreaterThan(0);
    // the pool hears of it as the server's goodbye arrives: no crash, only a warning
    while (!warnings.includes('ledger connection lost; the pool reconnects')) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('gives up on a statement that runs too long, as LEDGER_UNAVAILABLE', async () => {
    await expect(db.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ code: 'LEDGER_UNAVAILABLE' });
    expect(await db.query('SELECT 2 AS two')).toEqual([{ two: 2 }]);
  });

  it('gives up waiting for a lock held elsewhere, with a hint to retry', async () => {
    await db.query('CREATE TABLE IF NOT EXISTS lock_probe (id int PRIMARY KEY)');
    await db.query('INSERT INTO lock_probe VALUES (1) ON CONFLICT DO NOTHING');
    const holder = new pg.Client(url);
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM lock_probe WHERE id = 1 FOR UPDATE');
      const error = await db.transaction((tx) => tx.query('SELECT * FROM lock_probe WHERE id = 1 FOR UPDATE')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'LEDGER_UNAVAILABLE', details: { retryAfterSeconds: 2, cause: 'busy' } });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(await db.transaction((tx) => tx.query('SELECT id FROM lock_probe WHERE id = 1 FOR UPDATE'))).toEqual([{ id: 1 }]);
  });

  it('rolls back a transaction that fails, and keeps nothing of it', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO lock_probe VALUES (2)');
        throw new Error('the use case changed its mind');
      }),
    ).rejects.toThrow('the use case changed its mind');
    expect(await db.query('SELECT id FROM lock_probe ORDER BY id')).toEqual([{ id: 1 }]);
  });

  it('keeps connections apart for outcomes: a pool full of waiting work does not hold them up, and a full pool is "busy"', async () => {
    const small = await openPostgresDatabase(url, { maxConnections: 2, connectTimeoutMs: 300 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    try {
      const holders = [small.transaction(() => gate), small.transaction(() => gate)];
      expect(await small.urgent.query('SELECT 3 AS three')).toEqual([{ three: 3 }]);
      await expect(small.query('SELECT 4')).rejects.toMatchObject({ code: 'LEDGER_UNAVAILABLE', details: { retryAfterSeconds: 2, cause: 'busy' } });
      release();
      await Promise.all(holders);
    } finally {
      release();
      await small.close();
    }
  });

  it('commits the outcomes lane without waiting for the disk, and everything else durably', async () => {
    expect(await db.outcomes.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'off' }]);
    expect(await db.urgent.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);
    expect(await db.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);
    expect(await db.transaction((tx) => tx.query('SHOW synchronous_commit'))).toEqual([{ synchronous_commit: 'on' }]);
  });

  it('prepares a statement with parameters once per connection and reuses it', async () => {
    const prepared = await db.transaction(async (tx) => {
      expect(await tx.query('SELECT $1::int + 1 AS n', [1])).toEqual([{ n: 2 }]);
      expect(await tx.query('SELECT $1::int + 1 AS n', [41])).toEqual([{ n: 42 }]);
      return tx.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements WHERE statement = $1', ['SELECT $1::int + 1 AS n']);
    });
    expect(prepared).toEqual([{ statement: 'SELECT $1::int + 1 AS n' }]);
  });

  it('opens no lane after it is closed: a late outcome is refused, not left on a pool nobody closes', async () => {
    const late = await openPostgresDatabase(url, { applicationName: 'closed-under-test' });
    await late.close();
    await expect(late.outcomes.query('SELECT 1')).rejects.toThrow();
    await expect(late.urgent.query('SELECT 1')).rejects.toThrow();
    expect(await admin("SELECT pid FROM pg_stat_activity WHERE application_name = 'closed-under-test'")).toEqual([]);
  });

  it('does not open on a server that does not answer', async () => {
    await expect(openPostgresDatabase('postgres://nobody:x@127.0.0.1:1/none', { connectTimeoutMs: 500 })).rejects.toThrow();
  });
});
