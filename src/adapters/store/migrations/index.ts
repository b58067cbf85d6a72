import type { Database } from '../database';
import { ledger } from './001-ledger';
import { sandboxCrm } from './002-sandbox-crm';
import { paymentsAndApprovals } from './003-payments-and-approvals';
import { providerEvents } from './004-provider-events';
import { outboxRetries } from './005-outbox-retries';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Numbered, append-only. A change to the schema is a new entry, never an edit of an applied one. */
export const MIGRATIONS: readonly Migration[] = [ledger, sandboxCrm, paymentsAndApprovals, providerEvents, outboxRetries];

/** Arbitrary constant: the advisory lock that keeps two starting instances from migrating at once. */
const MIGRATION_LOCK = 727_001;

export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    // A schema change on a large ledger may take longer than a request's statement timeout, and a second
    // instance starting now waits here for the first one's migration to finish.
    await tx.query('SET LOCAL statement_timeout = 0');
    await tx.query('SET LOCAL lock_timeout = 0');
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const applied = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  });
}

/** Our migrations hold no semicolons inside literals, so a plain split is exact. */
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
