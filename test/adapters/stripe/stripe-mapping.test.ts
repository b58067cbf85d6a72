import Stripe from 'stripe';
import { noAnswerOutcome, stripeErrorToOutcome } from '../../../src/adapters/providers/stripe/stripe-errors';
import {
  describeInvalidStripeId,
  paymentTargetOf,
  refundToOutcome,
  toStripeAmount,
  toStripeReason,
} from '../../../src/adapters/providers/stripe/stripe-mapping';
import type { CurrencyCode } from '../../../src/domain/currency';
import { money } from '../../../src/domain/money';

const CHECKED_LATER = 'the refund may or may not have gone through. It will be checked before anyone retries.';

describe('toStripeAmount', () => {
  it.each<[string, bigint, CurrencyCode, bigint]>([
    ['USD cents as they are', 1099n, 'USD', 1099n],
    ['EUR cents as they are', 1n, 'EUR', 1n],
    ['JPY (zero-decimal) in whole yen', 5000n, 'JPY', 5000n],
    ['KRW (zero-decimal) in whole won', 125000n, 'KRW', 125000n],
    ['ISK (special case) as hundredths of whole krónur', 5n, 'ISK', 500n],
    ['UGX (special case) as hundredths of whole shillings', 1000n, 'UGX', 100000n],
    ['MGA (two-decimal in ISO, zero-decimal at Stripe) in whole ariary', 150000n, 'MGA', 1500n],
    ['KWD thousandths ending in 0', 1230n, 'KWD', 1230n],
    ['BHD thousandths ending in 0', 10n, 'BHD', 10n],
    ['HUF with two decimals (only payouts are whole forints)', 12345n, 'HUF', 12345n],
    ['IQD in ISO thousandths (not a Stripe three-decimal currency)', 1234n, 'IQD', 1234n],
  ])('sends %s', (_name, minor, currency, expected) => {
    expect(toStripeAmount(money(minor, currency))).toEqual({ ok: true, amount: expected });
  });

  it('refuses KWD thousandths that do not end in 0 and names both nearby amounts', () => {
    expect(toStripeAmount(money(1234n, 'KWD'))).toEqual({
      ok: false,
      failure: {
        code: 'amount_not_accepted_by_provider',
        message: 'Stripe only takes KWD amounts in steps of 0.010 KWD, so nothing was sent. Refund 1.230 KWD or 1.240 KWD instead.',
        detail: { currency: 'KWD', amount_minor: '1234', required_multiple_minor: '10' },
      },
    });
  });

  it('names only the amount above when rounding down would leave nothing', () => {
    const result = toStripeAmount(money(5n, 'OMR'));
    expect(result.ok === false && result.failure.message).toBe(
      'Stripe only takes OMR amounts in steps of 0.010 OMR, so nothing was sent. Refund 0.010 OMR instead.',
    );
  });

  it('refuses MGA amounts with ariary fractions', () => {
    const result = toStripeAmount(money(150050n, 'MGA'));
    expect(result.ok === false && result.failure.message).toBe(
      'Stripe only takes MGA amounts in steps of 1.00 MGA, so nothing was sent. Refund 1500.00 MGA or 1501.00 MGA instead.',
    );
  });

  it('refuses zero', () => {
    expect(toStripeAmount(money(0n, 'USD'))).toEqual({
      ok: false,
      failure: { code: 'invalid_amount', message: 'The refund amount must be greater than zero.' },
    });
  });

  it('keeps amounts beyond the range of a JavaScript number exact', () => {
    expect(toStripeAmount(money(123456789012345678n, 'ISK'))).toEqual({ ok: true, amount: 12345678901234567800n });
  });
});

describe('toStripeReason', () => {
  it.each([
    ['duplicate', 'duplicate'],
    ['fraudulent', 'fraudulent'],
    ['requested_by_customer', 'requested_by_customer'],
    ['other', null],
  ] as const)('maps %s to %s', (ours, stripes) => {
    expect(toStripeReason(ours)).toBe(stripes);
  });
});

