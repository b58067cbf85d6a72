import nock from 'nock';
import { abortOnArrival, deadlineOnArrival, deadlinePassed, NEVER_MS } from '../../support/provider-timing';
import {
  FORM_KEY,
  REQUEST_ID,
  SECRET_KEY,
  STRIPE_HEADERS,
  paymentIntentFields,
  refundCall,
  refundFixture,
  refundRequest,
  refundsEndpoint,
  sent,
  stripeError,
  stripeProvider,
  takeLeftovers,
  unmatched,
} from './stripe-nock';

/* Stripe's refusals (failed: nothing refunded) and its silences (unknown: looked up later). The request: stripe-provider. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

/** Every case below sends the same refund of 10.99 USD on the PaymentIntent. */
const theRefund = refundCall(paymentIntentFields('1099'));

describe('Stripe provider: Stripe refused (failed, nothing refunded)', () => {
  it.each([
    {
      name: 'a card decline',
      http: 402,
      error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', doc_url: 'https://docs.stripe.com/error-codes/card-declined' },
      code: 'card_declined',
      message: "The customer's bank declined the refund, so nothing was refunded. Refund the customer another way (for example by bank transfer) and note it on the record.",
      detail: { stripe_error: 'StripeCardError', type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', doc_url: 'https://docs.stripe.com/error-codes/card-declined' },
    },
    {
      name: 'an already refunded charge',
      http: 400,
      error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge ch_1PgafuB7WZ01zgkWXYmPNZs8 has already been refunded.' },
      code: 'already_refunded',
      message: 'Stripe says this payment was already refunded in full, perhaps directly in the Stripe dashboard. Nothing more was refunded.',
      detail: { stripe_error: 'StripeInvalidRequestError', type: 'invalid_request_error', code: 'charge_already_refunded' },
    },
    {
      name: 'an over-refund with amount_too_large',
      http: 400,
      error: { type: 'invalid_request_error', code: 'amount_too_large', param: 'amount', message: 'Refund amount ($20.00) is greater than unrefunded amount on charge ($10.99)' },
      code: 'amount_exceeds_refundable',
      message: 'Stripe refused: the amount is more than what is left to refund on this payment, so nothing was refunded. Part of it may have been refunded directly in Stripe; check the payment there and refund a smaller amount.',
      detail: { stripe_error: 'StripeInvalidRequestError', type: 'invalid_request_error', code: 'amount_too_large', param: 'amount' },
    },
    {
      name: 'an over-refund without a code',
      http: 400,
      error: { type: 'invalid_request_error', param: 'amount', message: 'Refund amount ($20.00) is greater than unrefunded amount on charge ($10.99)' },
      code: 'amount_exceeds_refundable',
      message: 'Stripe refused: the amount is more than what is left to refund on this payment, so nothing was refunded. Part of it may have been refunded directly in Stripe; check the payment there and refund a smaller amount.',
      detail: { stripe_error: 'StripeInvalidRequestError', type: 'invalid_request_error', param: 'amount' },
    },
    {
      name: 'a disputed charge',
      http: 400,
      error: { type: 'invalid_request_error', code: 'charge_disputed', message: 'Charge ch_1PgafuB7WZ01zgkWXYmPNZs8 has been charged back; cannot issue a refund.' },
      code: 'payment_disputed',
      message: 'The customer has disputed this payment with their bank, so Stripe does not allow a refund and nothing was refunded. Your finance team can respond to the dispute in Stripe.',
      detail: { stripe_error: 'StripeInvalidRequestError', type: 'invalid_request_error', code: 'charge_disputed' },
    },
    {
      name: 'a bad API key',
      http: 401,
      error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_********************0000' },
      code: 'provider_authentication_failed',
      message: "Stripe rejected this app's API key, so nothing was refunded. Ask a HubSpot admin to check the Stripe secret key configured for the refund app.",
      detail: { stripe_error: 'StripeAuthenticationError', type: 'invalid_request_error', stripe_message: 'Invalid API Key provided: sk_test_[redacted]' },
    },
    {
      name: 'a key without refund permission',
      http: 403,
      error: { type: 'invalid_request_error', message: 'The provided key does not have the required permissions for this endpoint.' },
      code: 'provider_permission_denied',
      message: "This app's Stripe key is not allowed to create refunds, so nothing was refunded. Ask a HubSpot admin to give the key write access to refunds in Stripe.",
      detail: { stripe_error: 'StripePermissionError', type: 'invalid_request_error' },
    },
    {
      name: 'a rate limit',
      http: 429,
      error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded.' },
      code: 'provider_rate_limited',
      message: 'Stripe is busy and did not process this refund; nothing was refunded. Try again in a minute.',
      detail: { stripe_error: 'StripeRateLimitError', type: 'invalid_request_error', code: 'rate_limit' },
    },
    {
      name: 'an idempotency key reused with other parameters',
      http: 400,
      error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' },
      code: 'idempotency_key_reused',
      message: 'Stripe already received this refund form with different details, so it refused this one and nothing new was refunded. Reload the card, check the attempts listed, and start a new refund if one is still owed.',
      detail: { stripe_error: 'StripeIdempotencyError', type: 'idempotency_error' },
    },
    {
      name: 'an unknown payment',
      http: 404,
      error: { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_intent', message: "No such payment_intent: 'pi_1PgafyB7WZ01zgkWSjxsAJo3'" },
      code: 'payment_not_found',
      message: 'Stripe cannot find this payment, so nothing was refunded. Check the payment id on the record, and that the app uses the Stripe account (live or test) that took the payment.',
      detail: { stripe_error: 'StripeInvalidRequestError', type: 'invalid_request_error', code: 'resource_missing', param: 'payment_intent' },
    },
    {
      name: 'another invalid request',
      http: 400,
      error: { type: 'invalid_request_error', message: 'This PaymentIntent does not have a successful charge to refund.' },
      code: 'invalid_request',
      message: "Stripe refused the refund, so nothing was refunded. The provider's reason is kept in the attempt's details for your admin.",
      detail: { stripe_error: 'StripeInvalidRequestError', type: 'invalid_request_error' },
    },
  ])('records $name as a failed attempt with operator detail', async ({ http, error, code, message, detail }) => {
    const body = stripeError({ ...error, request_log_url: `https://dashboard.stripe.com/test/logs/${REQUEST_ID}` });
    const scope = refundsEndpoint().reply(http, body, STRIPE_HEADERS);

    const outcome = await stripeProvider().refund(refundRequest());

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code,
        message,
        detail: {
          stripe_message: error.message,
          ...detail,
          http_status: String(http),
          request_id: REQUEST_ID,
          request_log_url: `https://dashboard.stripe.com/test/logs/${REQUEST_ID}`,
        },
      },
    });
    expect(JSON.stringify(outcome)).not.toMatch(/sk_test_[A-Za-z0-9*]/);
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('tells the rep what to do next in plain words', async () => {
    const scope = refundsEndpoint().reply(
      429,
      stripeError({ type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded.' }),
      STRIPE_HEADERS,
    );

    const outcome = await stripeProvider().refund(refundRequest());

    expect(outcome.status === 'failed' && outcome.failure.message).toBe(
      'Stripe is busy and did not process this refund; nothing was refunded. Try again in a minute.',
    );
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('never echoes the secret key, even when Stripe quotes it', async () => {
    const scope = refundsEndpoint().reply(
      401,
      stripeError({ type: 'invalid_request_error', message: `Invalid API Key provided: ${SECRET_KEY}` }),
      STRIPE_HEADERS,
    );

    const outcome = await stripeProvider().refund(refundRequest());

    expect(JSON.stringify(outcome)).not.toContain(SECRET_KEY);
    expect(outcome.status === 'failed' && outcome.failure.detail?.stripe_message).toBe('Invalid API Key provided: sk_test_[redacted]');
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('Stripe provider: no usable answer (unknown, looked up later)', () => {
  const checkedLater = 'the refund may or may not have gone through. It will be checked before anyone retries.';

  it('treats a Stripe 500 as unknown', async () => {
    const scope = refundsEndpoint().reply(500, stripeError({ type: 'api_error', message: 'An unknown error occurred' }), STRIPE_HEADERS);

    await expect(stripeProvider().refund(refundRequest())).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_server_error',
        message: `Stripe had a problem on its side; ${checkedLater}`,
        detail: {
          stripe_error: 'StripeAPIError',
          type: 'api_error',
          http_status: '500',
          request_id: REQUEST_ID,
          stripe_message: 'An unknown error occurred',
        },
      },
    });
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('treats a concurrent use of the same key (409) as unknown', async () => {
    const message = 'There is currently another in-progress request using this Stripe token (probably the same idempotency key).';
    const scope = refundsEndpoint().reply(409, stripeError({ type: 'invalid_request_error', code: 'idempotency_key_in_use', message }), STRIPE_HEADERS);

    await expect(stripeProvider().refund(refundRequest())).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_request_in_progress',
        message: `Stripe is still working on an earlier submission of this refund; ${checkedLater}`,
        detail: {
          stripe_error: 'StripeAPIError',
          type: 'invalid_request_error',
          code: 'idempotency_key_in_use',
          http_status: '409',
          request_id: REQUEST_ID,
          stripe_message: message,
        },
      },
    });
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('treats a 200 that is not a Refund as unknown', async () => {
    const scope = refundsEndpoint().reply(200, { object: 'list', data: [], has_more: false, url: '/v1/refunds' }, STRIPE_HEADERS);

    await expect(stripeProvider().refund(refundRequest())).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_unreadable_answer',
        message: `Stripe's answer could not be read; ${checkedLater}`,
        detail: { reason: 'not_a_refund_object' },
      },
    });
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('gives up on a server that answers after the deadline', async () => {
    const deadline = new AbortController();
    const scope = refundsEndpoint()
      .delay(NEVER_MS)
      .reply(deadlineOnArrival(deadline, [200, refundFixture({ id: 're_late' }), STRIPE_HEADERS]));

    const outcome = await stripeProvider().refund(refundRequest({ signal: deadline.signal }));

    expect(sent).toEqual([theRefund]);
    expect(outcome.status).toBe('unknown');
    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_timeout');
    expect(outcome.status === 'unknown' && outcome.failure.message).toBe(`Stripe did not answer in time; ${checkedLater}`);
    expect(scope.isDone()).toBe(true);
  });

  it('treats a reset connection as unknown (the SDK resends once, with the same Idempotency-Key)', async () => {
    // An Error, not a plain { code, message }: with nock 14 on Node 20 a plain object never reaches the request's
    // 'error' listener, and the SDK would wait for an answer that never comes.
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const scope = refundsEndpoint().times(2).replyWithError(reset);

    const outcome = await stripeProvider().refund(refundRequest());

    expect(outcome).toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_connection_lost',
        message: `The connection to Stripe broke before it answered; ${checkedLater}`,
        detail: {
          stripe_error: 'StripeConnectionError',
          stripe_message: 'An error occurred with our connection to Stripe. Request was retried 1 times.',
          cause: 'ECONNRESET',
        },
      },
    });
    expect(sent).toEqual([theRefund, theRefund]);
    expect(sent.map((request) => request.headers['idempotency-key'])).toEqual([FORM_KEY, FORM_KEY]);
    expect(scope.isDone()).toBe(true);
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const scope = refundsEndpoint()
      .delay(NEVER_MS)
      .reply(abortOnArrival(controller, [200, refundFixture({ id: 're_late' }), STRIPE_HEADERS]));

    const outcome = await stripeProvider().refund(refundRequest({ signal: controller.signal }));

    expect(sent).toEqual([theRefund]);
    expect(outcome).toEqual({
      status: 'unknown',
      failure: { code: 'request_aborted', message: `The wait for Stripe was stopped; ${checkedLater}`, detail: { reason: 'aborted' } },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('does not call Stripe at all when the deadline has already passed', async () => {
    const scope = refundsEndpoint().optionally().reply(200, refundFixture({ id: 're_never' }), STRIPE_HEADERS);
    const controller = new AbortController();
    controller.abort(deadlinePassed());

    const outcome = await stripeProvider().refund(refundRequest({ signal: controller.signal }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_sent',
        message: 'The time allowed for this refund ran out before Stripe was asked, so nothing was refunded. Try again.',
        detail: { reason: 'deadline_before_sending' },
      },
    });
    expect(sent).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });
});
