import nock from 'nock';
import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import { idempotencyKey } from '../../../src/domain/ids';
import { BASIC_AUTH } from './paypal-fixtures';
import {
  ACCESS_TOKEN,
  CLIENT_SECRET,
  EXPIRES_IN,
  FULL_BODY,
  NEW_ACCESS_TOKEN,
  PAYPAL_HEADERS,
  payPalError,
  payPalProvider,
  refundCall,
  refundEndpoint,
  refundFixture,
  refundRequest,
  sent,
  takeLeftovers,
  tokenCall,
  tokenEndpoint,
  tokenFixture,
  unmatched,
} from './paypal-nock';

/* The OAuth2 client-credentials token: fetched once, shared, renewed before it expires, replaced after a 401. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

const TOKEN_HEADERS = { 'Content-Type': 'application/json' } as const;
const keyed = (key: string) => refundRequest({ idempotencyKey: idempotencyKey(key) });

describe('PayPal access token', () => {
  it('is asked for once, with Basic credentials and the form body, then reused across refunds', async () => {
    const token = tokenEndpoint().reply(200, tokenFixture(), TOKEN_HEADERS);
    const first = refundEndpoint(FULL_BODY, ACCESS_TOKEN, 'form-a').reply(201, refundFixture({ id: '0RA11111111111111' }), PAYPAL_HEADERS);
    const second = refundEndpoint(FULL_BODY, ACCESS_TOKEN, 'form-b').reply(201, refundFixture({ id: '0RB22222222222222' }), PAYPAL_HEADERS);
    const paypal = payPalProvider();

    await expect(paypal.refund(keyed('form-a'))).resolves.toEqual({ status: 'succeeded', providerRefundId: '0RA11111111111111' });
    await expect(paypal.refund(keyed('form-b'))).resolves.toEqual({ status: 'succeeded', providerRefundId: '0RB22222222222222' });

    expect(sent).toEqual([tokenCall, refundCall(FULL_BODY, ACCESS_TOKEN, 'form-a'), refundCall(FULL_BODY, ACCESS_TOKEN, 'form-b')]);
    expect([token, first, second].every((scope) => scope.isDone())).toBe(true);
  });

  it('is renewed five minutes before expires_in runs out, not earlier', async () => {
    let clock = 1_700_000_000_000;
    const renewAt = clock + EXPIRES_IN * 1000 - 5 * 60 * 1000;
    tokenEndpoint().reply(200, tokenFixture(ACCESS_TOKEN), TOKEN_HEADERS);
    tokenEndpoint().reply(200, tokenFixture(NEW_ACCESS_TOKEN), TOKEN_HEADERS);
    refundEndpoint(FULL_BODY, ACCESS_TOKEN, 'form-a').reply(201, refundFixture(), PAYPAL_HEADERS);
    refundEndpoint(FULL_BODY, ACCESS_TOKEN, 'form-b').reply(201, refundFixture(), PAYPAL_HEADERS);
    refundEndpoint(FULL_BODY, NEW_ACCESS_TOKEN, 'form-c').reply(201, refundFixture(), PAYPAL_HEADERS);
    const paypal = payPalProvider({ now: () => clock });

    await paypal.refund(keyed('form-a'));
    clock = renewAt - 1;
    await paypal.refund(keyed('form-b'));
    clock = renewAt;
    await paypal.refund(keyed('form-c'));

    expect(sent).toEqual([
      tokenCall,
      refundCall(FULL_BODY, ACCESS_TOKEN, 'form-a'),
      refundCall(FULL_BODY, ACCESS_TOKEN, 'form-b'),
      tokenCall,
      refundCall(FULL_BODY, NEW_ACCESS_TOKEN, 'form-c'),
    ]);
  });

  it('is asked for once when several refunds start together', async () => {
    tokenEndpoint().delay(50).reply(200, tokenFixture(), TOKEN_HEADERS);
    for (const key of ['form-a', 'form-b', 'form-c']) refundEndpoint(FULL_BODY, ACCESS_TOKEN, key).reply(201, refundFixture(), PAYPAL_HEADERS);
    const paypal = payPalProvider();

    const outcomes = await Promise.all(['form-a', 'form-b', 'form-c'].map((key) => paypal.refund(keyed(key))));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(sent.filter((request) => request.path === '/v1/oauth2/token')).toEqual([tokenCall]);
    expect(sent.filter((request) => request.path !== '/v1/oauth2/token').map((request) => request.headers['paypal-request-id']).sort()).toEqual([
      'form-a',
      'form-b',
      'form-c',
    ]);
  });

  it('is dropped after a 401; the call is made once more, same PayPal-Request-Id, with a new token', async () => {
    tokenEndpoint().reply(200, tokenFixture(ACCESS_TOKEN), TOKEN_HEADERS);
    refundEndpoint(FULL_BODY, ACCESS_TOKEN).reply(401, payPalError('error_401'), PAYPAL_HEADERS);
    tokenEndpoint().reply(200, tokenFixture(NEW_ACCESS_TOKEN), TOKEN_HEADERS);
    refundEndpoint(FULL_BODY, NEW_ACCESS_TOKEN).reply(201, refundFixture(), PAYPAL_HEADERS);
    refundEndpoint(FULL_BODY, NEW_ACCESS_TOKEN, 'form-next').reply(201, refundFixture({ id: '0RN33333333333333' }), PAYPAL_HEADERS);
    const paypal = payPalProvider();

    await expect(paypal.refund(refundRequest())).resolves.toEqual({ status: 'succeeded', providerRefundId: '1JU08902781691411' });
    await expect(paypal.refund(keyed('form-next'))).resolves.toEqual({ status: 'succeeded', providerRefundId: '0RN33333333333333' });

    expect(sent).toEqual([
      tokenCall,
      refundCall(FULL_BODY, ACCESS_TOKEN),
      tokenCall,
      refundCall(FULL_BODY, NEW_ACCESS_TOKEN),
      refundCall(FULL_BODY, NEW_ACCESS_TOKEN, 'form-next'),
    ]);
  });

  it('is renewed only once per call: a second 401 is a failed attempt', async () => {
    tokenEndpoint().reply(200, tokenFixture(ACCESS_TOKEN), TOKEN_HEADERS);
    refundEndpoint(FULL_BODY, ACCESS_TOKEN).reply(401, payPalError('error_401'), PAYPAL_HEADERS);
    tokenEndpoint().reply(200, tokenFixture(NEW_ACCESS_TOKEN), TOKEN_HEADERS);
    refundEndpoint(FULL_BODY, NEW_ACCESS_TOKEN).reply(401, payPalError('error_401'), PAYPAL_HEADERS);

    const outcome = await payPalProvider().refund(refundRequest());

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'provider_authentication_failed',
        message:
          "PayPal rejected this app's credentials, so nothing was refunded. Ask a HubSpot admin to check the PayPal client id and secret configured for the refund app.",
        detail: {
          http_status: '401',
          paypal_name: 'AUTHENTICATION_FAILURE',
          paypal_message: 'Authentication failed due to missing authorization header, or invalid authentication credentials.',
          debug_id: 'f07d2ab2c0b3e',
          information_link: 'https://developer.paypal.com/docs/api/payments/v2/#error-AUTHENTICATION_FAILURE',
        },
      },
    });
    expect(sent).toEqual([tokenCall, refundCall(FULL_BODY, ACCESS_TOKEN), tokenCall, refundCall(FULL_BODY, NEW_ACCESS_TOKEN)]);
  });

  it('refused (wrong client id or secret): the refund is not sent, and neither secret nor token is echoed', async () => {
    tokenEndpoint().reply(401, { error: 'invalid_client', error_description: 'Client Authentication failed' }, TOKEN_HEADERS);

    const outcome = await payPalProvider().refund(refundRequest());

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'provider_authentication_failed',
        message:
          "PayPal did not accept this app's client id and secret, so the refund was not sent and nothing was refunded. Ask a HubSpot admin to check the PayPal credentials configured for the refund app (live and sandbox credentials differ).",
        detail: { reason: 'token_refused', http_status: '401', oauth_error: 'invalid_client', oauth_error_description: 'Client Authentication failed' },
      },
    });
    expect(sent).toEqual([tokenCall]);
    expect(JSON.stringify(outcome)).not.toContain(CLIENT_SECRET);
  });

  it('redacts the secret should PayPal ever quote it', async () => {
    tokenEndpoint().reply(400, { error: 'invalid_request', error_description: `bad secret ${CLIENT_SECRET}` }, TOKEN_HEADERS);

    const outcome = await payPalProvider().refund(refundRequest());

    expect(outcome.status === 'failed' && outcome.failure.detail?.oauth_error_description).toBe('bad secret [redacted]');
    expect(JSON.stringify(outcome)).not.toContain(CLIENT_SECRET);
  });

  it('redacts the Basic credential should PayPal echo the Authorization header', async () => {
    const echoed = BASIC_AUTH.replace(/^Basic /, '');
    tokenEndpoint().reply(401, { error: 'invalid_client', error_description: `Client Authentication failed for Authorization: ${BASIC_AUTH}` }, TOKEN_HEADERS);

    const outcome = await payPalProvider().refund(refundRequest());

    expect(outcome.status === 'failed' && outcome.failure.detail?.oauth_error_description).toBe('Client Authentication failed for Authorization: Basic [redacted]');
    expect(JSON.stringify(outcome)).not.toContain(echoed);
  });

  it('unanswered: the refund is not sent and nothing was refunded', async () => {
    const deadline = new AbortController();
    tokenEndpoint().delay(NEVER_MS).reply(deadlineOnArrival(deadline, [200, tokenFixture(), TOKEN_HEADERS]));

    const outcome = await payPalProvider().refund(refundRequest({ signal: deadline.signal }));

    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.failure.code).toBe('not_sent');
    expect(sent).toEqual([tokenCall]);
    expect(unmatched).toEqual([]);
  });

  it('unavailable (PayPal 503): the refund is not sent', async () => {
    tokenEndpoint().reply(503, payPalError('error_503'), PAYPAL_HEADERS);

    await expect(payPalProvider().refund(refundRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_sent',
        message: "PayPal's sign-in service did not answer, so the refund was not sent and nothing was refunded. Try again in a minute.",
        detail: { reason: 'token_unavailable', http_status: '503', debug_id: 'f07d2ab2c0b3e' },
      },
    });
    expect(sent).toEqual([tokenCall]);
  });

  it('is never part of an outcome', async () => {
    tokenEndpoint().reply(200, tokenFixture(), TOKEN_HEADERS);
    refundEndpoint(FULL_BODY).reply(422, payPalError('error_422', { schema: 'captures.refund-422', issue: 'REFUND_NOT_ALLOWED' }), PAYPAL_HEADERS);

    const outcome = await payPalProvider().refund(refundRequest());

    expect(outcome.status).toBe('failed');
    expect(JSON.stringify(outcome)).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify(outcome)).not.toContain(CLIENT_SECRET);
  });
});
