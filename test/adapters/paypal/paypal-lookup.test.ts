import nock from 'nock';
import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import { money } from '../../../src/domain/money';
import {
  CAPTURE_ID,
  DEBUG_ID,
  FULL_BODY,
  PAYPAL_HEADERS,
  REFUND_ID,
  captureEndpoint,
  captureFixture,
  getCall,
  lookupRequest,
  partialBody,
  payPalError,
  payPalProvider,
  refundCall,
  refundDetailsEndpoint,
  refundEndpoint,
  refundFixture,
  sent,
  takeLeftovers,
  tokenCall,
  tokenEndpoint,
  tokenFixture,
  unmatched,
} from './paypal-nock';
import { responseProblems } from './paypal-spec';

/* What became of an attempt: by PayPal's refund id, or by sending the same refund again with the same PayPal-Request-Id. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

function givenToken(): void {
  tokenEndpoint().reply(200, tokenFixture(), { 'Content-Type': 'application/json' });
}

const capturePath = `/v2/payments/captures/${CAPTURE_ID}`;
const DAY_MS = 24 * 60 * 60 * 1000;

describe('PayPal lookup by refund id', () => {
  it.each([
    ['COMPLETED', { status: 'succeeded', providerRefundId: REFUND_ID }],
    [
      'PENDING',
      {
        status: 'pending',
        providerRefundId: REFUND_ID,
        message:
          'PayPal accepted the refund and holds it as pending (the customer paid by eCheck, which has not cleared yet). It completes on its own once PayPal releases it; nothing else needs to be done.',
      },
    ],
  ] as const)('reads GET /v2/payments/refunds/{id} answered %s', async (status, expected) => {
    const answer = refundFixture({ status, value: '100.00', ...(status === 'PENDING' ? { reason: 'ECHECK' } : {}) });
    expect(responseProblems('refunds.get', 200, answer)).toEqual([]);
    givenToken();
    const scope = refundDetailsEndpoint().reply(200, answer, PAYPAL_HEADERS);

    await expect(payPalProvider().lookup(lookupRequest({ providerRefundId: REFUND_ID }))).resolves.toEqual(expected);
    expect(sent).toEqual([tokenCall, getCall(`/v2/payments/refunds/${REFUND_ID}`)]);
    expect(scope.isDone()).toBe(true);
  });

  it('leaves the attempt unknown when PayPal does not find the refund id', async () => {
    givenToken();
    const scope = refundDetailsEndpoint().reply(404, payPalError('error_404', { schema: '404', issue: 'INVALID_RESOURCE_ID' }), PAYPAL_HEADERS);

    const outcome = await payPalProvider().lookup(lookupRequest({ providerRefundId: REFUND_ID }));

    expect(outcome).toEqual({
      status: 'unknown',
      failure: {
        code: 'lookup_inconclusive',
        message: 'PayPal did not say what became of this refund yet; it stays unknown and will be checked again.',
        detail: expect.objectContaining({ http_status: '404', paypal_issue: 'INVALID_RESOURCE_ID', refusal: 'payment_not_found', debug_id: DEBUG_ID }) as Record<
          string,
          string
        >,
      },
    });
    expect(scope.isDone()).toBe(true);
  });
});

describe('PayPal lookup without a refund id (the refund call went unanswered)', () => {
  it('reads the capture, then sends the same full refund (empty body, same PayPal-Request-Id) and reads its answer', async () => {
    expect(responseProblems('captures.get', 200, captureFixture())).toEqual([]);
    givenToken();
    const capture = captureEndpoint().reply(200, captureFixture('100.00'), PAYPAL_HEADERS);
    const replay = refundEndpoint(FULL_BODY).reply(201, refundFixture({ value: '100.00' }), PAYPAL_HEADERS);

    const outcome = await payPalProvider().lookup(lookupRequest({ amount: money(10000n, 'USD') }));

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: REFUND_ID });
    expect(sent).toEqual([tokenCall, getCall(capturePath), refundCall(FULL_BODY)]);
    expect(capture.isDone() && replay.isDone()).toBe(true);
  });

  it('sends the same partial refund again when the attempt was for less than the capture', async () => {
    givenToken();
    captureEndpoint().reply(200, captureFixture('100.00'), PAYPAL_HEADERS);
    const replay = refundEndpoint(partialBody('25.00')).reply(201, refundFixture({ value: '25.00', status: 'PENDING' }), PAYPAL_HEADERS);

    const outcome = await payPalProvider().lookup(lookupRequest({ amount: money(2500n, 'USD') }));

    expect(outcome.status).toBe('pending');
    expect(sent).toEqual([tokenCall, getCall(capturePath), refundCall(partialBody('25.00'))]);
    expect(replay.isDone()).toBe(true);
  });

  it('compares amounts in PayPal units: a whole HUF capture refunded in full', async () => {
    givenToken();
    captureEndpoint().reply(200, captureFixture('1500', 'HUF'), PAYPAL_HEADERS);
    refundEndpoint(FULL_BODY).reply(201, refundFixture({ value: '1500', currency: 'HUF' }), PAYPAL_HEADERS);

    await expect(payPalProvider().lookup(lookupRequest({ amount: money(150000n, 'HUF') }))).resolves.toEqual({
      status: 'succeeded',
      providerRefundId: REFUND_ID,
    });
    expect(sent).toEqual([tokenCall, getCall(capturePath), refundCall(FULL_BODY)]);
  });

  it('records a refusal PayPal gives the resent refund as failed: nothing was refunded by this attempt', async () => {
    givenToken();
    captureEndpoint().reply(200, captureFixture('100.00', 'USD', 'REFUNDED'), PAYPAL_HEADERS);
    refundEndpoint(FULL_BODY).reply(422, payPalError('error_422', { schema: 'captures.refund-422', issue: 'CAPTURE_FULLY_REFUNDED' }), PAYPAL_HEADERS);

    const outcome = await payPalProvider().lookup(lookupRequest());

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('already_refunded');
  });

  it.each([
    ['a rate limit', 429, { name: 'RATE_LIMIT_REACHED', message: 'Too many requests. Blocked due to rate limiting.', debug_id: DEBUG_ID, links: [] }, 'lookup_inconclusive'],
    ['an issue this app does not know', 422, { ...payPalError('error_422'), details: [{ issue: 'PAYPAL_REQUEST_ID_PREVIOUSLY_USED' }] }, 'lookup_inconclusive'],
    ['a server error', 500, payPalError('error_500'), 'provider_server_error'],
  ])('leaves the attempt unknown on %s', async (_name, http, body, code) => {
    givenToken();
    captureEndpoint().reply(200, captureFixture('100.00'), PAYPAL_HEADERS);
    refundEndpoint(FULL_BODY).reply(http, body, PAYPAL_HEADERS);

    const outcome = await payPalProvider().lookup(lookupRequest());

    expect(outcome.status).toBe('unknown');
    expect(outcome.status === 'unknown' && outcome.failure.code).toBe(code);
  });

  it('sends nothing again when PayPal cannot show the capture', async () => {
    givenToken();
    captureEndpoint().reply(404, payPalError('error_404', { schema: '404', issue: 'INVALID_RESOURCE_ID' }), PAYPAL_HEADERS);

    const outcome = await payPalProvider().lookup(lookupRequest());

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('lookup_inconclusive');
    expect(sent).toEqual([tokenCall, getCall(capturePath)]);
  });

  it('stays unknown when the resent refund goes unanswered too', async () => {
    givenToken();
    captureEndpoint().reply(200, captureFixture('100.00'), PAYPAL_HEADERS);
    const controller = new AbortController();
    refundEndpoint(FULL_BODY).delay(NEVER_MS).reply(deadlineOnArrival(controller, [201, refundFixture(), PAYPAL_HEADERS]));

    const outcome = await payPalProvider().lookup(lookupRequest({ signal: controller.signal }));

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_timeout');
    expect(sent).toEqual([tokenCall, getCall(capturePath), refundCall(FULL_BODY)]);
  });

  it('still sends the same refund again on the 44th day, while PayPal surely keeps the PayPal-Request-Id', async () => {
    const now = Date.now();
    givenToken();
    captureEndpoint().reply(200, captureFixture('100.00', 'USD', 'PARTIALLY_REFUNDED'), PAYPAL_HEADERS);
    refundEndpoint(partialBody('25.00')).reply(201, refundFixture({ value: '25.00' }), PAYPAL_HEADERS);

    const createdAt = new Date(now - 44 * DAY_MS + 60_000);
    const outcome = await payPalProvider({ now: () => now }).lookup(lookupRequest({ amount: money(2500n, 'USD'), createdAt }));

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: REFUND_ID });
    expect(sent).toEqual([tokenCall, getCall(capturePath), refundCall(partialBody('25.00'))]);
  });

  it('sends nothing once PayPal may have forgotten the PayPal-Request-Id (45 days)', async () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    const paypal = payPalProvider({ now: () => now });

    const outcome = await paypal.lookup(lookupRequest({ createdAt: new Date(now - 44 * DAY_MS - 1) }));

    expect(outcome).toEqual({
      status: 'unknown',
      failure: {
        code: 'lookup_window_passed',
        message:
          'PayPal only remembers a refund request for 45 days, so this one can no longer be checked safely from here. Look for the refund on the payment in PayPal and record what you find.',
        detail: { paypal_request_id: 'form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57', created_at: '2025-01-16T11:59:59.999Z' },
      },
    });
    expect(sent).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it('stays unknown when no token can be had', async () => {
    tokenEndpoint().reply(401, { error: 'invalid_client', error_description: 'Client Authentication failed' }, { 'Content-Type': 'application/json' });

    const outcome = await payPalProvider().lookup(lookupRequest());

    expect(outcome).toEqual({
      status: 'unknown',
      failure: {
        code: 'lookup_inconclusive',
        message: 'PayPal did not say what became of this refund yet; it stays unknown and will be checked again.',
        detail: {
          reason: 'token_refused',
          http_status: '401',
          oauth_error: 'invalid_client',
          oauth_error_description: 'Client Authentication failed',
          refusal: 'provider_authentication_failed',
        },
      },
    });
    expect(sent).toEqual([tokenCall]);
  });

  it('answers a void attempt without calling PayPal: PayPal voids authorizations, never captures', async () => {
    const outcome = await payPalProvider().lookup(lookupRequest({ kind: 'void' }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_received_by_provider',
        message: 'PayPal cannot void a captured payment and this app never asks it to, so nothing was voided.',
        detail: { kind: 'void' },
      },
    });
    expect(sent).toEqual([]);
  });
});
