import nock from 'nock';
import { payPalModule } from '../../../src/adapters/providers/paypal/paypal-module';
import { systemClock } from '../../../src/ports/clock';
import { NEVER_MS } from '../../support/provider-timing';
import { formatMoney } from '../../../src/domain/money';
import {
  ACCESS_TOKEN,
  BASIC_AUTH,
  CAPTURE_ID,
  CLIENT_ID,
  CLIENT_SECRET,
  PAYPAL_API,
  PAYPAL_HEADERS,
  captureFixture,
  payPalError,
  refundFixture,
  tokenFixture,
} from '../../adapters/paypal/paypal-fixtures';
import { type ContractDriver, type ExpectedCall, passing } from '../contract-driver';

/*
 * PayPal Payments v2 behind nock, answers built from the published spec (test/adapters/paypal/paypal-fixtures). The
 * adapter caches its OAuth token, so one provider instance asks for it once across scenarios: every scenario offers a
 * token answer, optional, and the API interceptors accept the one token it hands out.
 */
const PAYMENT = { transactionId: CAPTURE_ID, currency: 'USD', amount: '100.00', cardLast4: null } as const;

function offerToken(): void {
  nock(PAYPAL_API)
    .matchHeader('authorization', BASIC_AUTH)
    .matchHeader('content-type', 'application/x-www-form-urlencoded')
    .post('/v1/oauth2/token', 'grant_type=client_credentials')
    .optionally()
    .reply(200, tokenFixture(), { 'Content-Type': 'application/json' });
}

/** Full refund: no amount. Partial: the amount, in PayPal's units (USD keeps its two decimals). Both name the attempt as custom_id. */
function bodyOf(call: ExpectedCall): string {
  return call.full
    ? JSON.stringify({ custom_id: call.attemptId })
    : JSON.stringify({ amount: { value: formatMoney(call.amount), currency_code: call.amount.currency }, custom_id: call.attemptId });
}

/** POST /v2/payments/captures/{id}/refund with the token, the call's PayPal-Request-Id and exactly its body. */
function refundOf(call: ExpectedCall): nock.Interceptor {
  offerToken();
  return nock(PAYPAL_API)
    .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
    .matchHeader('paypal-request-id', call.idempotencyKey)
    .matchHeader('content-type', 'application/json')
    .matchHeader('prefer', 'return=representation')
    .post(`/v2/payments/captures/${CAPTURE_ID}/refund`, bodyOf(call));
}

const refunded = (call: ExpectedCall, changes: { id?: string; status?: string } = {}) =>
  refundFixture({ ...changes, value: formatMoney(call.amount), currency: call.amount.currency });

const NO_LIST =
  'PayPal lists no refunds of a capture (Payments v2 spec): the lookup sends the refund again under its PayPal-Request-Id, and PayPal answers with that request\'s own refund however many others the capture has.';

export const driver: ContractDriver = {
  name: 'paypal',
  payment: PAYMENT,
  createProvider: () => payPalModule.create({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiBase: PAYPAL_API, webhookId: null }, { clock: systemClock }),
  acceptRefund(call, refundId) {
    refundOf(call).reply(201, refunded(call, { id: refundId }), PAYPAL_HEADERS);
  },
  refuseOverRefund(call) {
    refundOf(call).reply(422, payPalError('error_422', { schema: 'captures.refund-422', issue: 'REFUND_AMOUNT_EXCEEDED' }), PAYPAL_HEADERS);
  },
  declineRefund(call) {
    // PayPal creates the refund and reports it FAILED (Payments v2 spec, refund_status) when the money cannot go back.
    refundOf(call).reply(201, refunded(call, { id: '5JA47360CV6587023', status: 'FAILED' }), PAYPAL_HEADERS);
  },
  neverAnswer(call, deadlinePasses) {
    refundOf(call)
      .delay(NEVER_MS)
      .reply(passing(deadlinePasses, [201, refunded(call, { id: '9TY56329PL8403816' }), PAYPAL_HEADERS]));
  },
  lookupFinds(call, refundId) {
    // The adapter reads the capture (to send the same body again), then resends the refund with the same PayPal-Request-Id.
    nock(PAYPAL_API)
      .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
      .get(`/v2/payments/captures/${CAPTURE_ID}`)
      .reply(200, captureFixture(PAYMENT.amount, PAYMENT.currency), PAYPAL_HEADERS);
    refundOf(call).reply(201, refunded(call, { id: refundId }), PAYPAL_HEADERS);
  },
  lookupFindsBeyondFirstPage: () => undefined,
  lookupCutOff: () => undefined,
  reportLateFailure(call, refundId) {
    offerToken();
    nock(PAYPAL_API)
      .matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`)
      .get(`/v2/payments/refunds/${refundId}`)
      .reply(200, refunded(call, { id: refundId, status: 'FAILED' }), PAYPAL_HEADERS);
  },
  skips: {
    'a refund made outside': `${NO_LIST} Refunds made in PayPal arrive by its PAYMENT.CAPTURE.REFUNDED webhook (test/webhooks/paypal-webhooks.test.ts).`,
    "refund beyond the first page of the provider's list": NO_LIST,
    'list cut off before its end stays unknown': `${NO_LIST} Past the 45 days PayPal keeps a PayPal-Request-Id the lookup stays unknown (paypal-lookup.test.ts).`,
    'void where allowed':
      'PayPal voids authorizations, not captures: a captured PayPal payment can only be refunded, so the adapter has no voids.',
  },
};
