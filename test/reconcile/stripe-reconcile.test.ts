import nock from 'nock';
import { reconcileRecent } from '../../src/application/reconcile/reconcile-recent';
import { refundFixture, refundList, refundListEndpoint, STRIPE_HEADERS, stripeProvider, takeLeftovers } from '../adapters/stripe/stripe-nock';
import { DEAL, webhookHarness } from '../webhooks/webhook-harness';

/* Reconciliation with Stripe: GET /v1/refunds of each recent payment, every page, compared with the ledger. */

const PAYMENT_INTENT = 'pi_3PgcReconcile0001';
const harness = webhookHarness('stripe', () => null, () => stripeProvider());
const since = () => new Date(Date.now() - 7 * 86_400_000);

afterEach(() => {
  const { pending } = takeLeftovers();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('Stripe reconciliation', () => {
  it('records a late failure and a refund made in the Dashboard, once, however often it runs', async () => {
    const payment = await harness.seePayment(PAYMENT_INTENT);
    const ours = await harness.appRefund(payment, 2000n, { status: 'succeeded', providerRefundId: 're_3PgcOurs00001' });
    const refunds = [
      refundFixture({ id: 're_3PgcOutside001', amount: 1500, currency: 'usd', status: 'succeeded', payment_intent: PAYMENT_INTENT, charge: 'ch_3PgcReconcile01', metadata: {} }),
      refundFixture({ id: 're_3PgcOurs00001', amount: 2000, currency: 'usd', status: 'failed', failure_reason: 'lost_or_stolen_card', payment_intent: PAYMENT_INTENT, metadata: { attempt_id: ours } }),
    ];
    for (let run = 0; run < 2; run += 1) refundListEndpoint({ payment_intent: PAYMENT_INTENT, limit: '100' }).reply(200, refundList(refunds, false), STRIPE_HEADERS);

    const first = await reconcileRecent(harness.backend.deps, since());
    expect(first).toMatchObject({ payments: 1, lateFailures: 1, outsideRecorded: 1, updated: 0, byProvider: { stripe: { payments: 1, complete: 1, gaps: [] } } });
    const second = await reconcileRecent(harness.backend.deps, since());
    expect(second).toMatchObject({ payments: 1, lateFailures: 0, outsideRecorded: 0, updated: 0 });

    const attempts = await harness.backend.attemptsOf(DEAL);
    expect(attempts.map((attempt) => [attempt.origin, attempt.status, attempt.amountMinor])).toEqual(
      expect.arrayContaining([['app', 'failed', 2000n], ['provider', 'succeeded', 1500n]]),
    );
    expect(attempts.find((attempt) => attempt.id === ours)?.failure?.code).toBe('refund_failed_late');
    expect(await harness.properties()).toMatchObject({ refunded_amount: '15.00', last_refund_attempt_status: 'failed' });
    expect(await harness.notes()).toHaveLength(2);
  });

  it('leaves payments alone that did not change in the window', async () => {
    await harness.seePayment(PAYMENT_INTENT);
    expect(await reconcileRecent(harness.backend.deps, new Date(Date.now() + 60_000))).toMatchObject({ payments: 0 });
  });

  it('says when Stripe could not be asked, and changes nothing', async () => {
    await harness.seePayment(PAYMENT_INTENT);
    refundListEndpoint({ payment_intent: PAYMENT_INTENT, limit: '100' }).reply(500, { error: { type: 'api_error', message: 'Something went wrong' } }, STRIPE_HEADERS);
    expect(await reconcileRecent(harness.backend.deps, since())).toMatchObject({ payments: 1, byProvider: { stripe: { unavailable: 1 } } });
    expect(await harness.backend.attemptsOf(DEAL)).toEqual([]);
  });
});
