import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeStripe } from '../../scripts/bench/fake-stripe';
import { BusyClock, RouteCounter } from '../../scripts/bench/route-stats';
import { createStripeProvider } from '../../src/adapters/providers/stripe/stripe-provider';
import { money } from '../../src/domain/money';
import type { AttemptId, IdempotencyKey } from '../../src/domain/ids';
import { readSpecJson } from '../support/specs';

/*
 * The bench's fake Stripe answers the backend's one read of each payment (what it took) as Stripe would, so that the
 * bench measures reads that get their answer rather than a failing provider call on each first read.
 */
const KEY = 'sk_test_bench';
const { payment_intent: example } = readSpecJson<{ resources: { payment_intent: Record<string, unknown> } }>('stripe/fixtures3.json').resources;

describe("the bench's fake Stripe", () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer(fakeStripe({ latency: { ms: 0 }, secretKey: KEY, counter: new RouteCounter(new BusyClock()), dealAmount: '100000.00' }).listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("answers a bench deal's PaymentIntent with Stripe's fields, succeeded, having received the deal's amount", async () => {
    const response = await fetch(`${url}/v1/payment_intents/pi_3Bench100001`, { headers: { authorization: `Bearer ${KEY}` } });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(Object.keys(body)).toEqual(Object.keys(example));
    expect(body).toMatchObject({ id: 'pi_3Bench100001', object: 'payment_intent', status: 'succeeded', amount: 10000000, amount_received: 10000000, currency: 'usd' });
  });

  it('is read by the Stripe adapter as the deal amount', async () => {
    const stripe = createStripeProvider({ secretKey: KEY, apiBase: url });

    await expect(stripe.paidAmount?.('pi_3Bench100001', new AbortController().signal)).resolves.toEqual(money(10000000n, 'USD'));
  });

  it('refuses another key, as Stripe does', async () => {
    const response = await fetch(`${url}/v1/payment_intents/pi_3Bench100001`, { headers: { authorization: 'Bearer sk_test_other' } });

    expect(response.status).toBe(401);
  });
});

/*
 * The fault drill (npm run drill) checks the ledger against what this fake holds, so the fake must keep Stripe's
 * rules the ledger relies on: never more than what is left, one refund per idempotency key, and a list a lookup
 * can page through.
 */
describe("the bench's fake Stripe, as the drill's Stripe", () => {
  let server: Server;
  let fake: ReturnType<typeof fakeStripe>;
  let stripe: ReturnType<typeof createStripeProvider>;
  beforeAll(async () => {
    fake = fakeStripe({ latency: { ms: 0 }, secretKey: KEY, counter: new RouteCounter(new BusyClock()), dealAmount: '2.50' });
    server = createServer(fake.listener);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stripe = createStripeProvider({ secretKey: KEY, apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const refund = (attempt: string, minor: bigint, key = `key-${attempt}`) =>
    stripe.refund({
      attemptId: attempt as AttemptId,
      idempotencyKey: key as IdempotencyKey,
      providerTransactionId: 'pi_3BenchPages1',
      amount: money(minor, 'USD'),
      isFullAmount: false,
      reason: 'requested_by_customer',
      cardLast4: null,
      signal: new AbortController().signal,
    });
  const lookup = (attempt: string) =>
    stripe.lookup({
      attemptId: attempt as AttemptId,
      idempotencyKey: `key-${attempt}` as IdempotencyKey,
      kind: 'refund',
      providerTransactionId: 'pi_3BenchPages1',
      providerRefundId: null,
      amount: money(1n, 'USD'),
      createdAt: new Date(),
      signal: new AbortController().signal,
    });

  it('keeps one refund per idempotency key, refuses more than is left, and pages its list for a lookup', async () => {
    const first = await refund('att_first', 1n);
    expect(first).toMatchObject({ status: 'succeeded' });
    await expect(refund('att_first', 1n)).resolves.toEqual(first);
    for (let i = 0; i < 130; i += 1) await expect(refund(`att_${i}`, 1n)).resolves.toMatchObject({ status: 'succeeded' });

    await expect(refund('att_too_much', 200n)).resolves.toMatchObject({ status: 'failed', failure: { code: 'amount_exceeds_refundable' } });
    await expect(lookup('att_first')).resolves.toEqual(first);
    await expect(lookup('att_never_sent')).resolves.toMatchObject({ status: 'failed', failure: { code: 'not_received_by_provider' } });
    const made = fake.state()['pi_3BenchPages1'];
    expect(made?.refunds).toHaveLength(131);
    expect(made?.refunds[0]).toEqual({ id: first.status === 'succeeded' ? first.providerRefundId : '', amount: 1, attemptId: 'att_first' });
  });
});
