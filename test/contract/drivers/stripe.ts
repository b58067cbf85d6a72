import nock from 'nock';
import { formatMinor } from '../../../src/domain/money';
import {
  PAYMENT_INTENT,
  SECRET_KEY,
  STRIPE_API,
  STRIPE_HEADERS,
  STRIPE_VERSION,
  otherRefunds,
  refundFixture,
  refundList,
  stripeError,
  stripeProvider,
} from '../../adapters/stripe/stripe-nock';
import { NEVER_MS } from '../../support/provider-timing';
import { type ContractDriver, type ExpectedCall, passing } from '../contract-driver';

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

/** GET /v1/refunds of the payment intent with our key, 100 a page, after `after` when given (exactly this query). */
function refundsPage(after?: string): nock.Interceptor {
  return nock(STRIPE_API)
    .matchHeader('authorization', `Bearer ${SECRET_KEY}`)
    .get('/v1/refunds')
    .query({ payment_intent: PAYMENT_INTENT, limit: '100', ...(after === undefined ? {} : { starting_after: after }) });
}

/** A first page of 100 refunds made after the attempt's (Stripe lists newest first), with more to come. */
function newerPage(): string {
  const newer = otherRefunds(100);
  refundsPage().reply(200, refundList(newer, true), STRIPE_HEADERS);
  return String(newer.at(-1)?.id);
}

export const driver: ContractDriver = {
  name: 'stripe',
  payment: { transactionId: PAYMENT_INTENT, currency: 'USD', amount: '100.00', cardLast4: null },
  createProvider: () => stripeProvider(),
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
  neverAnswer(call, deadlinePasses) {
    refundsPost(call).delay(NEVER_MS).reply(passing(deadlinePasses, [200, refund(call, 're_late', 'succeeded'), STRIPE_HEADERS]));
  },
  lookupFinds(call, refundId) {
    refundsPage().reply(200, refundList([refund(call, refundId, 'succeeded')], false), STRIPE_HEADERS);
  },
  lookupFindsBeyondFirstPage(call, refundId) {
    const after = newerPage();
    refundsPage(after).reply(200, refundList([...otherRefunds(2, 101), refund(call, refundId, 'succeeded')], false), STRIPE_HEADERS);
  },
  lookupCutOff(call, deadlinePasses) {
    const after = newerPage();
    refundsPage(after).delay(NEVER_MS).reply(passing(deadlinePasses, [200, refundList([refund(call, 're_late', 'succeeded')], false), STRIPE_HEADERS]));
  },
  reportLateFailure(call, refundId) {
    refundsPage().reply(200, refundList([refund(call, refundId, 'failed', { failure_reason: 'expired_or_canceled_card' })], false), STRIPE_HEADERS);
  },
  reportOutsideRefund(amount, refundId) {
    const made = { ...refundFixture({ id: refundId, amount: Number(amount.minor), currency: 'usd', status: 'succeeded', payment_intent: PAYMENT_INTENT }), metadata: {} };
    refundsPage().reply(200, refundList([made], false), STRIPE_HEADERS);
  },
  skips: {
    'void where allowed': 'Stripe has no void of a captured payment: an unsettled one is refunded like any other',
  },
};
