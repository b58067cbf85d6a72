import { type Latency, type FakeAnswer, type FakeRequest, type Routed, bearerOf, fakeListener } from './fake-http';
import type { RouteCounter } from './route-stats';

export interface FakeStripeOptions {
  readonly latency: Latency;
  readonly secretKey: string;
  readonly counter: RouteCounter;
}

/**
 * Answers POST /v1/refunds like api.stripe.com: a Refund object shaped like `resources.refund` of
 * ../shared/specs/stripe/fixtures3.json, status succeeded, the amount taken from the form body. A repeated
 * Idempotency-Key gets the first answer again, as Stripe does.
 */
export function fakeStripe(options: FakeStripeOptions) {
  const byIdempotencyKey = new Map<string, FakeAnswer>();
  let nextRefund = 1;

  const refund = (request: FakeRequest): FakeAnswer => {
    if (bearerOf(request) !== options.secretKey) {
      return stripeError(401, 'invalid_request_error', 'Invalid API Key provided.', null);
    }
    const key = request.headers['idempotency-key'];
    const replay = typeof key === 'string' ? byIdempotencyKey.get(key) : undefined;
    if (replay) return { ...replay, headers: { ...replay.headers, 'idempotent-replayed': 'true' } };

    const form = new URLSearchParams(request.body);
    const amount = form.get('amount') ?? '';
    const paymentIntent = form.get('payment_intent');
    const charge = form.get('charge');
    if (!/^[1-9]\d{0,15}$/.test(amount)) return stripeError(400, 'invalid_request_error', 'Invalid positive integer', 'amount');
    if (!paymentIntent && !charge) return stripeError(400, 'invalid_request_error', 'One of the following params should be provided for this request: payment_intent or charge.', null);
    const metadata: Record<string, string> = {};
    for (const [name, value] of form) {
      const field = /^metadata\[(.+)\]$/.exec(name)?.[1];
      if (field) metadata[field] = value;
    }
    const n = nextRefund++;
    const answer: FakeAnswer = {
      status: 200,
      headers: { 'request-id': `req_bench${n}` },
      body: {
        // The fake keeps Stripe's integer amount as the digits it was sent; JSON carries them as a number.
        amount: Number.parseInt(amount, 10),
        balance_transaction: `txn_bench${n}`,
        charge: charge ?? `ch_bench${n}`,
        created: Math.floor(Date.now() / 1000),
        currency: 'usd',
        destination_details: { card: { type: 'reversal' }, type: 'card' },
        id: `re_bench${n}`,
        metadata,
        object: 'refund',
        payment_intent: paymentIntent,
        reason: form.get('reason'),
        receipt_number: null,
        source_transfer_reversal: null,
        status: 'succeeded',
        transfer_reversal: null,
        customer: null,
        customer_account: null,
        payment_method: null,
      },
    };
    if (typeof key === 'string') byIdempotencyKey.set(key, answer);
    return answer;
  };

  const route = (request: FakeRequest): Routed => {
    if (request.method === 'POST' && request.url.pathname === '/v1/refunds') return { route: 'POST /v1/refunds', answer: () => refund(request) };
    return {
      route: `${request.method} ${request.url.pathname} (unknown)`,
      answer: () => stripeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${request.url.pathname}).`, null),
    };
  };

  return fakeListener(options.latency, options.counter, route);
}

function stripeError(status: number, type: string, message: string, param: string | null): FakeAnswer {
  return { status, body: { error: { type, message, ...(param ? { param } : {}) } } };
}
