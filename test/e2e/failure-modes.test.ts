import nock from 'nock';
import { syncCrm } from '../../src/application/crm-write/sync-crm';
import { hubSpotError, rateLimited } from '../support/hubspot-mock';
import { DEAL_QUERY, type E2eBackend, REP, STRIPE_BASE, createdNote, dealFixture, startE2eBackend, stripeRefundFixture } from './e2e-backend';

/** What the checklist throws at a real deployment: rate limits, outages, declines, silence, double clicks. */
describe('refund end to end when things go wrong', () => {
  let e2e: E2eBackend;
  beforeAll(async () => {
    e2e = await startE2eBackend({ env: { PROVIDER_TIMEOUT_MS: '1000' } });
    e2e.hubspot.expect({ method: 'GET', path: '/settings/v3/users/55' }, { status: 200, body: REP });
  });
  afterAll(() => e2e.stop());
  afterEach(() => {
    expect(e2e.hubspot.problems()).toEqual([]);
  });

  const anyNote = (body: unknown) => typeof (body as { properties?: { hs_note_body?: unknown } })?.properties?.hs_note_body === 'string';
  const anyProperties = (body: unknown) => typeof (body as { properties?: { refund_status?: unknown } })?.properties?.refund_status === 'string';
  const refundBody = (key: string, amount = '10.00') => ({ amount, reason: 'duplicate', idempotencyKey: key });
  const refundReply = (amount: number) => [200, { ...stripeRefundFixture, id: `re_${amount}_${Math.random().toString(36).slice(2, 10)}`, amount }] as const;

  function expectWriteBack(dealId: string) {
    e2e.hubspot
      .expect({ method: 'PATCH', path: `/crm/v3/objects/deals/${dealId}`, bodyMatches: anyProperties }, { status: 200, body: dealFixture(dealId, 'pi_x', '1') })
      .expect({ method: 'POST', path: '/crm/v3/objects/notes', bodyMatches: anyNote }, createdNote(`9${dealId}`));
  }

  it('retries a HubSpot 429 on the record read and refunds', async () => {
    e2e.hubspot.expect(
      { method: 'GET', path: '/crm/v3/objects/deals/801', query: DEAL_QUERY },
      rateLimited('TEN_SECONDLY_ROLLING', { 'Retry-After': '0' }),
      { status: 200, body: dealFixture('801', 'pi_3E2eRateLimited801', '100.00') },
    );
    const stripe = nock(STRIPE_BASE).post('/v1/refunds').reply(...refundReply(1000));
    expectWriteBack('801');
    const response = await e2e.signedFetch('POST', '/api/transactions/deals/801/refunds?userId=55&portalId=42', refundBody('e2e-rate-limit-1'));
    expect(response.status).toBe(201);
    expect(stripe.isDone()).toBe(true);
    expect(e2e.hubspot.count('GET', '/crm/v3/objects/deals/801')).toBe(2);
  });

  it('answers 503 CRM_UNAVAILABLE and refunds nothing when HubSpot keeps failing on the read', async () => {
    const failing = hubSpotError(500, 'INTERNAL_ERROR', 'internal error');
    e2e.hubspot.expect({ method: 'GET', path: '/crm/v3/objects/deals/802', query: DEAL_QUERY }, failing, failing, failing);
    const response = await e2e.signedFetch('POST', '/api/transactions/deals/802/refunds?userId=55&portalId=42', refundBody('e2e-outage-1'));
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe('CRM_UNAVAILABLE');
  });

  it('keeps the refund when the write-back fails, and delivers it from the outbox later', async () => {
    const failing = hubSpotError(500, 'INTERNAL_ERROR', 'internal error');
    e2e.hubspot
      .expect({ method: 'GET', path: '/crm/v3/objects/deals/803', query: DEAL_QUERY }, { status: 200, body: dealFixture('803', 'pi_3E2eWriteBackFails803', '100.00') })
      .expect({ method: 'PATCH', path: '/crm/v3/objects/deals/803', bodyMatches: anyProperties }, failing, failing, failing);
    nock(STRIPE_BASE).post('/v1/refunds').reply(...refundReply(1000));
    const response = await e2e.signedFetch('POST', '/api/transactions/deals/803/refunds?userId=55&portalId=42', refundBody('e2e-write-back-1'));
    expect(response.status).toBe(201);
    expect(response.body.attempt.status).toBe('succeeded');
    expect(await e2e.backend.deps.outbox.backlog()).toBe(1);

    expectWriteBack('803');
    const later = { ...e2e.backend.deps, clock: { now: () => new Date(Date.now() + 60_000) } };
    expect(await syncCrm(later)).toEqual({ delivered: 1, failed: 0 });
    expect(await e2e.backend.deps.outbox.backlog()).toBe(0);
  });

  it('records a Stripe decline as a failed attempt (201), and the amount stays refundable', async () => {
    e2e.hubspot.expect({ method: 'GET', path: '/crm/v3/objects/deals/804', query: DEAL_QUERY }, { status: 200, body: dealFixture('804', 'pi_3E2eDeclined804', '100.00') });
    nock(STRIPE_BASE)
      .post('/v1/refunds')
      .reply(402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' } }, { 'request-id': 'req_decline' });
    expectWriteBack('804');
    const response = await e2e.signedFetch('POST', '/api/transactions/deals/804/refunds?userId=55&portalId=42', refundBody('e2e-decline-1'));
    expect(response.status).toBe(201);
    expect(response.body.attempt).toMatchObject({ status: 'failed', failure: { code: expect.any(String), message: expect.any(String) } });
    expect(response.body.transaction).toMatchObject({ refundable: '100.00', refundStatus: 'not_refunded' });
  });

  it('records a Stripe that never answers as unknown (202) within the time budget', async () => {
    e2e.hubspot.expect({ method: 'GET', path: '/crm/v3/objects/deals/805', query: DEAL_QUERY }, { status: 200, body: dealFixture('805', 'pi_3E2eSilent805', '100.00') });
    nock(STRIPE_BASE).post('/v1/refunds').delay(5_000).reply(...refundReply(1000));
    expectWriteBack('805');
    const started = Date.now();
    const response = await e2e.signedFetch('POST', '/api/transactions/deals/805/refunds?userId=55&portalId=42', refundBody('e2e-silent-1'));
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(response.status).toBe(202);
    expect(response.body.attempt.status).toBe('unknown');
    expect(response.body.transaction).toMatchObject({ refundable: '90.00', refundStatus: 'refund_pending' });
    nock.abortPendingRequests();
  });

  it('sends Stripe one refund when the same key arrives 10 times at once', async () => {
    const deal = { status: 200, body: dealFixture('806', 'pi_3E2eDoubleClick806', '100.00') };
    e2e.hubspot.expect({ method: 'GET', path: '/crm/v3/objects/deals/806', query: DEAL_QUERY }, ...Array.from({ length: 10 }, () => deal));
    let stripeCalls = 0;
    nock(STRIPE_BASE)
      .post('/v1/refunds')
      .times(10)
      .reply(() => {
        stripeCalls += 1;
        return refundReply(2500);
      });
    expectWriteBack('806');
    const responses = await Promise.all(Array.from({ length: 10 }, () => e2e.signedFetch('POST', '/api/transactions/deals/806/refunds?userId=55&portalId=42', refundBody('e2e-double-click', '25.00'))));
    expect(stripeCalls).toBe(1);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    nock.cleanAll();
  });
});
