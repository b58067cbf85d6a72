import nock from 'nock';
import { deadlinePassed } from '../../support/provider-timing';
import {
  ACCESS_TOKEN,
  CLIENT_SECRET,
  DEBUG_ID,
  FULL_BODY,
  PAYPAL_HEADERS,
  payPalError,
  payPalProvider,
  refundCall,
  refundEndpoint,
  refundRequest,
  sent,
  takeLeftovers,
  tokenCall,
  tokenEndpoint,
  tokenFixture,
  unmatched,
} from './paypal-nock';
import { issueDescription, responseProblems } from './paypal-spec';

/* PayPal's refusals (failed: nothing refunded). Its silences: paypal-no-answer. The request: paypal-provider. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

/** Every case below sends the same full refund of capture 2GG279541U471931P. */
const theRefund = refundCall(FULL_BODY);

function givenToken(): void {
  tokenEndpoint().reply(200, tokenFixture(), { 'Content-Type': 'application/json' });
}

const link = (name: string) => `https://developer.paypal.com/docs/api/payments/v2/#error-${name}`;
const UNPROCESSABLE = 'The requested action could not be performed, semantically incorrect, or failed business validation.';

describe('PayPal provider: PayPal refused (failed, nothing refunded)', () => {
  it.each([
    [
      'REFUND_AMOUNT_EXCEEDED',
      'amount_exceeds_refundable',
      'PayPal refused: the amount is more than what is left to refund on this payment, so nothing was refunded. Part of it may have been refunded directly in PayPal; check the payment there and refund a smaller amount.',
    ],
    ['CAPTURE_FULLY_REFUNDED', 'already_refunded', 'PayPal says this payment was already refunded in full, perhaps directly in PayPal. Nothing more was refunded.'],
    [
      'REFUND_TIME_LIMIT_EXCEEDED',
      'refund_time_limit_exceeded',
      'PayPal no longer allows refunds of this payment because its refund period has passed, so nothing was refunded. Refund the customer another way (for example by bank transfer) and note it on the record.',
    ],
    [
      'TRANSACTION_DISPUTED',
      'payment_disputed',
      "The customer has an open dispute or chargeback on this payment, so PayPal does not allow this refund and nothing was refunded. Your finance team can settle the case in PayPal's Resolution Center.",
    ],
    [
      'REFUND_NOT_PERMITTED_DUE_TO_CHARGEBACK',
      'payment_disputed',
      "The customer has an open dispute or chargeback on this payment, so PayPal does not allow this refund and nothing was refunded. Your finance team can settle the case in PayPal's Resolution Center.",
    ],
    [
      'REFUND_NOT_ALLOWED',
      'refund_not_allowed',
      'PayPal does not allow this payment to be refunded, so nothing was refunded. Check the payment in PayPal for the reason, or refund the customer another way.',
    ],
    [
      'PENDING_CAPTURE',
      'payment_not_settled',
      'PayPal still holds this payment as pending (an eCheck or bank payment that has not cleared), so it cannot be refunded yet and nothing was refunded. Try again once PayPal shows the payment as completed.',
    ],
    [
      'REFUND_FAILED_INSUFFICIENT_FUNDS',
      'insufficient_funds',
      'Your PayPal balance and linked bank account cannot cover this refund, so nothing was refunded. Add funds to the PayPal account, then try again.',
    ],
    [
      'DUPLICATE_INVOICE_ID',
      'duplicate_invoice_id',
      'PayPal refused: a refund with the same invoice number already exists on this payment, so nothing new was refunded. Check the refunds of this payment in PayPal.',
    ],
    ['PARTIAL_REFUND_NOT_ALLOWED', 'partial_refund_not_allowed', 'PayPal only allows a full refund of this payment, so nothing was refunded. Refund the whole amount instead.'],
    [
      'MAX_NUMBER_OF_REFUNDS_EXCEEDED',
      'too_many_refunds',
      "This payment has reached PayPal's limit on the number of refunds, so nothing was refunded. Refund the customer another way and note it on the record.",
    ],
    ['REFUND_AMOUNT_TOO_LOW', 'amount_too_low', 'After currency conversion this amount is too small for PayPal to refund, so nothing was refunded. Refund a larger amount.'],
    ['REFUND_IS_RESTRICTED', 'refund_restricted', 'Only the platform or partner that took this payment may refund it, so nothing was refunded. Refund it through them.'],
    [
      'PAYEE_ACCOUNT_LOCKED_OR_CLOSED',
      'merchant_account_restricted',
      'Your PayPal account is locked, closed or restricted, so nothing was refunded. The owner of the PayPal account has to settle this with PayPal first.',
    ],
    [
      'PAYEE_ACCOUNT_RESTRICTED',
      'merchant_account_restricted',
      'Your PayPal account is locked, closed or restricted, so nothing was refunded. The owner of the PayPal account has to settle this with PayPal first.',
    ],
    [
      'PAYER_ACCOUNT_LOCKED_OR_CLOSED',
      'customer_account_closed',
      "The customer's PayPal account can no longer receive money, so nothing was refunded. Refund the customer another way and note it on the record.",
    ],
    [
      'REFUND_CAPTURE_CURRENCY_MISMATCH',
      'currency_mismatch',
      'PayPal took this payment in another currency than the record shows, so nothing was refunded. Correct the currency on the record and try again.',
    ],
    ['DECIMALS_NOT_SUPPORTED', 'amount_not_accepted_by_provider', 'PayPal did not accept the amount or its currency, so nothing was refunded. Check the amount and currency on the record.'],
  ])('records a 422 %s as %s, with what to do next and operator detail', async (issue, code, message) => {
    const body = payPalError('error_422', { schema: 'captures.refund-422', issue });
    expect(responseProblems('captures.refund', 422, body)).toEqual([]);
    givenToken();
    const scope = refundEndpoint(FULL_BODY).reply(422, body, PAYPAL_HEADERS);

    const outcome = await payPalProvider().refund(refundRequest());

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code,
        message,
        detail: {
          http_status: '422',
          paypal_name: 'UNPROCESSABLE_ENTITY',
          paypal_issue: issue,
          paypal_description: issueDescription('captures.refund-422', issue),
          paypal_message: UNPROCESSABLE,
          debug_id: DEBUG_ID,
          information_link: link(issue),
        },
      },
    });
    expect(sent).toEqual([tokenCall, theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    {
      name: 'PERMISSION_DENIED (403)',
      inSpec: true,
      http: 403,
      body: payPalError('error_403', { schema: '403', issue: 'PERMISSION_DENIED' }),
      code: 'provider_permission_denied',
      message:
        "This app's PayPal credentials may not refund this payment, so nothing was refunded. Ask a HubSpot admin to check that the PayPal app may issue refunds and belongs to the PayPal account that took the payment.",
      detail: {
        paypal_name: 'NOT_AUTHORIZED',
        paypal_issue: 'PERMISSION_DENIED',
        paypal_description: 'You do not have permission to access or perform operations on this resource.',
        paypal_message: 'Authorization failed due to insufficient permissions.',
        information_link: link('PERMISSION_DENIED'),
      },
    },
    {
      name: 'INVALID_RESOURCE_ID (404)',
      inSpec: true,
      http: 404,
      body: payPalError('error_404', { schema: '404', issue: 'INVALID_RESOURCE_ID' }),
      code: 'payment_not_found',
      message:
        'PayPal cannot find this payment, so nothing was refunded. Check that the record holds the PayPal capture id (not the order id) and that the app uses the PayPal account (live or sandbox) that took the payment.',
      detail: {
        paypal_name: 'RESOURCE_NOT_FOUND',
        paypal_issue: 'INVALID_RESOURCE_ID',
        paypal_description: 'Specified resource ID does not exist. Please check the resource ID and try again.',
        paypal_message: 'The specified resource does not exist.',
        information_link: link('INVALID_RESOURCE_ID'),
      },
    },
    {
      name: 'RESOURCE_NOT_FOUND without details (404)',
      inSpec: true,
      http: 404,
      body: payPalError('error_404'),
      code: 'payment_not_found',
      message:
        'PayPal cannot find this payment, so nothing was refunded. Check that the record holds the PayPal capture id (not the order id) and that the app uses the PayPal account (live or sandbox) that took the payment.',
      detail: { paypal_name: 'RESOURCE_NOT_FOUND', paypal_message: 'The specified resource does not exist.', information_link: link('RESOURCE_NOT_FOUND') },
    },
    {
      // https://developer.paypal.com/api/rest/reference/rate-limiting/ (not in the Payments spec); message as PayPal sends it.
      name: 'RATE_LIMIT_REACHED (429)',
      inSpec: false,
      http: 429,
      body: { name: 'RATE_LIMIT_REACHED', message: 'Too many requests. Blocked due to rate limiting.', debug_id: DEBUG_ID, links: [] },
      code: 'provider_rate_limited',
      message: 'PayPal is limiting requests from this app and did not process this refund; nothing was refunded. Try again in a few minutes.',
      detail: { paypal_name: 'RATE_LIMIT_REACHED', paypal_message: 'Too many requests. Blocked due to rate limiting.' },
    },
    {
      // An Orders v2 issue, not a refund issue in the Payments spec: read as PayPal's generic refusal.
      name: 'INSTRUMENT_DECLINED (422)',
      inSpec: false,
      http: 422,
      body: {
        ...payPalError('error_422'),
        details: [{ issue: 'INSTRUMENT_DECLINED', description: 'The instrument presented was either declined by the processor or bank, or it can\'t be used for this payment.' }],
      },
      code: 'invalid_request',
      message:
        "PayPal refused the refund, so nothing was refunded. The provider's reason is kept in the attempt's details for your admin.",
      detail: {
        paypal_name: 'UNPROCESSABLE_ENTITY',
        paypal_issue: 'INSTRUMENT_DECLINED',
        paypal_description: "The instrument presented was either declined by the processor or bank, or it can't be used for this payment.",
        paypal_message: UNPROCESSABLE,
        information_link: link('UNPROCESSABLE_ENTITY'),
      },
    },
    {
      name: 'INVALID_PARAMETER_SYNTAX (400)',
      inSpec: true,
      http: 400,
      body: {
        ...payPalError('error_400'),
        details: [{ field: '/amount/value', location: 'body', issue: 'INVALID_PARAMETER_SYNTAX', description: 'The value of a field does not conform to the expected format.' }],
      },
      code: 'invalid_request',
      message: "PayPal refused the refund, so nothing was refunded. The provider's reason is kept in the attempt's details for your admin.",
      detail: {
        paypal_name: 'INVALID_REQUEST',
        paypal_issue: 'INVALID_PARAMETER_SYNTAX',
        paypal_description: 'The value of a field does not conform to the expected format.',
        paypal_field: '/amount/value',
        paypal_message: 'Request is not well-formed, syntactically incorrect, or violates schema.',
        information_link: link('INVALID_REQUEST'),
      },
    },
  ])('records $name as a failed attempt', async ({ http, body, inSpec, code, message, detail }) => {
    if (inSpec) expect(responseProblems('captures.refund', http, body)).toEqual([]);
    givenToken();
    const scope = refundEndpoint(FULL_BODY).reply(http, body, PAYPAL_HEADERS);

    const outcome = await payPalProvider().refund(refundRequest());

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: { code, message, detail: { http_status: String(http), ...detail, debug_id: DEBUG_ID } },
    });
    expect(JSON.stringify(outcome)).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify(outcome)).not.toContain(CLIENT_SECRET);
    expect(sent).toEqual([tokenCall, theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('does not call PayPal when the deadline has already passed', async () => {
    const controller = new AbortController();
    controller.abort(deadlinePassed());

    await expect(payPalProvider().refund(refundRequest({ signal: controller.signal }))).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_sent',
        message: 'The time allowed for this refund ran out before PayPal was asked, so nothing was refunded. Try again.',
        detail: { reason: 'deadline_before_sending' },
      },
    });
    expect(sent).toEqual([]);
    expect(unmatched).toEqual([]);
  });
});
