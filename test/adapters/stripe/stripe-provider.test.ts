import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createStripeProvider, stripeConnectionOf } from '../../../src/adapters/providers/stripe/stripe-provider';
import { attemptId, idempotencyKey } from '../../../src/domain/ids';
import { money } from '../../../src/domain/money';
import type { ProviderRefundRequest } from '../../../src/ports/payment-provider';

/*
 * Stripe is replaced by a local HTTP server that records every request and answers from a queue: the SDK runs its
 * real HTTP stack. (nock 15 cannot run here: it is ESM-only, which Jest 30 cannot require without transforming it
 * and its ESM dependencies, and @mswjs/interceptors 0.44 calls Promise.withResolvers, which Node 20 lacks.)
 */
const SECRET_KEY = 'sk_test_51PgafTB7WZ01zgkWsecretvalue000000000000';
const TIMEOUT_MS = 400;
const REQUEST_ID = 'req_8Gq1BwJ2yZ0k3V';

type StripeObject = Record<string, unknown>;
const fixtures = JSON.parse(
  readFileSync(join(__dirname, '../../../../shared/specs/stripe/fixtures3.json'), 'utf8'),
) as { resources: { refund: StripeObject } };

/** Stripe's own example Refund with only ids, amounts, currency and status changed. */
function refundFixture(changes: Partial<Record<'id' | 'amount' | 'currency' | 'status' | 'charge' | 'payment_intent', unknown>>) {
  return { ...structuredClone(fixtures.resources.refund), ...changes };
}

function stripeError(error: Record<string, string | undefined>) {
  return { error };
}

interface Seen {
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly headers: IncomingHttpHeaders;
  /** the form-encoded body, sorted by field name */
  readonly fields: [string, string][];
}

type Reply = { readonly status: number; readonly body: unknown; readonly delayMs?: number } | { readonly reset: true };

const seen: Seen[] = [];
const replies: Reply[] = [];
let server: Server;
let apiBase: string;

