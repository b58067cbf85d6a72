import nock from 'nock';
import { readSpecJson } from '../support/specs';
import { DEAL_QUERY, type E2eBackend, REP, STRIPE_BASE, STRIPE_KEY, dealFixture, startE2eBackend } from './e2e-backend';

/**
 * The amount paid is the provider's own figure where it can tell (design §3), through the backend as `npm start`
 * wires it: the Stripe adapter behind the secret-redacting wrapper, the PostgreSQL ledger, the card's read.
 */
const PAYMENT_INTENT = 'pi_3MtwBwLkdIwHu7ix28a3tqPb';
const paymentIntentExample = readSpecJson<{ resources: { payment_intent: Record<string, unknown> } }>('stripe/fixtures3.json').resources.payment_intent;

describe('the provider\'s figure of what was paid, end to end', () => {
  let e2e: E2eBackend;
  beforeAll(async () => {
    e2e = await startE2eBackend();
  });
  afterAll(() => e2e.stop());

  it('records Stripe\'s amount_received at the first read, warns that the record differs, and never asks again', async () => {
    const deal = dealFixture('779', PAYMENT_INTENT, '250.00');
    e2e.hubspot
      .expect({ method: 'GET', path: '/crm/v3/objects/deals/779', query: DEAL_QUERY }, { status: 200, body: deal }, { status: 200, body: deal })
      .expect({ method: 'GET', path: '/settings/v3/users/55' }, { status: 200, body: REP });
    let authorization: unknown;
    const stripe = nock(STRIPE_BASE)
      .get(`/v1/payment_intents/${PAYMENT_INTENT}`)
      .reply(function () {
        authorization = this.req.headers.authorization;
        return [200, { ...paymentIntentExample, id: PAYMENT_INTENT, status: 'succeeded', amount: 25000, amount_received: 20000, amount_capturable: 0, currency: 'usd' }];
      });

    const first = await e2e.signedFetch('GET', '/api/transactions/deals/779?userId=55&portalId=42');
    const warning = { code: 'amount_mismatch', message: 'The record says USD 250.00, but the provider says the payment was USD 200.00: refunds go by the payment.' };
    expect(first.body.transaction).toMatchObject({ amount: '200.00', refundable: '200.00', warnings: [warning] });
    expect(stripe.isDone()).toBe(true);
    expect(authorization).toBe(`Bearer ${STRIPE_KEY}`);

    // No interceptor is left for Stripe: a second question would fail and leave the record's 250.00.
    const second = await e2e.signedFetch('GET', '/api/transactions/deals/779?userId=55&portalId=42');
    expect(second.body.transaction).toMatchObject({ amount: '200.00', warnings: [warning] });
    expect(e2e.hubspot.problems()).toEqual([]);
  });
});
