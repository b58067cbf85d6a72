import { parseMoney } from '../../src/domain/money';
import { type Latency, type FakeAnswer, type FakeRequest, type Routed, bearerOf, fakeListener } from './fake-http';
import type { RouteCounter } from './route-stats';

export interface FakeStripeOptions {
  readonly latency: Latency;
  readonly secretKey: string;
  readonly counter: RouteCounter;
  /** what every bench deal says was paid (the fake HubSpot's `amount`), a decimal string in USD */
  readonly dealAmount: string;
}

const PAYMENT_INTENT = /^\/v1\/payment_intents\/(pi_[A-Za-z0-9]+)$/;

/**
 * Answers POST /v1/refunds like api.stripe.com: a Refund object shaped like `resources.refund` of
 * ../shared/specs/stripe/fixtures3.json, status succeeded, the amount taken from the form body. A repeated
 * Idempotency-Key gets the first answer again, as Stripe does. GET /v1/payment_intents/{id}, which the backend asks
 * once per payment for what it took, gets a succeeded PaymentIntent shaped like `resources.payment_intent`, having
 * received the deal's amount.
 */
export function fakeStripe(options: FakeStripeOptions) {
  const byIdempotencyKey = new Map<string, FakeAnswer>();
  let nextRefund = 1;
  let nextRead = 1;
  const parsed = parseMoney(options.dealAmount, 'USD');
  if (!parsed.ok) throw new Error(`the bench's deal amount is not a USD amount: "${options.dealAmount}"`);
  // JSON carries Stripe's integer as a number; the bench's deal amount has far fewer digits than a double holds exactly.
  const dealMinor = Number(parsed.money.minor);

  const paymentIntent = (request: FakeRequest, id: string): FakeAnswer => {
    if (bearerOf(request) !== options.secretKey) {
      return stripeError(401, 'invalid_request_error', 'Invalid API Key provided.', null);
    }
    const n = nextRead++;
    const created = Math.floor(Date.now() / 1000);
    return {
      status: 200,
      headers: { 'request-id': `req_benchread${n}` },
      body: {
        amount: dealMinor,
        amount_capturable: 0,
        amount_details: { tip: {} },
        amount_received: dealMinor,
        application: null,
        application_fee_amount: null,
        automatic_payment_methods: { enabled: true },
        canceled_at: null,
        cancellation_reason: null,
        capture_method: 'automatic',
        client_secret: `${id}_secret_bench${n}`,
        confirmation_method: 'automatic',
        created,
        currency: 'usd',
        customer: null,
        description: null,
        id,
        last_payment_error: null,
        latest_charge: `ch_benchread${n}`,
        livemode: false,
        metadata: {},
        next_action: null,
        object: 'payment_intent',
        on_behalf_of: null,
        payment_method: `pm_benchread${n}`,
        payment_method_configuration_details: null,
        payment_method_options: {},
        payment_method_types: ['card'],
        processing: null,
        receipt_email: null,
        review: null,
        setup_future_usage: null,
        shipping: null,
        statement_descriptor: null,
        statement_descriptor_suffix: null,
        status: 'succeeded',
        transfer_data: null,
        transfer_group: null,
        source: null,
        excluded_payment_method_types: null,
        customer_account: null,
        managed_payments: { enabled: false },
      },
    };
  };

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
    const intent = PAYMENT_INTENT.exec(request.url.pathname)?.[1];
    if (request.method === 'GET' && intent) return { route: 'GET /v1/payment_intents/{id}', answer: () => paymentIntent(request, intent) };
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
