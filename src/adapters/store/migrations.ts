import type { Database } from './database';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Numbered, append-only. A change to the schema is a new entry, never an edit of an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'ledger',
    sql: `
      CREATE TABLE transactions (
        object_type text NOT NULL,
        object_id text NOT NULL,
        provider text NOT NULL,
        provider_transaction_id text NOT NULL,
        currency char(3) NOT NULL,
        paid_minor bigint NOT NULL CHECK (paid_minor >= 0),
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (object_type, object_id)
      );

      CREATE TABLE refund_attempts (
        id uuid PRIMARY KEY,
        object_type text NOT NULL,
        object_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('refund', 'void')),
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency char(3) NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'unknown')),
        reason text NOT NULL CHECK (reason IN ('duplicate', 'fraudulent', 'requested_by_customer', 'other')),
        note text,
        requested_by_user_id text NOT NULL,
        requested_by_email text,
        requested_by_name text,
        idempotency_key text NOT NULL,
        fingerprint text NOT NULL,
        provider text NOT NULL,
        provider_transaction_id text NOT NULL,
        provider_refund_id text,
        failure_code text,
        failure_message text,
        failure_detail jsonb,
        crm_note_id text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        completed_at timestamptz,
        FOREIGN KEY (object_type, object_id) REFERENCES transactions (object_type, object_id),
        UNIQUE (object_type, object_id, idempotency_key)
      );
      CREATE INDEX refund_attempts_by_transaction ON refund_attempts (object_type, object_id, created_at DESC);

      CREATE TABLE attempt_events (
        id bigserial PRIMARY KEY,
        attempt_id uuid NOT NULL REFERENCES refund_attempts (id),
        from_status text,
        to_status text NOT NULL,
        at timestamptz NOT NULL,
        detail jsonb
      );

      CREATE TABLE crm_outbox (
        id bigserial PRIMARY KEY,
        object_type text NOT NULL,
        object_id text NOT NULL,
        attempt_id uuid NOT NULL REFERENCES refund_attempts (id),
        tries integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz
      );
      CREATE INDEX crm_outbox_due ON crm_outbox (next_attempt_at) WHERE delivered_at IS NULL;
    `,
  },
  {
    version: 2,
    name: 'sandbox_crm',
    sql: `
      CREATE TABLE sandbox_records (
        object_type text NOT NULL,
        object_id text NOT NULL,
        properties jsonb NOT NULL,
        PRIMARY KEY (object_type, object_id)
      );
      CREATE TABLE sandbox_notes (
        id bigserial PRIMARY KEY,
        object_type text NOT NULL,
        object_id text NOT NULL,
        body_html text NOT NULL,
        note_timestamp timestamptz NOT NULL
      );
      CREATE TABLE sandbox_users (
        id text PRIMARY KEY,
        email text NOT NULL,
        first_name text,
        last_name text,
        super_admin boolean NOT NULL,
        role_ids jsonb NOT NULL,
        team_ids jsonb NOT NULL
      );
    `,
  },
];

/** Arbitrary constant: the advisory lock that keeps two starting instances from migrating at once. */
const MIGRATION_LOCK = 727_001;

export async function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
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