function answer(...queued: Reply[]): void {
  replies.push(...queued);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const fields = [...new URLSearchParams(Buffer.concat(chunks).toString('utf8')).entries()];
      seen.push({ method: req.method, path: req.url, headers: req.headers, fields: fields.sort(([a], [b]) => a.localeCompare(b)) });
      const reply = replies.shift() ?? { status: 599, body: { error: { type: 'api_error', message: 'no reply queued in the test' } } };
      if ('reset' in reply) {
        req.socket.destroy();
        return;
      }
      const send = () => {
        res.writeHead(reply.status, { 'Content-Type': 'application/json', 'request-id': REQUEST_ID });
        res.end(JSON.stringify(reply.body));
      };
      if (reply.delayMs === undefined) send();
      else setTimeout(send, reply.delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  seen.length = 0;
  replies.length = 0;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function refundRequest(changes: Partial<ProviderRefundRequest> = {}): ProviderRefundRequest {
  return {
    attemptId: attemptId('att_01JD5K8Q4V2N'),
    idempotencyKey: idempotencyKey('form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57'),
    providerTransactionId: 'pi_1PgafyB7WZ01zgkWSjxsAJo3',
    amount: money(1099n, 'USD'),
    isFullAmount: true,
    reason: 'requested_by_customer',
    cardLast4: null,
    signal: new AbortController().signal,
    ...changes,
  };
}

const provider = (timeoutMs = TIMEOUT_MS) => createStripeProvider({ secretKey: SECRET_KEY, apiBase, timeoutMs });

describe('Stripe provider: the request it sends', () => {
  it('refunds a PaymentIntent with the form key as Idempotency-Key and the attempt id as metadata', async () => {
    answer({ status: 200, body: refundFixture({ id: 're_3PgcA1', amount: 1099, payment_intent: 'pi_1PgafyB7WZ01zgkWSjxsAJo3' }) });

    const outcome = await provider().refund(refundRequest());

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: 're_3PgcA1' });
    expect(seen).toHaveLength(1);
    const [sent] = seen;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/v1/refunds');
    expect(sent?.fields).toEqual([
      ['amount', '1099'],
      ['metadata[attempt_id]', 'att_01JD5K8Q4V2N'],
      ['payment_intent', 'pi_1PgafyB7WZ01zgkWSjxsAJo3'],
      ['reason', 'requested_by_customer'],
    ]);
    expect(sent?.headers['idempotency-key']).toBe('form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57');
    expect(sent?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent?.headers['stripe-version']).toBe('2026-10-28.endive');
  });

  it('refunds a Charge (ch_) by its charge id', async () => {
    answer({ status: 200, body: refundFixture({ id: 're_3PgcA2', amount: 100 }) });

    const outcome = await provider().refund(
      refundRequest({ providerTransactionId: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', amount: money(100n, 'USD'), reason: 'duplicate' }),
    );

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: 're_3PgcA2' });
    expect(seen[0]?.fields).toEqual([
      ['amount', '100'],
      ['charge', 'ch_1PgafuB7WZ01zgkWXYmPNZs8'],
      ['metadata[attempt_id]', 'att_01JD5K8Q4V2N'],
      ['reason', 'duplicate'],
    ]);
  });

  it('refunds a non-card payment (py_) as a charge', async () => {
    answer({ status: 200, body: refundFixture({ id: 're_3PgcA3', amount: 2500, charge: 'py_1PgbQ2B7WZ01zgkW4hA8xQ0n', status: 'pending' }) });

    const outcome = await provider().refund(
      refundRequest({ providerTransactionId: 'py_1PgbQ2B7WZ01zgkW4hA8xQ0n', amount: money(2500n, 'EUR'), reason: 'fraudulent' }),
    );

    expect(outcome.status).toBe('pending');
    expect(seen[0]?.fields).toEqual([
      ['amount', '2500'],
      ['charge', 'py_1PgbQ2B7WZ01zgkW4hA8xQ0n'],
      ['metadata[attempt_id]', 'att_01JD5K8Q4V2N'],
      ['reason', 'fraudulent'],
    ]);
  });

  it('sends a partial amount, and no reason at all for our "other"', async () => {
    answer({ status: 200, body: refundFixture({ id: 're_3PgcA4', amount: 550, payment_intent: 'pi_1PgafyB7WZ01zgkWSjxsAJo3' }) });

    const outcome = await provider().refund(refundRequest({ amount: money(550n, 'USD'), isFullAmount: false, reason: 'other' }));

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: 're_3PgcA4' });
    expect(seen[0]?.fields).toEqual([
      ['amount', '550'],
      ['metadata[attempt_id]', 'att_01JD5K8Q4V2N'],
      ['payment_intent', 'pi_1PgafyB7WZ01zgkWSjxsAJo3'],
    ]);
  });

  it('sends JPY, a zero-decimal currency, in whole yen', async () => {
    answer({ status: 200, body: refundFixture({ id: 're_3PgcA5', amount: 5000, currency: 'jpy' }) });

    await provider().refund(refundRequest({ amount: money(5000n, 'JPY') }));

    expect(seen[0]?.fields).toEqual([
      ['amount', '5000'],
      ['metadata[attempt_id]', 'att_01JD5K8Q4V2N'],
      ['payment_intent', 'pi_1PgafyB7WZ01zgkWSjxsAJo3'],
      ['reason', 'requested_by_customer'],
    ]);
  });

  it('sends ISK in hundredths, as Stripe still expects two decimals for it', async () => {
    answer({ status: 200, body: refundFixture({ id: 're_3PgcA6', amount: 500000, currency: 'isk' }) });

    await provider().refund(refundRequest({ amount: money(5000n, 'ISK') }));

    expect(seen[0]?.fields).toEqual([
      ['amount', '500000'],
      ['metadata[attempt_id]', 'att_01JD5K8Q4V2N'],
      ['payment_intent', 'pi_1PgafyB7WZ01zgkWSjxsAJo3'],
      ['reason', 'requested_by_customer'],
    ]);
  });

  it('sends KWD in thousandths when the last digit is 0', async () => {
    answer({ status: 200, body: refundFixture({ id: 're_3PgcA7', amount: 1230, currency: 'kwd' }) });

    const outcome = await provider().refund(refundRequest({ amount: money(1230n, 'KWD') }));

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: 're_3PgcA7' });
    expect(seen[0]?.fields).toEqual([
      ['amount', '1230'],
      ['metadata[attempt_id]', 'att_01JD5K8Q4V2N'],
      ['payment_intent', 'pi_1PgafyB7WZ01zgkWSjxsAJo3'],
      ['reason', 'requested_by_customer'],
    ]);
  });

  it('refuses KWD amounts Stripe cannot take, without calling Stripe', async () => {
    const outcome = await provider().refund(refundRequest({ amount: money(1234n, 'KWD') }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'amount_not_accepted_by_provider',
        message: 'Stripe only takes KWD amounts in steps of 0.010 KWD, so nothing was sent. Refund 1.230 KWD or 1.240 KWD instead.',
        detail: { currency: 'KWD', amount_minor: '1234', required_multiple_minor: '10' },
      },
    });
    expect(seen).toEqual([]);
  });

  it('refuses an id that is not a Stripe payment, without calling Stripe', async () => {
    const outcome = await provider().refund(refundRequest({ providerTransactionId: 're_1Pgc72B7WZ01zgkWqPvrRrPE' }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'invalid_transaction_id',
        message:
          '"re_1Pgc72B7WZ01zgkWqPvrRrPE" is the id of a refund, not of a payment. A Stripe refund needs the PaymentIntent id (starts with pi_) or the Charge id (starts with ch_ or py_) of the payment.',
      },
    });
    expect(seen).toEqual([]);
  });
});

