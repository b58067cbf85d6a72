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
const REFUND = /^\/v1\/refunds\/(re_[A-Za-z0-9]+)$/;

/** Every refund the fake made, by payment intent, oldest first. */
export type StripeState = Record<string, { readonly received: number; readonly refunds: readonly { id: string; amount: number; attemptId: string | null }[] }>;

/**
 * Answers POST /v1/refunds like api.stripe.com: a Refund object shaped like `resources.refund` of
 * ../shared/specs/stripe/fixtures3.json, status succeeded, the amount taken from the form body. A repeated
 * Idempotency-Key gets the first answer again, as Stripe does, and a refund beyond what is left of the payment is
 * refused as Stripe refuses it. GET /v1/refunds lists a payment's refunds newest first, a page at a time
 * (`limit`, `starting_after`, `has_more`), and GET /v1/refunds/{id} reads one: what the backend's lookups ask.
 * GET /v1/payment_intents/{id}, which the backend asks once per payment for what it took, gets a succeeded
 * PaymentIntent shaped like `resources.payment_intent`, having received the deal's amount. `state()` is every
 * refund made, for the drill's checks.
 */
export function fakeStripe(options: FakeStripeOptions) {
  const byIdempotencyKey = new Map<string, FakeAnswer>();
  const refundsOf = new Map<string, Record<string, unknown>[]>();
  const refundById = new Map<string, Record<string, unknown>>();
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
    const target = paymentIntent ?? charge ?? '';
    const made = refundsOf.get(target) ?? [];
    const refunded = made.reduce((sum, earlier) => sum + (earlier.amount as number), 0);
    if (refunded >= dealMinor) {
      return remember(key, stripeError(400, 'invalid_request_error', `Charge ${target} has already been refunded.`, null, 'charge_already_refunded'));
    }
    if (refunded + Number.parseInt(amount, 10) > dealMinor) {
      const left = ((dealMinor - refunded) / 100).toFixed(2);
      return remember(key, stripeError(400, 'invalid_request_error', `Refund amount is greater than unrefunded amount on charge ($${left})`, 'amount', 'amount_too_large'));
    }
    const n = nextRefund++;
    const body: Record<string, unknown> = {
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
    };
    refundsOf.set(target, [...made, body]);
    refundById.set(body.id as string, body);
    return remember(key, { status: 200, headers: { 'request-id': `req_bench${n}` }, body });
  };

  const remember = (key: string | string[] | undefined, answer: FakeAnswer): FakeAnswer => {
    if (typeof key === 'string') byIdempotencyKey.set(key, answer);
    return answer;
  };

  const list = (request: FakeRequest): FakeAnswer => {
    if (bearerOf(request) !== options.secretKey) return stripeError(401, 'invalid_request_error', 'Invalid API Key provided.', null);
    const query = request.url.searchParams;
    const target = query.get('payment_intent') ?? query.get('charge');
    if (!target) return stripeError(400, 'invalid_request_error', 'The bench fake lists the refunds of one payment_intent or charge.', null);
    const limit = Math.min(100, Math.max(1, Number.parseInt(query.get('limit') ?? '10', 10) || 10));
    const newestFirst = [...(refundsOf.get(target) ?? [])].reverse();
    const after = query.get('starting_after');
    const from = after === null ? 0 : newestFirst.findIndex((refund) => refund.id === after) + 1;
    if (after !== null && from === 0) return stripeError(400, 'invalid_request_error', `No such refund: '${after}'`, 'starting_after');
    const data = newestFirst.slice(from, from + limit);
    return { status: 200, body: { object: 'list', data, has_more: from + limit < newestFirst.length, url: '/v1/refunds' } };
  };

  const retrieve = (request: FakeRequest, id: string): FakeAnswer => {
    if (bearerOf(request) !== options.secretKey) return stripeError(401, 'invalid_request_error', 'Invalid API Key provided.', null);
    const found = refundById.get(id);
    return found ? { status: 200, body: found } : stripeError(404, 'invalid_request_error', `No such refund: '${id}'`, 'id', 'resource_missing');
  };

  const state = (): StripeState =>
    Object.fromEntries(
      [...refundsOf].map(([target, made]) => [
        target,
        {
          received: dealMinor,
          refunds: made.map((refund) => ({
            id: refund.id as string,
            amount: refund.amount as number,
            attemptId: (refund.metadata as Record<string, string>).attempt_id ?? null,
          })),
        },
      ]),
    );

  const route = (request: FakeRequest): Routed => {
    if (request.method === 'POST' && request.url.pathname === '/v1/refunds') return { route: 'POST /v1/refunds', answer: () => refund(request) };
    if (request.method === 'GET' && request.url.pathname === '/v1/refunds') return { route: 'GET /v1/refunds', answer: () => list(request) };
    const refundId = REFUND.exec(request.url.pathname)?.[1];
    if (request.method === 'GET' && refundId) return { route: 'GET /v1/refunds/{id}', answer: () => retrieve(request, refundId) };
    const intent = PAYMENT_INTENT.exec(request.url.pathname)?.[1];
    if (request.method === 'GET' && intent) return { route: 'GET /v1/payment_intents/{id}', answer: () => paymentIntent(request, intent) };
    return {
      route: `${request.method} ${request.url.pathname} (unknown)`,
      answer: () => stripeError(404, 'invalid_request_error', `Unrecognized request URL (${request.method}: ${request.url.pathname}).`, null),
    };
  };

  return { listener: fakeListener(options.latency, options.counter, route), state };
}

function stripeError(status: number, type: string, message: string, param: string | null, code?: string): FakeAnswer {
  return { status, body: { error: { type, message, ...(code ? { code } : {}), ...(param ? { param } : {}) } } };
}