describe('Stripe payment ids', () => {
  it.each([
    ['pi_1PgafyB7WZ01zgkWSjxsAJo3', { payment_intent: 'pi_1PgafyB7WZ01zgkWSjxsAJo3' }],
    ['ch_1PgafuB7WZ01zgkWXYmPNZs8', { charge: 'ch_1PgafuB7WZ01zgkWXYmPNZs8' }],
    ['py_1PgbQ2B7WZ01zgkW4hA8xQ0n', { charge: 'py_1PgbQ2B7WZ01zgkW4hA8xQ0n' }],
    ['re_1Pgc72B7WZ01zgkWqPvrRrPE', null],
    ['pi_', null],
    ['PI_1PgafyB7WZ01zgkWSjxsAJo3', null],
    [' pi_1PgafyB7WZ01zgkWSjxsAJo3', null],
  ])('targets %s as %j', (id, expected) => {
    expect(paymentTargetOf(id)).toEqual(expected);
  });

  const needed =
    'A Stripe refund needs the PaymentIntent id (starts with pi_) or the Charge id (starts with ch_ or py_) of the payment.';

  it.each([
    ['pi_1PgafyB7WZ01zgkWSjxsAJo3', null],
    ['ch_1PgafuB7WZ01zgkWXYmPNZs8', null],
    ['py_1PgbQ2B7WZ01zgkW4hA8xQ0n', null],
    ['', `The record has no Stripe payment id. ${needed}`],
    ['   ', `The record has no Stripe payment id. ${needed}`],
    ['12345', `"12345" is not a Stripe payment id. ${needed}`],
    ['cus_NffrFeUfNV2Hib', `"cus_NffrFeUfNV2Hib" is the id of a customer, not of a payment. ${needed}`],
    ['in_1MtHbELkdIwHu7ixl4OzzPMv', `"in_1MtHbELkdIwHu7ixl4OzzPMv" is the id of an invoice, not of a payment. ${needed}`],
    [
      'pi_1PgafyB7WZ01zgkWSjxsAJo3_secret_Dm43xiq1k0ywrRRjDoi8y1gkM',
      `The record holds a PaymentIntent client secret instead of its id. Keep only the part before "_secret_". ${needed}`,
    ],
    [' ch_1PgafuB7WZ01zgkWXYmPNZs8 ', 'The Stripe payment id on the record has spaces around it. Remove them and try again.'],
    ['x'.repeat(60), `"${'x'.repeat(40)}…" is not a Stripe payment id. ${needed}`],
  ])('describes %j', (id, expected) => {
    expect(describeInvalidStripeId(id)).toBe(expected);
  });
});

describe('refundToOutcome', () => {
  it('explains a failed refund with Stripe failure reason', () => {
    expect(refundToOutcome({ id: 're_F1', status: 'failed', failure_reason: 'expired_or_canceled_card' })).toEqual({
      status: 'failed',
      providerRefundId: 're_F1',
      failure: {
        code: 'refund_failed',
        message:
          'Stripe could not return the money: the card has expired or was canceled. Nothing was refunded; check the payment in Stripe or refund the customer another way.',
        detail: { stripe_refund_status: 'failed', failure_reason: 'expired_or_canceled_card' },
      },
    });
  });

  it('keeps an unrecognised failure reason for the operator only', () => {
    const outcome = refundToOutcome({ id: 're_F2', status: 'failed', failure_reason: 'something_new' });
    expect(outcome.status === 'failed' && outcome.failure.message).toBe(
      'Stripe could not return the money. Nothing was refunded; check the payment in Stripe or refund the customer another way.',
    );
    expect(outcome.status === 'failed' && outcome.failure.detail).toEqual({ stripe_refund_status: 'failed', failure_reason: 'something_new' });
  });

  it.each([
    ['a status this app does not know', 'on_hold', 'on_hold'],
    ['no status', null, 'none'],
  ])('keeps a refund with %s pending, with its id, until it is checked', (_name, status, shown) => {
    expect(refundToOutcome({ id: 're_U1', status })).toEqual({
      status: 'pending',
      providerRefundId: 're_U1',
      message: `Stripe created the refund with a status this app does not know ("${shown}"). It stays pending until it is checked in Stripe.`,
    });
  });
});

