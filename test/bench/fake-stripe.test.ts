import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeStripe } from '../../scripts/bench/fake-stripe';
import { BusyClock, RouteCounter } from '../../scripts/bench/route-stats';
import { createStripeProvider } from '../../src/adapters/providers/stripe/stripe-provider';
import { money } from '../../src/domain/money';
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
    server = createServer(fakeStripe({ latency: { ms: 0 }, secretKey: KEY, counter: new RouteCounter(new BusyClock()), dealAmount: '100000.00' }));
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
