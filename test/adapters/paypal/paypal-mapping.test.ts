import {
  captureRefundRequest,
  describeInvalidCaptureId,
  fromPayPalMoney,
  readRefund,
  refundToOutcome,
  toPayPalValue,
} from '../../../src/adapters/providers/paypal/paypal-mapping';
import { money } from '../../../src/domain/money';
import { CAPTURE_ID, captureFixture, payPalError, refundFixture } from './paypal-nock';
import { requestBodyProblems, responseProblems } from './paypal-spec';

describe('PayPal amounts', () => {
  it.each([
    ['USD with its two decimals', 1234n, 'USD', '12.34'],
    ['EUR cents', 5n, 'EUR', '0.05'],
    ['JPY in whole yen', 5000n, 'JPY', '5000'],
    ['HUF in whole forints, though ISO gives it two decimals', 150000n, 'HUF', '1500'],
    ['TWD in whole dollars, though ISO gives it two decimals', 99900n, 'TWD', '999'],
    ['KWD with ISO three decimals', 1234n, 'KWD', '1.234'],
  ] as const)('writes %s', (_name, minor, currency, value) => {
    expect(toPayPalValue(money(minor, currency))).toEqual({ ok: true, value });
  });

  it.each([
    ['HUF', 150050n, 'PayPal only takes whole HUF amounts, without decimals, so nothing was sent. Refund 1500.00 HUF or 1501.00 HUF instead.'],
    ['TWD', 50n, 'PayPal only takes whole TWD amounts, without decimals, so nothing was sent. Refund 1.00 TWD instead.'],
  ] as const)('refuses a fractional %s amount and offers the whole amounts around it', (currency, minor, message) => {
    expect(toPayPalValue(money(minor, currency))).toEqual({
      ok: false,
      failure: {
        code: 'amount_not_accepted_by_provider',
        message,
        detail: { currency, amount_minor: minor.toString(), required_multiple_minor: '100' },
      },
    });
  });

  it('refuses nothing and negative amounts', () => {
    expect(toPayPalValue(money(0n, 'USD'))).toEqual({
      ok: false,
      failure: { code: 'invalid_amount', message: 'The refund amount must be greater than zero.' },
    });
  });

  it.each([
    [{ currency_code: 'USD', value: '100.00' }, money(10000n, 'USD')],
    [{ currency_code: 'HUF', value: '1500' }, money(150000n, 'HUF')],
    [{ currency_code: 'JPY', value: '5000' }, money(5000n, 'JPY')],
    [{ currency_code: 'JPY', value: '50.5' }, null],
    [{ currency_code: 'XYZ', value: '1.00' }, null],
  ])('reads PayPal money %j', (paypal, expected) => {
    expect(fromPayPalMoney(paypal)).toEqual(expected);
  });
});

describe('PayPal refund request', () => {
  const base = { captureId: CAPTURE_ID, attemptId: '0193a5c2-6f1e-7c3a-9b2d-4e8f1a2b3c4d', idempotencyKey: 'form-1' };

  it('sends no amount for a full refund, and our attempt as custom_id', () => {
    const built = captureRefundRequest({ ...base, amount: money(10000n, 'USD'), full: true });
    expect(built).toEqual({
      ok: true,
      request: {
        method: 'POST',
        path: `/v2/payments/captures/${CAPTURE_ID}/refund`,
        headers: { 'Content-Type': 'application/json', 'PayPal-Request-Id': 'form-1', Prefer: 'return=representation' },
        body: '{"custom_id":"0193a5c2-6f1e-7c3a-9b2d-4e8f1a2b3c4d"}',
      },
    });
  });

  it.each([
    [money(1234n, 'USD'), '{"amount":{"value":"12.34","currency_code":"USD"},"custom_id":"0193a5c2-6f1e-7c3a-9b2d-4e8f1a2b3c4d"}'],
    [money(700n, 'JPY'), '{"amount":{"value":"700","currency_code":"JPY"},"custom_id":"0193a5c2-6f1e-7c3a-9b2d-4e8f1a2b3c4d"}'],
    [money(70000n, 'HUF'), '{"amount":{"value":"700","currency_code":"HUF"},"custom_id":"0193a5c2-6f1e-7c3a-9b2d-4e8f1a2b3c4d"}'],
  ])('sends the amount of a partial refund: %j', (amount, body) => {
    const built = captureRefundRequest({ ...base, amount, full: false });
    expect(built.ok && built.request.body).toBe(body);
    expect(requestBodyProblems('captures.refund', JSON.parse(body))).toEqual([]);
  });

  it('refuses a partial amount PayPal cannot take', () => {
    const built = captureRefundRequest({ ...base, amount: money(70050n, 'HUF'), full: false });
    expect(built.ok).toBe(false);
  });
});

