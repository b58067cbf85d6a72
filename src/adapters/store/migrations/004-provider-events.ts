import type { Migration } from './migration';

/**
 * What providers tell after the fact (design §3, issue 10): the deliveries already applied, keyed by the provider's own
 * event id so that a repeated delivery changes nothing; refunds made outside the app, recorded once per provider refund;
 * whether a disputed payment can still be refunded; and the index reconciliation reads recent payments by.
 */
export const providerEvents: Migration = {
  version: 4,
  name: 'provider_events',
  sql: `
    CREATE TABLE provider_events (
      provider text NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      received_at timestamptz NOT NULL,
      outcome text NOT NULL,
      PRIMARY KEY (provider, event_id)
    );

    ALTER TABLE payments ADD COLUMN dispute_refunds text CHECK (dispute_refunds IN ('allowed', 'full_only', 'refused'));
    CREATE INDEX payments_recent ON payments (updated_at, id);

    CREATE UNIQUE INDEX refund_attempts_outside_refund ON refund_attempts (provider, provider_refund_id) WHERE origin = 'provider';
  `,
};
