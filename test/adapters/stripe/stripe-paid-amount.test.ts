import nock from 'nock';
import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import { fromStripeAmount, toStripeAmount } from '../../../src/adapters/providers/stripe/stripe-mapping';
import type { CurrencyCode } from '../../../src/domain/currency';
import { money } from '../../../src/domain/money';
import { readSpecJson } from '../../support/specs';
import { PAYMENT_INTENT, SECRET_KEY, STRIPE_API, STRIPE_HEADERS, STRIPE_VERSION, stripeError, stripeProvider, takeLeftovers } from './stripe-nock';

/*
 * The provider's own figure of what a payment took (design §3): GET /v1/payment_intents/{id} or /v1/charges/{id}
 * through the SDK, read only from a final payment. Answers are Stripe's own example objects (fixtures3.json) with
 * values changed, never fields added.
 */

const CHARGE = 'ch_3PgcQ2B7WZ01zgkW1Tk9xHqc';

type StripeObject = Record<string, unknown>;
const { resources } = readSpecJson<{ resources: { payment_intent: StripeObject; charge: StripeObject } }>('stripe/fixtures3.json');

/** Stripe's example object with `changes` applied; a key the example does not have is a mistake in the test. */
function example(resource: StripeObject, changes: StripeObject): StripeObject {
  for (const key of Object.keys(changes)) if (!(key in resource)) throw new Error(`Stripe's example has no field ${key}`);
  return { ...structuredClone(resource), ...changes };
}

const paymentIntent = (changes: StripeObject) => example(resources.payment_intent, { id: PAYMENT_INTENT, ...changes });
const charge = (changes: StripeObject) => example(resources.charge, { id: CHARGE, ...changes });
const succeededIntent = (amount: number, currency = 'usd') =>
  paymentIntent({ status: 'succeeded', amount, amount_received: amount, amount_capturable: 0, currency, canceled_at: null, last_payment_error: null, next_action: null });

interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, unknown>>;
}
const received: Received[] = [];

/** GET of one object with our key and the pinned version; what arrives is recorded, and `onArrival` runs then. */
function getEndpoint(path: string, onArrival?: () => void): nock.Interceptor {
  const scope = nock(STRIPE_API).matchHeader('authorization', `Bearer ${SECRET_KEY}`).matchHeader('stripe-version', STRIPE_VERSION);
  scope.on('request', (req: { method: string; path: string; headers: Record<string, unknown> }) => {
    received.push({ method: req.method, path: req.path, headers: { ...req.headers } });
    onArrival?.();
  });
  return scope.get(path);
}

const theGet = (path: string): Received => ({
  method: 'GET',
  path,
  headers: expect.objectContaining({ authorization: `Bearer ${SECRET_KEY}`, 'stripe-version': STRIPE_VERSION }) as Record<string, unknown>,
});

const read = (id: string, options: { signal?: AbortSignal } = {}) => stripeProvider().paidAmount?.(id, options.signal ?? new AbortController().signal);

