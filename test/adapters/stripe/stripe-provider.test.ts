import nock from 'nock';
import { createStripeProvider, stripeConnectionOf } from '../../../src/adapters/providers/stripe/stripe-provider';
import { money } from '../../../src/domain/money';
import {
  ATTEMPT_ID,
  PAYMENT_INTENT,
  SECRET_KEY,
  STRIPE_HEADERS,
  paymentIntentFields,
  refundCall,
  refundFixture,
  refundRequest,
  refundsEndpoint,
  sent,
  stripeProvider,
  takeLeftovers,
  unmatched,
} from './stripe-nock';

/* What the adapter sends to Stripe, and how it reads a Refund. Stripe's refusals and silences: stripe-provider-errors. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

describe('Stripe provider: the request it sends', () => {
  it('refunds a PaymentIntent with the form key as Idempotency-Key and the attempt id as metadata', async () => {
    const scope = refundsEndpoint().reply(200, refundFixture({ id: 're_3PgcA1', amount: 1099, payment_intent: PAYMENT_INTENT }), STRIPE_HEADERS);

    const outcome = await stripeProvider().refund(refundRequest());

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: 're_3PgcA1' });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/refunds');
    expect(request?.fields).toEqual([
      ['amount', '1099'],
      ['metadata[attempt_id]', 'att_01JD5K8Q4V2N'],
      ['payment_intent', 'pi_1PgafyB7WZ01zgkWSjxsAJo3'],
      ['reason', 'requested_by_customer'],
    ]);
    expect(request?.headers['idempotency-key']).toBe('form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57');
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers['stripe-version']).toBe('2026-10-28.endive');
    expect(scope.isDone()).toBe(true);
  });

  it('refunds a Charge (ch_) by its charge id', async () => {
    const scope = refundsEndpoint().reply(200, refundFixture({ id: 're_3PgcA2', amount: 100 }), STRIPE_HEADERS);

    const outcome = await stripeProvider().refund(
      refundRequest({ providerTransactionId: 'ch_1PgafuB7WZ01zgkWXYmPNZs8', amount: money(100n, 'USD'), reason: 'duplicate' }),
    );

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: 're_3PgcA2' });
    expect(sent).toEqual([
      refundCall([
        ['amount', '100'],
        ['charge', 'ch_1PgafuB7WZ01zgkWXYmPNZs8'],
        ['metadata[attempt_id]', ATTEMPT_ID],
        ['reason', 'duplicate'],
      ]),
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('refunds a non-card payment (py_) as a charge', async () => {
    const scope = refundsEndpoint().reply(
      200,
      refundFixture({ id: 're_3PgcA3', amount: 2500, currency: 'eur', charge: 'py_1PgbQ2B7WZ01zgkW4hA8xQ0n', status: 'pending' }),
      STRIPE_HEADERS,
    );

    const outcome = await stripeProvider().refund(
      refundRequest({ providerTransactionId: 'py_1PgbQ2B7WZ01zgkW4hA8xQ0n', amount: money(2500n, 'EUR'), reason: 'fraudulent' }),
    );

    expect(outcome).toEqual({
      status: 'pending',
      providerRefundId: 're_3PgcA3',
      message: 'Stripe accepted the refund; it completes once the payment network confirms it, usually within a few days.',
    });
    expect(sent).toEqual([
      refundCall([
        ['amount', '2500'],
        ['charge', 'py_1PgbQ2B7WZ01zgkW4hA8xQ0n'],
        ['metadata[attempt_id]', ATTEMPT_ID],
        ['reason', 'fraudulent'],
      ]),
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('sends a partial amount, and no reason at all for our "other"', async () => {
    const scope = refundsEndpoint().reply(200, refundFixture({ id: 're_3PgcA4', amount: 550, payment_intent: PAYMENT_INTENT }), STRIPE_HEADERS);

    const outcome = await stripeProvider().refund(refundRequest({ amount: money(550n, 'USD'), isFullAmount: false, reason: 'other' }));

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: 're_3PgcA4' });
    expect(sent).toEqual([refundCall(paymentIntentFields('550', null))]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['JPY, a zero-decimal currency, in whole yen', 5000n, 'JPY', 5000],
    ['ISK in hundredths, as Stripe still expects two decimals for it', 5000n, 'ISK', 500000],
    ['KWD in thousandths when the last digit is 0', 1230n, 'KWD', 1230],
  ] as const)('sends %s', async (_name, minor, currency, stripeAmount) => {
    const id = `re_3PgcA${currency}`;
    const scope = refundsEndpoint().reply(200, refundFixture({ id, amount: stripeAmount, currency: currency.toLowerCase() }), STRIPE_HEADERS);

    const outcome = await stripeProvider().refund(refundRequest({ amount: money(minor, currency) }));

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: id });
    expect(sent).toEqual([refundCall(paymentIntentFields(String(stripeAmount)))]);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses KWD amounts Stripe cannot take, without calling Stripe', async () => {
    const scope = refundsEndpoint().optionally().reply(200, refundFixture({ id: 're_never' }), STRIPE_HEADERS);

    const outcome = await stripeProvider().refund(refundRequest({ amount: money(1234n, 'KWD') }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'amount_not_accepted_by_provider',
        message: 'Stripe only takes KWD amounts in steps of 0.010 KWD, so nothing was sent. Refund 1.230 KWD or 1.240 KWD instead.',
        detail: { currency: 'KWD', amount_minor: '1234', required_multiple_minor: '10' },
      },
    });
    expect(sent).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses an id that is not a Stripe payment, without calling Stripe', async () => {
    const scope = refundsEndpoint().optionally().reply(200, refundFixture({ id: 're_never' }), STRIPE_HEADERS);

    const outcome = await stripeProvider().refund(refundRequest({ providerTransactionId: 're_1Pgc72B7WZ01zgkWqPvrRrPE' }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'invalid_transaction_id',
        message:
          '"re_1Pgc72B7WZ01zgkWqPvrRrPE" is the id of a refund, not of a payment. A Stripe refund needs the PaymentIntent id (starts with pi_) or the Charge id (starts with ch_ or py_) of the payment.',
      },
    });
    expect(sent).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(scope.isDone()).toBe(true);
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
    const scope = refundsEndpoint().reply(200, refundFixture({ id: 're_S1', amount: 1099, status, payment_intent: PAYMENT_INTENT }), STRIPE_HEADERS);

    await expect(stripeProvider().refund(refundRequest())).resolves.toEqual(expected);
    expect(sent).toEqual([refundCall(paymentIntentFields('1099'))]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('Stripe provider: configuration', () => {
  it('is named stripe and checks transaction ids', () => {
    const stripe = stripeProvider();
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
    const create = () => createStripeProvider({ secretKey: SECRET_KEY, apiBase: base });
    expect(create).toThrow(/^STRIPE_API_BASE (is not a URL|must be a bare http\(s\) origin)/);
    expect(create).not.toThrow(/pw/);
  });
});
