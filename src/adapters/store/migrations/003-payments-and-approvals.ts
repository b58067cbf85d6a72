import type { Migration } from './migration';

/**
 * The payment becomes the unit (design §3): one row per provider + transaction id with its running totals,
 * the CRM records that point at it, attempts keyed by payment; approvals and origins on attempts; the
 * refund policy's versions. Existing rows migrate: object types canonical, one payment per provider
 * transaction (its amount the lowest any record gave: never more than was paid), totals recomputed.
 * The standard object names are frozen here as they were when this migration was written.
 */
const CANONICAL_TYPE = (column: string) => `CASE lower(${column})
  WHEN 'contact' THEN 'contacts' WHEN '0-1' THEN 'contacts'
  WHEN 'company' THEN 'companies' WHEN '0-2' THEN 'companies'
  WHEN 'deal' THEN 'deals' WHEN '0-3' THEN 'deals'
  WHEN 'ticket' THEN 'tickets' WHEN '0-5' THEN 'tickets'
  WHEN 'line_item' THEN 'line_items' WHEN '0-8' THEN 'line_items'
  WHEN 'quote' THEN 'quotes' WHEN '0-14' THEN 'quotes'
  WHEN 'invoice' THEN 'invoices' WHEN '0-53' THEN 'invoices'
  WHEN 'order' THEN 'orders' WHEN '0-123' THEN 'orders'
  WHEN 'cart' THEN 'carts' WHEN '0-142' THEN 'carts'
  WHEN 'commerce_payment' THEN 'commerce_payments' WHEN '0-101' THEN 'commerce_payments'
  WHEN 'subscription' THEN 'subscriptions' WHEN '0-69' THEN 'subscriptions'
  ELSE lower(${column}) END`;