afterEach(() => {
  const leftovers = takeLeftovers();
  received.length = 0;
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

describe('Stripe paid amount: a PaymentIntent', () => {
  it('reads amount_received of a succeeded PaymentIntent, with one GET of it', async () => {
    getEndpoint(`/v1/payment_intents/${PAYMENT_INTENT}`).reply(200, succeededIntent(1099), STRIPE_HEADERS);

    await expect(read(PAYMENT_INTENT)).resolves.toEqual(money(1099n, 'USD'));
    expect(received).toEqual([theGet(`/v1/payment_intents/${PAYMENT_INTENT}`)]);
  });

  it('takes what was received, not what was asked, after a partial capture', async () => {
    const partly = { ...succeededIntent(800), amount: 1099, capture_method: 'manual' };
    getEndpoint(`/v1/payment_intents/${PAYMENT_INTENT}`).reply(200, partly, STRIPE_HEADERS);

    await expect(read(PAYMENT_INTENT)).resolves.toEqual(money(800n, 'USD'));
  });

  it.each(['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture', 'canceled', 'a_status_from_the_future'])(
    'has no figure while the PaymentIntent is %s',
    async (status) => {
      getEndpoint(`/v1/payment_intents/${PAYMENT_INTENT}`).reply(200, paymentIntent({ status, amount_received: 0, amount_capturable: 1099 }), STRIPE_HEADERS);

      await expect(read(PAYMENT_INTENT)).resolves.toBeNull();
      expect(received).toHaveLength(1);
    },
  );
});

describe('Stripe paid amount: a Charge', () => {
  it('reads amount_captured of a succeeded, captured Charge, with one GET of it', async () => {
    getEndpoint(`/v1/charges/${CHARGE}`).reply(200, charge({ status: 'succeeded', captured: true, amount: 2500, amount_captured: 2000 }), STRIPE_HEADERS);

    await expect(read(CHARGE)).resolves.toEqual(money(2000n, 'USD'));
    expect(received).toEqual([theGet(`/v1/charges/${CHARGE}`)]);
  });

  it('reads a py_ payment (a non-card Charge) the same way', async () => {
    const id = 'py_3PgcQ2B7WZ01zgkW0kQ4Rb1x';
    getEndpoint(`/v1/charges/${id}`).reply(200, charge({ id, status: 'succeeded', captured: true, amount: 4200, amount_captured: 4200, currency: 'eur' }), STRIPE_HEADERS);

    await expect(read(id)).resolves.toEqual(money(4200n, 'EUR'));
  });

  it.each([
    ['authorized but not captured (Stripe\'s own example)', {}],
    ['pending (a bank debit not cleared yet)', { status: 'pending', captured: true, amount_captured: 100 }],
    ['failed', { status: 'failed', captured: false }],
  ])('has no figure for a Charge %s', async (_name, changes) => {
    getEndpoint(`/v1/charges/${CHARGE}`).reply(200, charge(changes), STRIPE_HEADERS);

    await expect(read(CHARGE)).resolves.toBeNull();
  });
});

describe('Stripe paid amount: currencies', () => {
  it.each<[string, number, string, bigint, CurrencyCode]>([
    ['JPY (zero-decimal) in whole yen', 5000, 'jpy', 5000n, 'JPY'],
    ['KWD (three-decimal) in thousandths', 12340, 'kwd', 12340n, 'KWD'],
    ['ISK (special case) from hundredths to whole krónur', 150000, 'isk', 1500n, 'ISK'],
    ['MGA (whole ariary at Stripe) to ISO hundredths', 1500, 'mga', 150000n, 'MGA'],
  ])('converts %s', async (_name, stripeAmount, stripeCurrency, minor, currency) => {
    getEndpoint(`/v1/payment_intents/${PAYMENT_INTENT}`).reply(200, succeededIntent(stripeAmount, stripeCurrency), STRIPE_HEADERS);

    await expect(read(PAYMENT_INTENT)).resolves.toEqual(money(minor, currency));
  });

  it.each([
    ['ISK with a fraction of a króna, which our whole krónur cannot hold', 150050, 'isk'],
    ['a currency this app does not know', 1000, 'xyz'],
    ['no currency at all', 1000, ''],
    ['zero', 0, 'usd'],
    ['a negative amount', -100, 'usd'],
    ['a fraction of a cent', 10.5, 'usd'],
  ])('has no figure for %s', async (_name, stripeAmount, stripeCurrency) => {
    getEndpoint(`/v1/payment_intents/${PAYMENT_INTENT}`).reply(200, succeededIntent(stripeAmount, stripeCurrency), STRIPE_HEADERS);

    await expect(read(PAYMENT_INTENT)).resolves.toBeNull();
  });

  it.each<[bigint, CurrencyCode]>([
    [1099n, 'USD'], [5000n, 'JPY'], [125000n, 'KRW'], [5n, 'ISK'], [1000n, 'UGX'], [150000n, 'MGA'], [1230n, 'KWD'], [10n, 'BHD'], [12345n, 'HUF'], [1234n, 'IQD'],
  ])('fromStripeAmount undoes toStripeAmount for %s %s', (minor, currency) => {
    const sent = toStripeAmount(money(minor, currency));
    if (!sent.ok) throw new Error('the round trip starts from an amount Stripe takes');
    expect(fromStripeAmount(sent.amount, currency)).toEqual(money(minor, currency));
  });
});

describe('Stripe paid amount: no usable answer', () => {
  it.each([
    ['Stripe cannot find the payment (404)', 404, stripeError({ type: 'invalid_request_error', code: 'resource_missing', message: `No such payment_intent: '${PAYMENT_INTENT}'` })],
    ['the key may not read payments (403)', 403, stripeError({ type: 'invalid_request_error', message: 'The provided key does not have the required permissions.' })],
    ['a Stripe server error (500)', 500, stripeError({ type: 'api_error', message: 'An unknown error occurred' })],
    ['another object than the one asked for', 200, { ...succeededIntent(1099), id: 'pi_3SomeoneElse00000000' }],
    ['an object of another type', 200, charge({ status: 'succeeded', captured: true, amount_captured: 100 })],
    ['a PaymentIntent without amount_received', 200, (({ amount_received: _gone, ...rest }) => rest)(succeededIntent(1099))],
  ])('has no figure when %s', async (_name, status, body) => {
    getEndpoint(`/v1/payment_intents/${PAYMENT_INTENT}`).reply(status, body, STRIPE_HEADERS);

    await expect(read(PAYMENT_INTENT)).resolves.toBeNull();
    expect(received).toHaveLength(1);
  });

  it('has no figure when the answer is not JSON', async () => {
    getEndpoint(`/v1/payment_intents/${PAYMENT_INTENT}`).reply(200, '<html>proxy error</html>', { 'Content-Type': 'text/html' });

    await expect(read(PAYMENT_INTENT)).resolves.toBeNull();
  });

  it('has no figure when the connection breaks (the SDK tries once more)', async () => {
    // An Error, not a plain { code, message }: nock 14 on Node 20 delivers only an Error to the request (stripe-provider-errors).
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    getEndpoint(`/v1/payment_intents/${PAYMENT_INTENT}`).times(2).replyWithError(reset);

    await expect(read(PAYMENT_INTENT)).resolves.toBeNull();
    expect(received).toHaveLength(2);
  });

  it("gives up at the engine's deadline", async () => {
    const deadline = new AbortController();
    getEndpoint(`/v1/payment_intents/${PAYMENT_INTENT}`).delay(NEVER_MS).reply(deadlineOnArrival(deadline, [200, succeededIntent(1099), STRIPE_HEADERS]));

    await expect(read(PAYMENT_INTENT, { signal: deadline.signal })).resolves.toBeNull();
    expect(received).toHaveLength(1);
  });

  it('gives up when the caller stops waiting', async () => {
    const controller = new AbortController();
    getEndpoint(`/v1/payment_intents/${PAYMENT_INTENT}`, () => controller.abort()).delay(NEVER_MS).reply(200, succeededIntent(1099), STRIPE_HEADERS);

    await expect(read(PAYMENT_INTENT, { signal: controller.signal })).resolves.toBeNull();
    expect(received).toHaveLength(1);
  });

  it('asks nothing when the caller has already stopped waiting, or the id is not a Stripe payment', async () => {
    const stopped = new AbortController();
    stopped.abort();

    await expect(read(PAYMENT_INTENT, { signal: stopped.signal })).resolves.toBeNull();
    await expect(read('re_3PgcQ2B7WZ01zgkW1Tk9xHqc')).resolves.toBeNull();
    expect(received).toEqual([]);
  });
});