describe('Stripe provider: refund statuses', () => {
  it.each([
    ['succeeded', { status: 'succeeded', providerRefundId: 're_S1' }],
    [
      'pending',
      {
        status: 'pending',
        providerRefundId: 're_S1',
        message: 'Stripe accepted the refund; it completes once the payment network confirms it, usually within a few days.',
      },
    ],
    [
      'requires_action',
      {
        status: 'pending',
        providerRefundId: 're_S1',
        message: 'Stripe is waiting for the customer to act (for example, give their bank details) before the money can go back.',
      },
    ],
    [
      'failed',
      {
        status: 'failed',
        providerRefundId: 're_S1',
        failure: {
          code: 'refund_failed',
          message: 'Stripe could not return the money. Nothing was refunded; check the payment in Stripe or refund the customer another way.',
          detail: { stripe_refund_status: 'failed' },
        },
      },
    ],
    [
      'canceled',
      {
        status: 'failed',
        providerRefundId: 're_S1',
        failure: {
          code: 'refund_canceled',
          message: 'The refund was canceled in Stripe before the money went back. Nothing was refunded; start a new refund if it is still owed.',
          detail: { stripe_refund_status: 'canceled' },
        },
      },
    ],
  ])('maps a refund answered as %s', async (status, expected) => {
    answer({ status: 200, body: refundFixture({ id: 're_S1', amount: 1099, status }) });

    await expect(provider().refund(refundRequest())).resolves.toEqual(expected);
  });
});

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
      detail: { stripe_error: 'StripeAuthenticationError', type: 'invalid_request_error', stripe_message: 'Invalid API Key provided: [redacted]' },
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
      message: 'Stripe refused the refund, so nothing was refunded. This PaymentIntent does not have a successful charge to refund.',
      detail: { stripe_error: 'StripeInvalidRequestError', type: 'invalid_request_error' },
    },
  ])('records $name as a failed attempt with operator detail', async ({ http, error, code, message, detail }) => {
    const body = stripeError({ ...error, request_log_url: 'https://dashboard.stripe.com/test/logs/req_8Gq1BwJ2yZ0k3V' });
    answer({ status: http, body });

    const outcome = await provider().refund(refundRequest());

    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.providerRefundId).toBeNull();
    expect(outcome.failure.code).toBe(code);
    expect(outcome.failure.message).toBe(message);
    expect(outcome.failure.detail).toEqual({
      stripe_message: error.message,
      ...detail,
      http_status: String(http),
      request_id: 'req_8Gq1BwJ2yZ0k3V',
      request_log_url: 'https://dashboard.stripe.com/test/logs/req_8Gq1BwJ2yZ0k3V',
    });
    expect(JSON.stringify(outcome)).not.toContain('sk_test');
  });

  it('tells the rep what to do next in plain words', async () => {
    answer({ status: 429, body: stripeError({ type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded.' }) });

    const outcome = await provider().refund(refundRequest());

    expect(outcome.status === 'failed' && outcome.failure.message).toBe(
      'Stripe is busy and did not process this refund; nothing was refunded. Try again in a minute.',
    );
  });

  it('never echoes the secret key, even when Stripe quotes it', async () => {
    answer({ status: 401, body: stripeError({ type: 'invalid_request_error', message: `Invalid API Key provided: ${SECRET_KEY}` }) });

    const outcome = await provider().refund(refundRequest());

    expect(JSON.stringify(outcome)).not.toContain(SECRET_KEY);
    expect(outcome.status === 'failed' && outcome.failure.detail?.stripe_message).toBe('Invalid API Key provided: [redacted]');
  });
});

describe('Stripe provider: no usable answer (unknown, looked up later)', () => {
  const checkedLater = 'the refund may or may not have gone through. It will be checked before anyone retries.';

  it('treats a Stripe 500 as unknown', async () => {
    answer({ status: 500, body: stripeError({ type: 'api_error', message: 'An unknown error occurred' }) });

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_server_error',
        message: `Stripe had a problem on its side; ${checkedLater}`,
        detail: {
          stripe_error: 'StripeAPIError',
          type: 'api_error',
          http_status: '500',
          request_id: 'req_8Gq1BwJ2yZ0k3V',
          stripe_message: 'An unknown error occurred',
        },
      },
    });
  });

  it('treats a concurrent use of the same key (409) as unknown', async () => {
    answer({ status: 409, body: stripeError({ type: 'invalid_request_error', code: 'idempotency_key_in_use', message: 'There is currently another in-progress request using this Stripe token (probably the same idempotency key).' }) });

    const outcome = await provider().refund(refundRequest());

    expect(outcome.status).toBe('unknown');
    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_request_in_progress');
  });

  it('treats a 200 that is not a Refund as unknown', async () => {
    answer({ status: 200, body: { object: 'list', data: [], has_more: false, url: '/v1/refunds' } });

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_unreadable_answer',
        message: `Stripe's answer could not be read; ${checkedLater}`,
        detail: { reason: 'not_a_refund_object' },
      },
    });
  });

  it('gives up on a server that answers after the timeout', async () => {
    answer({ status: 200, body: refundFixture({ id: 're_late' }), delayMs: TIMEOUT_MS * 5 });

    const started = Date.now();
    const outcome = await provider().refund(refundRequest());

    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 3);
    expect(seen).toHaveLength(1);
    expect(outcome.status).toBe('unknown');
    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_timeout');
    expect(outcome.status === 'unknown' && outcome.failure.message).toBe(`Stripe did not answer in time; ${checkedLater}`);
  });

  it('treats a reset connection as unknown (the SDK resends once, with the same Idempotency-Key)', async () => {
    answer({ reset: true }, { reset: true });

    const outcome = await provider(3000).refund(refundRequest());

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
    expect(seen.map((request) => request.headers['idempotency-key'])).toEqual([
      'form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57',
      'form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57',
    ]);
  });

  it('stops waiting when the caller aborts', async () => {
    answer({ status: 200, body: refundFixture({ id: 're_late' }), delayMs: 300 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);

    const started = Date.now();
    const outcome = await provider(10_000).refund(refundRequest({ signal: controller.signal }));

    expect(Date.now() - started).toBeLessThan(250);
    expect(seen).toHaveLength(1);
    expect(outcome).toEqual({
      status: 'unknown',
      failure: { code: 'request_aborted', message: `The wait for Stripe was stopped; ${checkedLater}`, detail: { reason: 'aborted' } },
    });
  });

  it('does not call Stripe at all when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    const outcome = await provider().refund(refundRequest({ signal: controller.signal }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_sent',
        message: 'The time allowed for this refund ran out before Stripe was asked, so nothing was refunded. Try again.',
        detail: { reason: 'aborted_before_sending' },
      },
    });
    expect(seen).toEqual([]);
  });
});

