import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/adapters/store/database';
import { openPostgresDatabase, type PostgresOptions } from '../../src/adapters/store/postgres-database';
import { SqlLedger } from '../../src/adapters/store/sql-ledger';
import type { Clock } from '../../src/ports/clock';
import { attemptId, hubSpotUserId, idempotencyKey } from '../../src/domain/ids';
import type { AttemptDraft, ChangeResult, Ledger, PaymentSighting, ReservationState, ReserveOptions, ReserveResult, Verdict } from '../../src/ports/ledger';
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

export async function testLedger(clock: Clock = { now: () => new Date() }, options: PostgresOptions = {}): Promise<{ ledger: SqlLedger; db: Database; url: string }> {
  const { db, url } = await testDatabase(options);
  return { ledger: new SqlLedger(db, clock), db, url };
}

/** Empties every table but the migration record: one database per test file, a clean ledger per test. */
export async function resetLedger(db: Database): Promise<void> {
  const tables = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
  );
  await db.query(`TRUNCATE ${tables.map((table) => table.tablename).join(', ')} RESTART IDENTITY`);
}

export const PAYMENT_KEY = { provider: 'stripe', providerTransactionId: 'pi_3MtwBwLkdIwHu7ix28a3tqPa' } as const;

export function sighting(overrides: Partial<PaymentSighting> = {}): PaymentSighting {
  return {
    key: PAYMENT_KEY,
    record: { objectType: 'deals', objectId: '1001' },
    currency: 'USD',
    recordAmountMinor: 5000n,
    cardLast4: null,
    ...overrides,
  };
}

export function draft(overrides: Partial<AttemptDraft> = {}): AttemptDraft {
  return {
    id: attemptId(randomUUID()),
    kind: 'refund',
    amount: 1000n,
    reason: 'requested_by_customer',
    note: null,
    requestedBy: { userId: hubSpotUserId('7'), email: 'rep@example.com', name: 'Rita Rep' },
    idempotencyKey: idempotencyKey(randomUUID()),
    fingerprint: 'fp-1',
    ...overrides,
  };
}

export const SEND = (): Verdict => ({ kind: 'send' });
export const HOLD = (expiresAt = new Date(Date.now() + 3_600_000)) => (): Verdict => ({ kind: 'hold', expiresAt, request: { limit: 'per_refund', message: 'Above the limit.' } });

/** Reserve with the defaults of a plain refund: no daily limit, no decline window worth mentioning. */
export function reserveWith(
  ledger: Ledger,
  overrides: { sighting?: Partial<PaymentSighting>; draft?: Partial<AttemptDraft>; judge?: (state: ReservationState) => Verdict; options?: Partial<ReserveOptions> } = {},
): Promise<ReserveResult> {
  return ledger.reserveAttempt(sighting(overrides.sighting), draft(overrides.draft), { daily: null, declinesSince: new Date(0), ...overrides.options }, overrides.judge ?? SEND);
}

/** A reserved attempt, or the test fails saying what came instead. */
export function created(result: ReserveResult): Extract<ReserveResult, { kind: 'created' }> {
  if (result.kind !== 'created') throw new Error(`expected created, got ${result.kind}`);
  return result;
}

export function changedTo(result: ChangeResult): Extract<ChangeResult, { kind: 'changed' }> {
  if (result.kind !== 'changed') throw new Error(`expected changed, got ${result.kind}`);
  return result;
}
