import type { Migration } from './migration';

/** The first ledger: transactions keyed by CRM record, attempts, their events, the CRM outbox. */
export const ledger: Migration = {
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
};
