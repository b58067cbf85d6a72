import nock from 'nock';
import { formatMinor } from '../../../src/domain/money';
import { PAYMENT_INTENT, SECRET_KEY, STRIPE_API, STRIPE_HEADERS, STRIPE_VERSION, refundFixture, stripeError, stripeProvider } from '../../adapters/stripe/stripe-nock';
import type { ContractDriver, ExpectedCall } from '../contract-driver';

/** Stripe's minor units are ours for USD: the exact form Stripe receives for one refund of the payment intent. */
function refundForm(call: ExpectedCall): Record<string, string> {
  return {
    payment_intent: PAYMENT_INTENT,
    amount: call.amount.minor.toString(),
    reason: 'requested_by_customer',
    'metadata[attempt_id]': call.attemptId,
  };
}

function refundsPost(call: ExpectedCall): nock.Interceptor {
  return nock(STRIPE_API)
    .matchHeader('authorization', `Bearer ${SECRET_KEY}`)
    .matchHeader('idempotency-key', call.idempotencyKey)
    .matchHeader('stripe-version', STRIPE_VERSION)
    .matchHeader('content-type', 'application/x-www-form-urlencoded')
    .post('/v1/refunds', (body: Record<string, string>) => JSON.stringify(body) === JSON.stringify(refundForm(call)));
}

function refund(call: ExpectedCall, id: string, status: string, extra: Record<string, unknown> = {}) {
  return { ...refundFixture({ id, amount: Number(call.amount.minor), currency: 'usd', status, payment_intent: PAYMENT_INTENT }), metadata: { attempt_id: call.attemptId }, ...extra };
}

export const driver: ContractDriver = {
  name: 'stripe',
  payment: { transactionId: PAYMENT_INTENT, currency: 'USD', amount: '100.00', cardLast4: null },
  createProvider: (timeoutMs) => stripeProvider(timeoutMs),
  acceptRefund(call, refundId) {
    refundsPost(call).reply(200, refund(call, refundId, 'succeeded'), STRIPE_HEADERS);
  },
  refuseOverRefund(call) {
    refundsPost(call).reply(
      400,
      stripeError({
        type: 'invalid_request_error',
        code: 'amount_too_large',
        param: 'amount',
        message: `Refund amount ($${formatMinor(call.amount.minor, 'USD')}) is greater than unrefunded amount on charge ($0.00)`,
      }),
      STRIPE_HEADERS,
    );
  },
  declineRefund(call) {
    refundsPost(call).reply(200, refund(call, 're_declined', 'failed', { failure_reason: 'declined' }), STRIPE_HEADERS);
  },
  neverAnswer(call) {
    refundsPost(call).delay(3_000).reply(200, refund(call, 're_late', 'succeeded'), STRIPE_HEADERS);
  },
  lookupFinds(call, refundId) {
    nock(STRIPE_API)
      .matchHeader('authorization', `Bearer ${SECRET_KEY}`)
      .get('/v1/refunds')
      .query({ payment_intent: PAYMENT_INTENT, limit: '100' })
      .reply(200, { object: 'list', url: '/v1/refunds', has_more: false, data: [refund(call, refundId, 'succeeded')] }, STRIPE_HEADERS);
  },
  skips: {
    'void where allowed': 'Stripe has no void of a captured payment: an unsettled one is refunded like any other',
  },
};
