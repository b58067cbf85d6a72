import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/adapters/store/database';
import { openPostgresDatabase, type PostgresOptions } from '../../src/adapters/store/postgres-database';
import { SqlLedger } from '../../src/adapters/store/sql-ledger';
import { attemptId, hubSpotUserId, idempotencyKey } from '../../src/domain/ids';
import type { AttemptRequest } from '../../src/ports/ledger';
import type { Clock } from '../../src/ports/clock';
import { ADMIN_URL_VARIABLE, TEMPLATE_DATABASE, withDatabase } from './postgres-cluster';

/** A new database on the run's PostgreSQL, copied from the migrated template (or empty), for one test file. */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<string> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  if (!adminUrl) throw new Error(`${ADMIN_URL_VARIABLE} is not set: run the tests through jest, whose globalSetup starts PostgreSQL`);
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${options.migrated === false ? 'template0' : TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}

export async function testDatabase(options: { migrated?: boolean } & PostgresOptions = {}): Promise<{ db: Database; url: string }> {
  const url = await createTestDatabase(options);
  return { db: await openPostgresDatabase(url, options), url };
}

export async function testLedger(clock: Clock = { now: () => new Date() }): Promise<{ ledger: SqlLedger; db: Database; url: string }> {
  const { db, url } = await testDatabase();
  return { ledger: new SqlLedger(db, clock), db, url };
}

export function attemptRequest(overrides: Partial<AttemptRequest> = {}): AttemptRequest {
  return {
    id: attemptId(randomUUID()),
    transaction: { objectType: 'deals', objectId: '1001' },
    kind: 'refund',
    amount: 1000n,
    currency: 'USD',
    paidMinor: 5000n,
    maxMinor: null,
    reason: 'requested_by_customer',
    note: null,
    requestedBy: { userId: hubSpotUserId('7'), email: 'rep@example.com', name: 'Rita Rep' },
    idempotencyKey: idempotencyKey(randomUUID()),
    fingerprint: 'fp-1',
    provider: 'stripe',
    providerTransactionId: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
    ...overrides,
  };
}

/** Empties every table but the migration record: one database per test file, a clean ledger per test. */
export async function resetLedger(db: Database): Promise<void> {
  const tables = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
  );
  await db.query(`TRUNCATE ${tables.map((table) => table.tablename).join(', ')} RESTART IDENTITY`);
}
