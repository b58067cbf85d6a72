import Stripe from 'stripe';
import type { ProviderOutcome } from '../../../ports/payment-provider';
import type { StopReason } from '../http-exchange';
import {
  failedOutcome as failed,
  mayHaveGoneThrough,
  noAnswerOutcome as noAnswer,
  type OutcomeDetail as Detail,
  REASON_KEPT_FOR_ADMIN,
  unknownOutcome as unknown,
} from '../outcomes';

const WILL_BE_CHECKED = mayHaveGoneThrough();

/** The engine's deadline or the caller's signal stopped the wait; Stripe may still have executed the request. */
export function noAnswerOutcome(reason: StopReason): ProviderOutcome {
  return noAnswer('Stripe', reason);
}

export function unreadableAnswerOutcome(): ProviderOutcome {
  return unknown('provider_unreadable_answer', `Stripe's answer could not be read; ${WILL_BE_CHECKED}`, { reason: 'not_a_refund_object' });
}

/**
 * Any error from `stripe.refunds.create` → an outcome. Stripe refused (4xx) → failed: nothing was refunded.
 * No answer, a broken connection or a Stripe 5xx → unknown: the refund may exist and must be looked up.
 */
export function stripeErrorToOutcome(error: unknown): ProviderOutcome {
  const { errors } = Stripe;
  if (!(error instanceof errors.StripeError)) {
    const detail = { error: error instanceof Error ? error.name : typeof error, message: String(error) };
    return unknown('provider_unexpected_error', `Something unexpected happened while talking to Stripe; ${WILL_BE_CHECKED}`, detail);
  }
  const detail = operatorDetail(error);
  if (error.code === 'idempotency_key_in_use') {
    return unknown('provider_request_in_progress', `Stripe is still working on an earlier submission of this refund; ${WILL_BE_CHECKED}`, detail);
  }
  if (error instanceof errors.StripeConnectionError) {
    return isTimeout(error)
      ? unknown('provider_timeout', `Stripe did not answer in time; ${WILL_BE_CHECKED}`, detail)
      : unknown('provider_connection_lost', `The connection to Stripe broke before it answered; ${WILL_BE_CHECKED}`, detail);
  }
  if (error instanceof errors.StripeAPIError) {
    return unknown('provider_server_error', `Stripe had a problem on its side; ${WILL_BE_CHECKED}`, detail);
  }
  if (error instanceof errors.StripeCardError) {
    return failed(
      'card_declined',
      "The customer's bank declined the refund, so nothing was refunded. Refund the customer another way (for example by bank transfer) and note it on the record.",
      detail,
    );
  }
  if (error instanceof errors.StripeAuthenticationError) {
    return failed(
      'provider_authentication_failed',
      "Stripe rejected this app's API key, so nothing was refunded. Ask a HubSpot admin to check the Stripe secret key configured for the refund app.",
      detail,
    );
  }
  if (error instanceof errors.StripePermissionError) {
    return failed(
      'provider_permission_denied',
      "This app's Stripe key is not allowed to create refunds, so nothing was refunded. Ask a HubSpot admin to give the key write access to refunds in Stripe.",
      detail,
    );
  }
  if (error instanceof errors.StripeRateLimitError) {
    return failed('provider_rate_limited', 'Stripe is busy and did not process this refund; nothing was refunded. Try again in a minute.', detail);
  }
  if (error instanceof errors.StripeIdempotencyError) {
    return failed(
      'idempotency_key_reused',
      'Stripe already received this refund form with different details, so it refused this one and nothing new was refunded. Reload the card, check the attempts listed, and start a new refund if one is still owed.',
      detail,
    );
  }
  if (error instanceof errors.StripeInvalidRequestError) return invalidRequestOutcome(error, detail);
  return unknown('provider_unexpected_error', `Something unexpected happened while talking to Stripe; ${WILL_BE_CHECKED}`, detail);
}

function invalidRequestOutcome(error: Stripe.errors.StripeInvalidRequestError, detail: Detail): ProviderOutcome {
  if (error.code === 'charge_already_refunded') {
    return failed(
      'already_refunded',
      'Stripe says this payment was already refunded in full, perhaps directly in the Stripe dashboard. Nothing more was refunded.',
      detail,
    );
  }
  if (isOverRefund(error)) {
    return failed(
      'amount_exceeds_refundable',
      'Stripe refused: the amount is more than what is left to refund on this payment, so nothing was refunded. Part of it may have been refunded directly in Stripe; check the payment there and refund a smaller amount.',
      detail,
    );
  }
  if (error.code === 'charge_disputed' || error.code === 'refund_disputed_payment') {
    return failed(
      'payment_disputed',
      'The customer has disputed this payment with their bank, so Stripe does not allow a refund and nothing was refunded. Your finance team can respond to the dispute in Stripe.',
      detail,
    );
  }
  if (error.code === 'resource_missing') {
    return failed(
      'payment_not_found',
      'Stripe cannot find this payment, so nothing was refunded. Check the payment id on the record, and that the app uses the Stripe account (live or test) that took the payment.',
      detail,
    );
  }
  return failed('invalid_request', `Stripe refused the refund, so nothing was refunded. ${REASON_KEPT_FOR_ADMIN}`, detail);
}

/**
 * Stripe documents `amount_too_large` (https://docs.stripe.com/error-codes/amount-too-large), but answers a refund
 * above what is left on the charge with an invalid_request_error on param `amount` that may carry no code.
 */
function isOverRefund(error: Stripe.errors.StripeInvalidRequestError): boolean {
  if (error.code === 'amount_too_large') return true;
  return error.param === 'amount' && /is greater than (?:the )?(?:unrefunded|charge) amount/i.test(error.message);
}

function isTimeout(error: Stripe.errors.StripeConnectionError): boolean {
  return causeCode(error.detail) === 'ETIMEDOUT' || /timeout/i.test(error.message);
}

function causeCode(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null || !('code' in cause)) return undefined;
  return typeof cause.code === 'string' ? cause.code : undefined;
}

/** What the operator needs to find the request in Stripe (whatever it echoed is redacted with the provider's outcomes). */
function operatorDetail(error: Stripe.errors.StripeError): Detail {
  const facts: readonly (readonly [string, string | number | null | undefined])[] = [
    ['stripe_error', error.type],
    ['type', error.rawType],
    ['code', error.code],
    ['decline_code', error.decline_code],
    ['param', error.param],
    ['http_status', error.statusCode],
    ['request_id', error.requestId ?? error.headers?.['request-id']],
    ['stripe_message', error.message],
    ['doc_url', error.doc_url],
    ['request_log_url', error.request_log_url],
    ['cause', causeCode(error.detail)],
  ];
  const detail: Detail = {};
  for (const [key, value] of facts) {
    if (value === undefined || value === null || value === '') continue;
    detail[key] = String(value);
  }
  return detail;
}
