/**
 * The CTEs that link the sighted record ($8, $9, with its amount $5 and currency $4, at $7) to the payment of
 * the CTE named `payment`, shared by a read's sighting and a reservation. A record newly pointing at a payment
 * that already has attempts gets the payment's refund properties written (a properties-only CRM job).
 * A link already as sighted is not touched at all: ON CONFLICT DO UPDATE locks the row even when its WHERE
 * refuses the update, and that lock would make every read of a known payment a write that waits for the disk.
 */
export const LINK_RECORD_CTES = `
link AS (
  INSERT INTO payment_records (object_type, object_id, payment_id, record_amount_minor, record_currency, seen_at)
  SELECT $8, $9, payment.id, $5, $4, $7 FROM payment
  WHERE NOT EXISTS (SELECT 1 FROM payment_records r WHERE r.object_type = $8 AND r.object_id = $9
    AND (r.payment_id, r.record_amount_minor, r.record_currency) IS NOT DISTINCT FROM (payment.id, $5, $4))
  ON CONFLICT (object_type, object_id) DO UPDATE SET payment_id = EXCLUDED.payment_id, record_amount_minor = EXCLUDED.record_amount_minor,
    record_currency = EXCLUDED.record_currency, seen_at = EXCLUDED.seen_at
  WHERE (payment_records.payment_id, payment_records.record_amount_minor, payment_records.record_currency)
    IS DISTINCT FROM (EXCLUDED.payment_id, EXCLUDED.record_amount_minor, EXCLUDED.record_currency)
  RETURNING object_type, object_id, payment_id),
refresh AS (
  INSERT INTO crm_outbox (object_type, object_id, attempt_id, payment_id, next_attempt_at, created_at)
  SELECT link.object_type, link.object_id, NULL, link.payment_id, $7, $7 FROM link JOIN payment ON payment.id = link.payment_id
  WHERE payment.last_attempt_id IS NOT NULL)`;
