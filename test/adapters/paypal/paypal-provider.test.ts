import nock from 'nock';
import { createPayPalProvider } from '../../../src/adapters/providers/paypal/paypal-provider';
import { money } from '../../../src/domain/money';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  FULL_BODY,
  PAYPAL_HEADERS,
  partialBody,
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
import { requestBodyProblems, responseProblems } from './paypal-spec';

/* What the adapter sends to PayPal, and how it reads a refund. PayPal's refusals and silences: paypal-provider-errors. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

function answerRefund(body: string, answer: Record<string, unknown>): nock.Scope {
  expect(responseProblems('captures.refund', 201, answer)).toEqual([]);
  tokenEndpoint().reply(200, tokenFixture(), { 'Content-Type': 'application/json' });
  return refundEndpoint(body).reply(201, answer, PAYPAL_HEADERS);
}

describe('PayPal provider: the request it sends', () => {
  it('refunds a whole capture with an empty JSON body, the form key as PayPal-Request-Id and return=representation', async () => {
    const scope = answerRefund(FULL_BODY, refundFixture({ value: '100.00' }));

    const outcome = await payPalProvider().refund(refundRequest({ amount: money(10000n, 'USD'), isFullAmount: true }));

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: '1JU08902781691411' });
    expect(sent).toEqual([
      tokenCall,
      {
        method: 'POST',
        path: '/v2/payments/captures/2GG279541U471931P/refund',
        headers: {
          authorization: 'Bearer A21AAFEpH4PsADK7qSS7pSRsgzfENtu-Q1ysgEDVDESseMHBYXVJYE8ovjj68elIDy8nF26AwPhfXTIeWAZHSLIsQkSYz9ifg',
          'content-type': 'application/json',
          'paypal-request-id': 'form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57',
          prefer: 'return=representation',
          host: 'api-m.sandbox.paypal.com',
        },
        body: FULL_BODY,
      },
    ]);
    expect(requestBodyProblems('captures.refund', JSON.parse(sent[1]?.body ?? ''))).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('refunds part of a capture with the amount and our attempt, and nothing else, in the body', async () => {
    const scope = answerRefund(partialBody('12.34'), refundFixture({ value: '12.34' }));

    const outcome = await payPalProvider().refund(refundRequest({ amount: money(1234n, 'USD'), isFullAmount: false, reason: 'other' }));

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: '1JU08902781691411' });
    expect(sent).toEqual([tokenCall, refundCall(partialBody('12.34'))]);
    expect(requestBodyProblems('captures.refund', JSON.parse(sent[1]?.body ?? ''))).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['JPY, in whole yen', money(700n, 'JPY'), partialBody('700', 'JPY')],
    ['HUF, in whole forints though ISO gives it decimals', money(150000n, 'HUF'), partialBody('1500', 'HUF')],
    ['TWD, in whole dollars though ISO gives it decimals', money(99900n, 'TWD'), partialBody('999', 'TWD')],
    ['EUR, with two decimals', money(5n, 'EUR'), partialBody('0.05', 'EUR')],
  ])('sends %s', async (_name, amount, body) => {
    const parsed = JSON.parse(body) as { amount: { value: string; currency_code: string } };
    const scope = answerRefund(body, refundFixture({ value: parsed.amount.value, currency: parsed.amount.currency_code }));

    await expect(payPalProvider().refund(refundRequest({ amount, isFullAmount: false }))).resolves.toEqual({
      status: 'succeeded',
      providerRefundId: '1JU08902781691411',
    });
    expect(sent).toEqual([tokenCall, refundCall(body)]);
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a fractional HUF amount without asking PayPal anything', async () => {
    const outcome = await payPalProvider().refund(refundRequest({ amount: money(150050n, 'HUF'), isFullAmount: false }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'amount_not_accepted_by_provider',
        message: 'PayPal only takes whole HUF amounts, without decimals, so nothing was sent. Refund 1500.00 HUF or 1501.00 HUF instead.',
        detail: { currency: 'HUF', amount_minor: '150050', required_multiple_minor: '100' },
      },
    });
    expect(sent).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it('refuses an id that is not a PayPal capture without asking PayPal anything', async () => {
    const outcome = await payPalProvider().refund(refundRequest({ providerTransactionId: 'pi_1PgafyB7WZ01zgkWSjxsAJo3' }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'invalid_transaction_id',
        message:
          '"pi_1PgafyB7WZ01zgkWSjxsAJo3" is not a PayPal capture id. A PayPal refund needs the capture id of the payment: 17 capital letters and digits, such as 2GG279541U471931P.',
      },
    });
    expect(sent).toEqual([]);
    expect(unmatched).toEqual([]);
  });
});

describe('PayPal provider: refund statuses', () => {
  it.each([
    ['COMPLETED', undefined, { status: 'succeeded', providerRefundId: '1JU08902781691411' }],
    [
      'PENDING',
      'ECHECK',
      {
        status: 'pending',
        providerRefundId: '1JU08902781691411',
        message:
          'PayPal accepted the refund and holds it as pending (the customer paid by eCheck, which has not cleared yet). It completes on its own once PayPal releases it; nothing else needs to be done.',
      },
    ],
    [
      'FAILED',
      undefined,
      {
        status: 'failed',
        providerRefundId: '1JU08902781691411',
        failure: {
          code: 'refund_failed',
          message: 'PayPal could not return the money. Nothing was refunded; check the payment in PayPal or refund the customer another way.',
          detail: { paypal_refund_status: 'FAILED' },
        },
      },
    ],
    [
      'CANCELLED',
      undefined,
      {
        status: 'failed',
        providerRefundId: '1JU08902781691411',
        failure: {
          code: 'refund_canceled',
          message: 'The refund was cancelled in PayPal before the money went back. Nothing was refunded; start a new refund if it is still owed.',
          detail: { paypal_refund_status: 'CANCELLED' },
        },
      },
    ],
  ] as const)('maps a refund answered as %s', async (status, reason, expected) => {
    const scope = answerRefund(FULL_BODY, refundFixture({ value: '100.00', status, ...(reason ? { reason } : {}) }));

    await expect(payPalProvider().refund(refundRequest())).resolves.toEqual(expected);
    expect(sent).toEqual([tokenCall, refundCall(FULL_BODY)]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('PayPal provider: configuration', () => {
  it('is named paypal, has no voids, and checks ids and amounts', () => {
    const paypal = payPalProvider();
    expect(paypal.name).toBe('paypal');
    expect(paypal.voids).toBeUndefined();
    expect(paypal.describeInvalidTransactionId('2GG279541U471931P')).toBeNull();
    expect(paypal.describeInvalidTransactionId('')).toBe(
      'The record has no PayPal capture id. A PayPal refund needs the capture id of the payment: 17 capital letters and digits, such as 2GG279541U471931P.',
    );
    expect(paypal.describeUnsupportedAmount(money(5000n, 'JPY'))).toBeNull();
    expect(paypal.describeUnsupportedAmount(money(150000n, 'HUF'))).toBeNull();
    expect(paypal.describeUnsupportedAmount(money(99950n, 'TWD'))).toBe(
      'PayPal only takes whole TWD amounts, without decimals, so nothing was sent. Refund 999.00 TWD or 1000.00 TWD instead.',
    );
  });

  it.each(['https://api-m.paypal.com', 'https://api-m.sandbox.paypal.com/', 'http://127.0.0.1:8080'])('takes %s as API base', (apiBase) => {
    expect(() => createPayPalProvider({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiBase, now: Date.now })).not.toThrow();
  });

  it.each(['not a url', 'ftp://paypal.test', 'https://api-m.paypal.com/v2', 'https://user:pw@api-m.paypal.com'])('rejects %s as API base', (apiBase) => {
    const create = () => createPayPalProvider({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiBase, now: Date.now });
    expect(create).toThrow(/^PAYPAL_API_BASE (is not a URL|must be a bare http\(s\) origin)/);
    expect(create).not.toThrow(/pw/);
  });
});