describe('Stripe provider: configuration', () => {
  it('is named stripe and checks transaction ids', () => {
    const stripe = provider();
    expect(stripe.name).toBe('stripe');
    expect(stripe.describeInvalidTransactionId('pi_1PgafyB7WZ01zgkWSjxsAJo3')).toBeNull();
    expect(stripe.describeInvalidTransactionId('12345')).toBe(
      '"12345" is not a Stripe payment id. A Stripe refund needs the PaymentIntent id (starts with pi_) or the Charge id (starts with ch_ or py_) of the payment.',
    );
  });

  it.each([
    ['https://api.stripe.com', { host: 'api.stripe.com', port: 443, protocol: 'https' }],
    ['http://127.0.0.1:12111', { host: '127.0.0.1', port: 12111, protocol: 'http' }],
    ['http://stripe.test/', { host: 'stripe.test', port: 80, protocol: 'http' }],
  ])('reads the API base %s as host, port and protocol', (base, expected) => {
    expect(stripeConnectionOf(base)).toEqual(expected);
  });

  it.each(['not a url', 'ftp://stripe.test', 'https://stripe.test/v1', 'https://user:pw@stripe.test'])('rejects the API base %s', (base) => {
    const create = () => createStripeProvider({ secretKey: SECRET_KEY, apiBase: base, timeoutMs: TIMEOUT_MS });
    expect(create).toThrow(/^STRIPE_API_BASE (is not a URL|must be a bare http\(s\) origin)/);
    expect(create).not.toThrow(/pw/);
  });
});