export const paymentsAndApprovals: Migration = {
  version: 3,
  name: 'payments_and_approvals',
  sql: `
    CREATE TABLE payments (
      id uuid PRIMARY KEY,
      provider text NOT NULL,
      provider_transaction_id text NOT NULL,
      currency char(3) NOT NULL,
      paid_minor bigint NOT NULL CHECK (paid_minor >= 0),
      paid_source text NOT NULL CHECK (paid_source IN ('record', 'provider')),
      card_last4 text,
      refunded_minor bigint NOT NULL DEFAULT 0,
      voided_minor bigint NOT NULL DEFAULT 0,
      in_flight_minor bigint NOT NULL DEFAULT 0,
      held_minor bigint NOT NULL DEFAULT 0,
      refund_count integer NOT NULL DEFAULT 0,
      last_refund_at timestamptz,
      last_refund_reason text,
      last_attempt_id uuid,
      last_attempt_status text,
      next_expiry_at timestamptz,
      disputed_at timestamptz,
      seq bigint NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (provider, provider_transaction_id),
      CHECK (refunded_minor >= 0 AND voided_minor >= 0 AND in_flight_minor >= 0 AND held_minor >= 0)
    );

    CREATE TABLE payment_records (
      object_type text NOT NULL,
      object_id text NOT NULL,
      payment_id uuid NOT NULL REFERENCES payments (id),
      record_amount_minor bigint,
      record_currency char(3),
      seen_at timestamptz NOT NULL,
      PRIMARY KEY (object_type, object_id)
    );
    CREATE INDEX payment_records_by_payment ON payment_records (payment_id);

    ALTER TABLE refund_attempts DROP CONSTRAINT refund_attempts_object_type_object_id_fkey;
    ALTER TABLE refund_attempts DROP CONSTRAINT refund_attempts_object_type_object_id_idempotency_key_key;
    ALTER TABLE refund_attempts DROP CONSTRAINT refund_attempts_status_check;
    ALTER TABLE refund_attempts ALTER COLUMN requested_by_user_id DROP NOT NULL;
    ALTER TABLE refund_attempts
      ADD COLUMN payment_id uuid REFERENCES payments (id),
      ADD COLUMN origin text NOT NULL DEFAULT 'app' CHECK (origin IN ('app', 'provider')),
      ADD COLUMN needed_approval boolean NOT NULL DEFAULT false,
      ADD COLUMN approval_request jsonb,
      ADD COLUMN expires_at timestamptz,
      ADD COLUMN decided_by_user_id text,
      ADD COLUMN decided_by_email text,
      ADD COLUMN decided_by_name text,
      ADD COLUMN decided_at timestamptz,
      ADD COLUMN decision_note text,
      ADD COLUMN card_last4 text;
    ALTER TABLE refund_attempts ADD CONSTRAINT refund_attempts_status_check
      CHECK (status IN ('awaiting_approval', 'pending', 'succeeded', 'failed', 'unknown', 'rejected', 'expired', 'canceled'));

    UPDATE refund_attempts SET object_type = ${CANONICAL_TYPE('object_type')} WHERE object_type <> ${CANONICAL_TYPE('object_type')};
    UPDATE crm_outbox SET object_type = ${CANONICAL_TYPE('object_type')} WHERE object_type <> ${CANONICAL_TYPE('object_type')};

    INSERT INTO payments (id, provider, provider_transaction_id, currency, paid_minor, paid_source, created_at, updated_at)
    SELECT gen_random_uuid(), provider, provider_transaction_id,
           (array_agg(currency ORDER BY paid_minor, updated_at))[1], min(paid_minor), 'record', min(updated_at), max(updated_at)
    FROM transactions GROUP BY provider, provider_transaction_id;

    INSERT INTO payment_records (object_type, object_id, payment_id, record_amount_minor, record_currency, seen_at)
    SELECT DISTINCT ON (${CANONICAL_TYPE('t.object_type')}, t.object_id) ${CANONICAL_TYPE('t.object_type')}, t.object_id, p.id, t.paid_minor, t.currency, t.updated_at
    FROM transactions t JOIN payments p ON p.provider = t.provider AND p.provider_transaction_id = t.provider_transaction_id
    ORDER BY ${CANONICAL_TYPE('t.object_type')}, t.object_id, t.updated_at DESC;

    UPDATE refund_attempts a SET payment_id = p.id
    FROM payments p WHERE p.provider = a.provider AND p.provider_transaction_id = a.provider_transaction_id;

    UPDATE refund_attempts a SET idempotency_key = a.idempotency_key || ':' || a.object_type || ':' || a.object_id
    FROM (SELECT id, row_number() OVER (PARTITION BY payment_id, idempotency_key ORDER BY created_at, id) AS n FROM refund_attempts) d
    WHERE d.id = a.id AND d.n > 1;

    ALTER TABLE refund_attempts ALTER COLUMN payment_id SET NOT NULL;
    ALTER TABLE refund_attempts ADD CONSTRAINT refund_attempts_payment_key UNIQUE (payment_id, idempotency_key);

    UPDATE payments p SET
      refunded_minor = s.refunded, voided_minor = s.voided, in_flight_minor = s.in_flight, refund_count = s.refund_count,
      last_refund_at = s.last_refund_at, last_refund_reason = s.last_refund_reason,
      last_attempt_id = s.last_attempt_id, last_attempt_status = s.last_attempt_status
    FROM (
      SELECT payment_id,
        COALESCE(sum(amount_minor) FILTER (WHERE status = 'succeeded' AND kind = 'refund'), 0) AS refunded,
        COALESCE(sum(amount_minor) FILTER (WHERE status = 'succeeded' AND kind = 'void'), 0) AS voided,
        COALESCE(sum(amount_minor) FILTER (WHERE status IN ('pending', 'unknown')), 0) AS in_flight,
        count(*) FILTER (WHERE status = 'succeeded' AND kind = 'refund') AS refund_count,
        max(COALESCE(completed_at, created_at)) FILTER (WHERE status = 'succeeded' AND kind = 'refund') AS last_refund_at,
        (array_agg(reason ORDER BY COALESCE(completed_at, created_at) DESC) FILTER (WHERE status = 'succeeded' AND kind = 'refund'))[1] AS last_refund_reason,
        (array_agg(id ORDER BY created_at DESC, id DESC))[1] AS last_attempt_id,
        (array_agg(status ORDER BY created_at DESC, id DESC))[1] AS last_attempt_status
      FROM refund_attempts GROUP BY payment_id
    ) s WHERE s.payment_id = p.id;

    DROP TABLE transactions;

    DROP INDEX refund_attempts_by_transaction;
    CREATE INDEX refund_attempts_by_payment ON refund_attempts (payment_id, created_at DESC, id DESC);
    CREATE INDEX refund_attempts_by_record ON refund_attempts (object_type, object_id, created_at DESC);
    CREATE INDEX refund_attempts_daily ON refund_attempts (requested_by_user_id, currency, created_at)
      WHERE NOT needed_approval AND status IN ('succeeded', 'pending', 'unknown');
    CREATE INDEX refund_attempts_unresolved ON refund_attempts (created_at, id) WHERE status IN ('pending', 'unknown');
    CREATE INDEX refund_attempts_awaiting ON refund_attempts (created_at, id) WHERE status = 'awaiting_approval';
    CREATE INDEX refund_attempts_recent ON refund_attempts (created_at DESC, id DESC);

    ALTER TABLE attempt_events ADD COLUMN actor_user_id text, ADD COLUMN note text;
    CREATE INDEX attempt_events_by_attempt ON attempt_events (attempt_id, id);

    ALTER TABLE crm_outbox ALTER COLUMN attempt_id DROP NOT NULL;
    ALTER TABLE crm_outbox ADD COLUMN payment_id uuid REFERENCES payments (id);
    UPDATE crm_outbox o SET payment_id = a.payment_id FROM refund_attempts a WHERE a.id = o.attempt_id;
    ALTER TABLE crm_outbox ALTER COLUMN payment_id SET NOT NULL;

    CREATE TABLE refund_policies (
      version integer PRIMARY KEY CHECK (version > 0),
      document jsonb NOT NULL,
      source text NOT NULL CHECK (source IN ('default', 'seed', 'locked', 'settings', 'cli')),
      updated_by_user_id text,
      updated_by_name text,
      updated_by_email text,
      updated_at timestamptz NOT NULL
    );
  `,
};
