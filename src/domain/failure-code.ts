/**
 * Why an attempt failed or is not known yet (design §8: one closed union shared by every provider). The rep reads the
 * failure's message; the code is for the card, reports and the operator, and stays stable once written to the ledger.
 */
export const FAILURE_CODES = [
  // Nothing was sent: the engine or the adapter stopped before the provider was asked.
  'not_sent',
  'invalid_transaction_id',
  'invalid_amount',
  'amount_not_accepted_by_provider',
  'card_last4_missing',
  'card_last4_invalid',
  // The provider refused: nothing was refunded.
  'card_declined',
  'refund_declined',
  'void_declined',
  'card_number_rejected',
  'card_expired',
  'currency_not_accepted',
  'currency_mismatch',
  'amount_exceeds_refundable',
  'amount_too_low',
  'already_refunded',
  'payment_disputed',
  'payment_not_found',
  'payment_not_settled',
  'payment_already_settled',
  'payment_settled',
  'payment_not_refundable',
  'refund_window_passed',
  'refund_time_limit_exceeded',
  'refund_not_allowed',
  'refund_restricted',
  'partial_refund_not_allowed',
  'too_many_refunds',
  'insufficient_funds',
  'duplicate_refused',
  'duplicate_invoice_id',
  'idempotency_key_reused',
  'customer_account_closed',
  'merchant_account_restricted',
  'provider_account_invalid',
  'provider_authentication_failed',
  'provider_permission_denied',
  'provider_rate_limited',
  'provider_http_error',
  'provider_refused',
  'provider_error',
  'invalid_request',
  'not_settled',
  // The provider took it, and it did not complete.
  'refund_failed',
  'refund_canceled',
  'refund_not_completed',
  'refund_voided',
  'refund_refused',
  'void_refused',
  'not_received_by_provider',
  // It had been reported successful, then the provider reported it failed: the money did not reach the customer.
  'refund_failed_late',
  // No answer that tells: the attempt is unknown until a lookup settles it.
  'provider_timeout',
  'request_aborted',
  'provider_connection_lost',
  'provider_server_error',
  'provider_unreadable_answer',
  'provider_unexpected_answer',
  'provider_unexpected_error',
  'provider_request_in_progress',
  'provider_duplicate',
  'provider_query_refused',
  'lookup_inconclusive',
  'lookup_window_passed',
  'not_yet_visible_at_provider',
  'outcome_not_recorded',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export function isFailureCode(value: string): value is FailureCode {
  return (FAILURE_CODES as readonly string[]).includes(value);
}