describe('stripeErrorToOutcome', () => {
  const { errors } = Stripe;

  it('reads a socket timeout as unknown', () => {
    const timeout = Object.assign(new TypeError('ETIMEDOUT'), { code: 'ETIMEDOUT' });
    const error = new errors.StripeConnectionError({ message: 'Request aborted due to timeout being reached (10000ms)', detail: timeout });
    expect(stripeErrorToOutcome(error)).toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_timeout',
        message: `Stripe did not answer in time; ${CHECKED_LATER}`,
        detail: {
          stripe_error: 'StripeConnectionError',
          stripe_message: 'Request aborted due to timeout being reached (10000ms)',
          cause: 'ETIMEDOUT',
        },
      },
    });
  });

  it('reads a Stripe 503 as unknown, keeping its request id', () => {
    const error = new errors.StripeAPIError({
      type: 'api_error',
      message: 'Service unavailable',
      statusCode: 503,
      headers: { 'request-id': 'req_503' },
    });
    expect(stripeErrorToOutcome(error)).toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_server_error',
        message: `Stripe had a problem on its side; ${CHECKED_LATER}`,
        detail: { stripe_error: 'StripeAPIError', type: 'api_error', http_status: '503', request_id: 'req_503', stripe_message: 'Service unavailable' },
      },
    });
  });

  it('reads anything that is not a Stripe error as unknown, since the request may have left', () => {
    expect(stripeErrorToOutcome(new RangeError('bad thing'))).toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_unexpected_error',
        message: `Something unexpected happened while talking to Stripe; ${CHECKED_LATER}`,
        detail: { error: 'RangeError', message: 'RangeError: bad thing' },
      },
    });
  });

  it('keeps Stripe\'s words on other invalid requests for the operator, never in the rep\'s message', () => {
    const error = new errors.StripeInvalidRequestError({
      type: 'invalid_request_error',
      code: 'parameter_invalid_integer',
      param: 'amount',
      message: 'Invalid integer: 12.5',
      statusCode: 400,
      requestId: 'req_400',
    });
    expect(stripeErrorToOutcome(error)).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'invalid_request',
        message: "Stripe refused the refund, so nothing was refunded. The provider's reason is kept in the attempt's details for your admin.",
        detail: {
          stripe_error: 'StripeInvalidRequestError',
          type: 'invalid_request_error',
          code: 'parameter_invalid_integer',
          param: 'amount',
          http_status: '400',
          request_id: 'req_400',
          stripe_message: 'Invalid integer: 12.5',
        },
      },
    });
  });

  it('reads refund_disputed_payment like a disputed charge', () => {
    const error = new errors.StripeInvalidRequestError({ type: 'invalid_request_error', code: 'refund_disputed_payment', message: 'x', statusCode: 400 });
    const outcome = stripeErrorToOutcome(error);
    expect(outcome.status === 'failed' && outcome.failure.code).toBe('payment_disputed');
  });

  it('does not take an unrelated amount problem for an over-refund', () => {
    const error = new errors.StripeInvalidRequestError({
      type: 'invalid_request_error',
      param: 'amount',
      message: 'Amount must be at least 50 cents',
      statusCode: 400,
    });
    const outcome = stripeErrorToOutcome(error);
    expect(outcome.status === 'failed' && outcome.failure.code).toBe('invalid_request');
  });
});

describe('noAnswerOutcome', () => {
  it("describes the engine's deadline and a caller abort", () => {
    expect(noAnswerOutcome('deadline')).toEqual({
      status: 'unknown',
      failure: { code: 'provider_timeout', message: `Stripe did not answer in time; ${CHECKED_LATER}`, detail: { reason: 'deadline' } },
    });
    expect(noAnswerOutcome('aborted')).toEqual({
      status: 'unknown',
      failure: { code: 'request_aborted', message: `The wait for Stripe was stopped; ${CHECKED_LATER}`, detail: { reason: 'aborted' } },
    });
  });
});
