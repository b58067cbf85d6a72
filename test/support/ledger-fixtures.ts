import { randomUUID } from 'node:crypto';
import { openPGliteDatabase } from '../../src/adapters/store/pglite-database';
import { migrate } from '../../src/adapters/store/migrations';
import { SqlLedger } from '../../src/adapters/store/sql-ledger';
import type { Database } from '../../src/adapters/store/database';
import { attemptId, hubSpotUserId, idempotencyKey } from '../../src/domain/ids';
import type { AttemptRequest } from '../../src/ports/ledger';
import type { Clock } from '../../src/ports/clock';

export async function memoryLedger(clock: Clock = { now: () => new Date() }): Promise<{ ledger: SqlLedger; db: Database }> {
  const db = await openPGliteDatabase(null);
  await migrate(db);
  return { ledger: new SqlLedger(db, clock), db };
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

/** Empties every table but the migration record: one PGlite per test file, a clean ledger per test. */
export async function resetLedger(db: Database): Promise<void> {
  await db.query(
    'TRUNCATE crm_outbox, attempt_events, refund_attempts, transactions, sandbox_records, sandbox_notes, sandbox_users RESTART IDENTITY',
  );
}
