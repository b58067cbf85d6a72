import nock from 'nock';
import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import { money } from '../../../src/domain/money';
import {
  CAPTURE_ID,
  PAYPAL_HEADERS,
  captureEndpoint,
  captureFixture,
  getCall,
  payPalError,
  payPalProvider,
  sent,
  takeLeftovers,
  tokenCall,
  tokenEndpoint,
  tokenFixture,
} from './paypal-nock';
import { responseProblems } from './paypal-spec';

/*
 * The provider's own figure of what a payment took (design §3): GET /v2/payments/captures/{capture_id} (Show captured
 * payment details), read only from a capture that completed. Answers are the spec's capture-2 schema, checked.
 */

const capturePath = `/v2/payments/captures/${CAPTURE_ID}`;

const read = (options: { id?: string; signal?: AbortSignal } = {}) =>
  payPalProvider().paidAmount?.(options.id ?? CAPTURE_ID, options.signal ?? new AbortController().signal);

function givenToken(): void {
  tokenEndpoint().reply(200, tokenFixture(), { 'Content-Type': 'application/json' });
}

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

describe('PayPal paid amount: the capture', () => {
  it('reads the amount of a completed capture: a token, then one GET of the capture', async () => {
    const answer = captureFixture('250.00', 'USD', 'COMPLETED');
    expect(responseProblems('captures.get', 200, answer)).toEqual([]);
    givenToken();
    captureEndpoint().reply(200, answer, PAYPAL_HEADERS);

    await expect(read()).resolves.toEqual(money(25000n, 'USD'));
    expect(sent).toEqual([tokenCall, getCall(capturePath)]);
  });

  it.each(['PARTIALLY_REFUNDED', 'REFUNDED'])('still reads what a capture took once it is %s', async (status) => {
    givenToken();
    captureEndpoint().reply(200, captureFixture('250.00', 'USD', status), PAYPAL_HEADERS);

    await expect(read()).resolves.toEqual(money(25000n, 'USD'));
  });

  it.each(['PENDING', 'DECLINED', 'FAILED', 'A_STATUS_FROM_THE_FUTURE'])('has no figure for a capture that is %s', async (status) => {
    givenToken();
    captureEndpoint().reply(200, { ...captureFixture('250.00', 'USD', status), ...(status === 'PENDING' ? { status_details: { reason: 'ECHECK' } } : {}) }, PAYPAL_HEADERS);

    await expect(read()).resolves.toBeNull();
    expect(sent).toEqual([tokenCall, getCall(capturePath)]);
  });
});

describe('PayPal paid amount: currencies', () => {
  it.each([
    ['JPY in whole yen', '5000', 'JPY', money(5000n, 'JPY')],
    ['HUF, whole forints at PayPal, in ISO hundredths', '1500', 'HUF', money(150000n, 'HUF')],
    ['EUR with its cents', '19.99', 'EUR', money(1999n, 'EUR')],
  ])('converts %s', async (_name, value, currency, expected) => {
    givenToken();
    captureEndpoint().reply(200, captureFixture(value, currency), PAYPAL_HEADERS);

    await expect(read()).resolves.toEqual(expected);
  });

  it.each([
    ['JPY with a fraction of a yen', '100.50', 'JPY'],
    ['USD with a fraction of a cent', '10.005', 'USD'],
    ['a currency this app does not know', '100.00', 'XYZ'],
    ['zero', '0.00', 'USD'],
    ['a negative value', '-100.00', 'USD'],
  ])('has no figure for %s', async (_name, value, currency) => {
    givenToken();
    captureEndpoint().reply(200, captureFixture(value, currency), PAYPAL_HEADERS);

    await expect(read()).resolves.toBeNull();
  });
});

describe('PayPal paid amount: no usable answer', () => {
  it.each([
    ['PayPal cannot find the capture (404)', 404, payPalError('error_404', { schema: '404', issue: 'INVALID_RESOURCE_ID' })],
    ['the credentials may not read it (403)', 403, payPalError('error_403', { schema: '403', issue: 'PERMISSION_DENIED' })],
    ['a PayPal server error (500)', 500, payPalError('error_500')],
    ['another capture than the one asked for', 200, { ...captureFixture('250.00'), id: '8MC585209K746392H' }],
    ['a capture without an amount', 200, (({ amount: _gone, ...rest }) => rest)(captureFixture('250.00'))],
    ['a body that is not JSON', 200, '<html>proxy error</html>'],
  ])('has no figure when %s', async (_name, status, body) => {
    givenToken();
    captureEndpoint().reply(status, body, PAYPAL_HEADERS);

    await expect(read()).resolves.toBeNull();
    expect(sent).toEqual([tokenCall, getCall(capturePath)]);
  });

  it('has no figure when PayPal refuses the credentials, and asks nothing more', async () => {
    tokenEndpoint().reply(401, { error: 'invalid_client', error_description: 'Client Authentication failed' }, { 'Content-Type': 'application/json' });

    await expect(read()).resolves.toBeNull();
    expect(sent).toEqual([tokenCall]);
  });

  it('has no figure when the connection breaks', async () => {
    givenToken();
    captureEndpoint().replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

    await expect(read()).resolves.toBeNull();
  });

  it("gives up at the engine's deadline", async () => {
    givenToken();
    const deadline = new AbortController();
    captureEndpoint().delay(NEVER_MS).reply(deadlineOnArrival(deadline, [200, captureFixture('250.00'), PAYPAL_HEADERS]));

    await expect(read({ signal: deadline.signal })).resolves.toBeNull();
  });

  it('gives up when the caller stops waiting', async () => {
    const controller = new AbortController();
    givenToken();
    captureEndpoint()
      .delay(NEVER_MS)
      .reply(() => {
        controller.abort();
        return [200, captureFixture('250.00'), PAYPAL_HEADERS];
      });

    await expect(read({ signal: controller.signal })).resolves.toBeNull();
    expect(sent).toEqual([tokenCall, getCall(capturePath)]);
  });

  it('asks nothing when the caller has already stopped waiting, or the id is not a capture id', async () => {
    const stopped = new AbortController();
    stopped.abort();

    await expect(read({ signal: stopped.signal })).resolves.toBeNull();
    await expect(read({ id: '5O190127TN364715T-order' })).resolves.toBeNull();
    expect(sent).toEqual([]);
  });
});
