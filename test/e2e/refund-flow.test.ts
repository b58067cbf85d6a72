import nock from 'nock';
import { DEAL_QUERY, type E2eBackend, REP, STRIPE_BASE, dealFixture, startE2eBackend, stripeRefundFixture } from './e2e-backend';

/**
 * The whole backend as `npm start` wires it (PostgreSQL ledger, HubSpot and Stripe adapters), with only the two
 * services we do not own replaced by nock, driven over HTTP signed the way HubSpot signs hubspot.fetch.
 */
const NOW = new Date('2026-11-23T12:00:00.000Z');
const ATTEMPT_ID = '0b8a4a51-7d7e-4d8e-9b55-0c7c2f1d9e01';

describe('refund end to end: signed HTTP → ledger → Stripe → HubSpot', () => {
  let e2e: E2eBackend;

  beforeAll(async () => {
    e2e = await startE2eBackend({ clock: { now: () => NOW }, newId: () => ATTEMPT_ID });
  });
  afterAll(() => e2e.stop());
  const signedFetch: E2eBackend['signedFetch'] = (...args) => e2e.signedFetch(...args);
  const deal = dealFixture('777', 'pi_3MtwBwLkdIwHu7ix28a3tqPa', '250.00');

  it('reads with one HubSpot call (plus the user once), refunds with three, and sends Stripe exactly what it needs', async () => {
    e2e.hubspot
      .expect({ method: 'GET', path: '/crm/v3/objects/deals/777', query: DEAL_QUERY }, { status: 200, body: deal }, { status: 200, body: deal })
      .expect({ method: 'GET', path: '/settings/v3/users/55' }, { status: 200, body: REP });
    const read = await signedFetch('GET', '/api/transactions/deals/777?userId=55&userEmail=rep%40example.com&appId=9&portalId=42');
    expect(read.status).toBe(200);
    expect(read.body.viewer).toEqual({ canRefund: true, canVoid: false, canApprove: false, approvalAbove: null, approvalBy: null, maxRefundAmount: null, dailyRemaining: null, noteRequiredFor: ['other'], denyReason: null });
    expect(e2e.hubspot.requests).toHaveLength(2);

    let stripeForm: Record<string, string> = {};
    let stripeHeaders: Record<string, string | string[]> = {};
    const stripe = nock(STRIPE_BASE)
      .post('/v1/refunds')
      .reply(function (_uri, body) {
        stripeForm = Object.fromEntries(new URLSearchParams(String(body)));
        stripeHeaders = this.req.headers;
        return [200, { ...stripeRefundFixture, id: 're_3MtwBwLkdIwHu7ix0ZYmdJbq', amount: 10050, charge: 'ch_3MtwBwLkdIwHu7ix28a3tqPa', payment_intent: 'pi_3MtwBwLkdIwHu7ix28a3tqPa', reason: 'requested_by_customer', metadata: { attempt_id: ATTEMPT_ID } }, { 'request-id': 'req_e2e1' }];
      });
    const properties = {
      refund_status: 'partially_refunded',
      refunded_amount: '100.50',
      refund_count: '1',
      last_refund_at: NOW.toISOString(),
      last_refund_reason: 'requested_by_customer',
      last_refund_attempt_status: 'succeeded',
    };
    e2e.hubspot
      .expect({ method: 'PATCH', path: '/crm/v3/objects/deals/777', body: { properties } }, { status: 200, body: { ...deal, properties: { ...properties, hs_object_id: '777' } } })
      .expect(
        {
          method: 'POST',
          path: '/crm/v3/objects/notes',
          body: {
            properties: {
              hs_timestamp: NOW.toISOString(),
              hs_note_body:
                '<p><strong>Refund succeeded</strong>: USD 100.50 via Stripe</p><ul>' +
                '<li><strong>Amount:</strong> USD 100.50</li><li><strong>Status:</strong> succeeded</li>' +
                '<li><strong>Requested by:</strong> Rae Rep (rep@example.com)</li><li><strong>Reason:</strong> Requested by customer</li>' +
                '<li><strong>Note:</strong> Returned 2 of 5 seats &#60;per call&#62;</li>' +
                '<li><strong>Provider refund id:</strong> re_3MtwBwLkdIwHu7ix0ZYmdJbq</li>' +
                `<li><strong>Attempt id:</strong> ${ATTEMPT_ID}</li></ul>`,
            },
            associations: [{ to: { id: '777' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 214 }] }],
          },
        },
        { status: 201, body: { id: '90001', properties: { hs_timestamp: NOW.toISOString() }, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString(), archived: false } },
      );

    const refund = await signedFetch('POST', '/api/transactions/deals/777/refunds?userId=55&portalId=42', {
      amount: '100.5',
      reason: 'requested_by_customer',
      note: 'Returned 2 of 5 seats <per call>',
      idempotencyKey: 'card-form-7f3a9c',
    });
    expect(refund.status).toBe(201);
    expect(refund.body.attempt).toMatchObject({ id: ATTEMPT_ID, status: 'succeeded', amount: '100.50', providerRefundId: 're_3MtwBwLkdIwHu7ix0ZYmdJbq' });
    expect(refund.body.transaction).toMatchObject({ refunded: '100.50', refundable: '149.50', refundStatus: 'partially_refunded' });

    expect(stripe.isDone()).toBe(true);
    expect(stripeForm).toEqual({ payment_intent: 'pi_3MtwBwLkdIwHu7ix28a3tqPa', amount: '10050', reason: 'requested_by_customer', 'metadata[attempt_id]': ATTEMPT_ID });
    expect(stripeHeaders['idempotency-key']).toBe('card-form-7f3a9c');
    expect(stripeHeaders.authorization).toBe('Bearer sk_test_e2e0000000000000000');
    expect(e2e.hubspot.requests.slice(2).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /crm/v3/objects/deals/777',
      'PATCH /crm/v3/objects/deals/777',
      'POST /crm/v3/objects/notes',
    ]);
    expect(e2e.hubspot.problems()).toEqual([]);
  });
});