describe('PayPal refund statuses', () => {
  const read = (changes: Parameters<typeof refundFixture>[0]) => {
    const refund = readRefund(refundFixture(changes));
    if (refund === null) throw new Error('fixture is not a refund');
    return refundToOutcome(refund);
  };

  it('COMPLETED → succeeded', () => {
    expect(read({ status: 'COMPLETED' })).toEqual({ status: 'succeeded', providerRefundId: '1JU08902781691411' });
  });

  it('PENDING → pending, with the reason PayPal gives', () => {
    expect(read({ status: 'PENDING', reason: 'ECHECK' })).toEqual({
      status: 'pending',
      providerRefundId: '1JU08902781691411',
      message:
        'PayPal accepted the refund and holds it as pending (the customer paid by eCheck, which has not cleared yet). It completes on its own once PayPal releases it; nothing else needs to be done.',
    });
  });

  it('PENDING without a reason', () => {
    expect(read({ status: 'PENDING' })).toEqual({
      status: 'pending',
      providerRefundId: '1JU08902781691411',
      message: 'PayPal accepted the refund and holds it as pending. It completes on its own once PayPal releases it; nothing else needs to be done.',
    });
  });

  it('FAILED → failed, keeping the refund id', () => {
    expect(read({ status: 'FAILED', reason: 'ECHECK' })).toEqual({
      status: 'failed',
      providerRefundId: '1JU08902781691411',
      failure: {
        code: 'refund_failed',
        message:
          'PayPal could not return the money (the customer paid by eCheck, which has not cleared yet). Nothing was refunded; check the payment in PayPal or refund the customer another way.',
        detail: { paypal_refund_status: 'FAILED', paypal_status_reason: 'ECHECK' },
      },
    });
  });

  it('CANCELLED → failed', () => {
    expect(read({ status: 'CANCELLED' })).toEqual({
      status: 'failed',
      providerRefundId: '1JU08902781691411',
      failure: {
        code: 'refund_canceled',
        message: 'The refund was cancelled in PayPal before the money went back. Nothing was refunded; start a new refund if it is still owed.',
        detail: { paypal_refund_status: 'CANCELLED' },
      },
    });
  });

  it('a status PayPal may add later → pending until checked', () => {
    expect(read({ status: 'REVERSED' })).toEqual({
      status: 'pending',
      providerRefundId: '1JU08902781691411',
      message: 'PayPal created the refund with a status this app does not know ("REVERSED"). It stays pending until it is checked in PayPal.',
    });
  });

  it('is not fooled by something that is not a refund', () => {
    expect(readRefund({ name: 'INTERNAL_SERVER_ERROR' })).toBeNull();
    expect(readRefund(undefined)).toBeNull();
  });
});

describe('PayPal capture ids', () => {
  const needed = 'A PayPal refund needs the capture id of the payment: 17 capital letters and digits, such as 2GG279541U471931P.';

  it('accepts a capture id', () => {
    expect(describeInvalidCaptureId('2GG279541U471931P')).toBeNull();
    expect(describeInvalidCaptureId('8MC585209K746392H')).toBeNull();
  });

  it.each([
    ['', `The record has no PayPal capture id. ${needed}`],
    [' 2GG279541U471931P ', 'The PayPal capture id on the record has spaces around it. Remove them and try again.'],
    ['2gg279541u471931p', `The PayPal capture id on the record is in lower case; PayPal ids are in capitals. ${needed}`],
    ['buyer@example.com', `"buyer@example.com" is an email address, not a PayPal payment. ${needed}`],
    ['PAYID-MZ4XQ5Y0AB12345CD6789012', `"PAYID-MZ4XQ5Y0AB12345CD6789012" is the id of an older PayPal payment (Payments v1), not of its capture. ${needed}`],
    ['I-BW452GLLEP1G', `"I-BW452GLLEP1G" is the id of a PayPal billing agreement or subscription, not of a payment. ${needed}`],
    ['pi_1PgafyB7WZ01zgkWSjxsAJo3', `"pi_1PgafyB7WZ01zgkWSjxsAJo3" is not a PayPal capture id. ${needed}`],
    ['2GG279541U471931', `"2GG279541U471931" is not a PayPal capture id. ${needed}`],
  ])('explains what is wrong with %j', (id, message) => {
    expect(describeInvalidCaptureId(id)).toBe(message);
  });
});

describe('fixtures match the Payments v2 spec field for field', () => {
  it.each([
    ['a completed refund', 'captures.refund', 201, refundFixture()],
    ['a pending refund', 'refunds.get', 200, refundFixture({ status: 'PENDING', reason: 'ECHECK' })],
    ['a JPY refund', 'captures.refund', 201, refundFixture({ value: '700', currency: 'JPY' })],
    ['a capture', 'captures.get', 200, captureFixture()],
    ['an over-refund', 'captures.refund', 422, payPalError('error_422', { schema: 'captures.refund-422', issue: 'REFUND_AMOUNT_EXCEEDED' })],
    ['a bad request', 'captures.refund', 400, payPalError('error_400', { schema: 'captures.refund-400', issue: 'INVALID_PARAMETER_SYNTAX' })],
    ['an authentication failure', 'captures.refund', 401, payPalError('error_401')],
    ['a permission denial', 'captures.refund', 403, payPalError('error_403', { schema: '403', issue: 'PERMISSION_DENIED' })],
    ['an unknown capture', 'captures.refund', 404, payPalError('error_404', { schema: '404', issue: 'INVALID_RESOURCE_ID' })],
    ['a request in progress', 'captures.refund', 409, payPalError('error_409', { schema: '409', issue: 'PREVIOUS_REQUEST_IN_PROGRESS' })],
    ['a service outage', 'captures.refund', 503, payPalError('error_503')],
  ])('%s', (_name, operationId, status, body) => {
    expect(responseProblems(operationId, status, body)).toEqual([]);
  });

  it('catches a misspelt field', () => {
    const fixture = { ...refundFixture(), stauts: 'COMPLETED' };
    expect(responseProblems('captures.refund', 201, fixture)).toEqual(['captures.refund 201.stauts is not named by the spec']);
  });

  it('catches a value the spec does not allow', () => {
    expect(responseProblems('captures.refund', 201, refundFixture({ status: 'DONE' }))).toEqual([
      'captures.refund 201/status must be equal to one of the allowed values',
    ]);
  });
});
