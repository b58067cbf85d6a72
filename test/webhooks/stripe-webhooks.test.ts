import { stripeWebhookReceiver } from '../../src/adapters/providers/stripe/stripe-webhooks';
import type { PaymentProvider } from '../../src/ports/payment-provider';
import type { RefundListing } from '../../src/ports/provider-reports';
import { fakeProvider } from '../support/fake-provider';
import { CHARGE, chargeObject, disputeObject, PAYMENT_INTENT, refundObject, SIGNING_SECRET, stripeEvent, stripeSignature } from './stripe-events';
import { DEAL, webhookHarness } from './webhook-harness';

/* POST /webhooks/stripe: Stripe-Signature checked by the SDK, events applied once, through the real ledger and CRM outbox. */

const NOW = new Date('2026-12-01T12:00:00Z');
let listing: RefundListing = { kind: 'complete', refunds: [] };
const stripe: PaymentProvider = { ...fakeProvider('stripe'), reports: { refundsOf: async () => listing } };
const harness = webhookHarness('stripe', () => stripeWebhookReceiver(SIGNING_SECRET), () => stripe);

beforeEach(() => {
  harness.backend.clock.set(NOW);
  listing = { kind: 'complete', refunds: [] };
});

const deliver = (body: string, at = NOW, secret = SIGNING_SECRET) =>
  harness.deliver(body, { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': stripeSignature(body, at, secret) });

const attempts = () => harness.backend.attemptsOf(DEAL);

describe('Stripe webhooks: the signature', () => {
  it('accepts a delivery signed with the endpoint secret', async () => {
    await harness.seePayment(PAYMENT_INTENT);
    const answer = await deliver(stripeEvent('refund.created', refundObject(), 'evt_1PgcAccepted0001'));
    expect(answer).toEqual({ status: 200, body: { received: true, eventId: 'evt_1PgcAccepted0001', duplicate: false, outcome: 'applied' } });
  });

  it.each([
    ['forged (another secret)', () => ({ 'stripe-signature': stripeSignature(body, NOW, 'whsec_someone_else') })],
    ['stale (older than 5 minutes)', () => ({ 'stripe-signature': stripeSignature(body, new Date(NOW.getTime() - 301_000)) })],
    ['without Stripe-Signature', () => ({})],
    ['for another body', () => ({ 'stripe-signature': stripeSignature(stripeEvent('refund.created', refundObject({ amount: 1 })), NOW) })],
  ])('refuses a delivery %s with 400 INVALID_SIGNATURE and changes nothing', async (_name, headers) => {
    await harness.seePayment(PAYMENT_INTENT);
    const answer = await harness.deliver(body, { 'content-type': 'application/json', ...headers() });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INVALID_SIGNATURE');
    expect(await attempts()).toEqual([]);
  });
  const body = stripeEvent('refund.created', refundObject(), 'evt_1PgcForged00001');

  it('applies a delivery that comes again once: the second is a no-op', async () => {
    await harness.seePayment(PAYMENT_INTENT);
    const event = stripeEvent('refund.created', refundObject(), 'evt_1PgcReplayed001');
    expect((await deliver(event)).body).toMatchObject({ duplicate: false, outcome: 'applied' });
    expect((await deliver(event, new Date(NOW.getTime() + 60_000))).body).toMatchObject({ duplicate: true });
    expect(await attempts()).toHaveLength(1);
    expect(await harness.notes()).toHaveLength(1);
  });
});

describe('Stripe webhooks: the events', () => {
  it('records a refund made in the Stripe Dashboard: counted, on the record, on the card', async () => {
    await harness.seePayment(PAYMENT_INTENT);
    await deliver(stripeEvent('refund.created', refundObject({ reason: 'requested_by_customer' })));
    const [attempt] = await attempts();
    expect(attempt).toMatchObject({ origin: 'provider', requestedBy: null, status: 'succeeded', amountMinor: 2500n, providerRefundId: 're_3PgcOutside01', reason: 'requested_by_customer' });
    const read = await harness.http.request('GET', `/api/transactions/deals/${DEAL.objectId}?userId=1`);
    expect(read.body.transaction).toMatchObject({ refunded: '25.00', refundable: '75.00', refundStatus: 'partially_refunded' });
    expect(read.body.attempts[0]).toMatchObject({ origin: 'provider', requestedBy: null, amount: '25.00' });
    expect(await harness.properties()).toMatchObject({ refund_status: 'partially_refunded', refunded_amount: '25.00', refund_count: '1' });
    const [note] = await harness.notes();
    expect(note).toContain('made outside the app, in the Stripe Dashboard');
  });

  it('finds the payment by its Charge when the record holds the charge id', async () => {
    await harness.seePayment(CHARGE);
    await deliver(stripeEvent('refund.created', refundObject()));
    expect(await attempts()).toHaveLength(1);
  });

  it('makes one change and one note of refund.created and charge.refunded about one refund', async () => {
    await harness.seePayment(PAYMENT_INTENT);
    await deliver(stripeEvent('refund.created', refundObject()));
    const [outside] = await attempts();
    listing = { kind: 'complete', refunds: [{ paymentIds: [PAYMENT_INTENT, CHARGE], providerRefundId: 're_3PgcOutside01', kind: 'refund', mark: null, amount: { value: '25.00', currency: 'USD' }, outcome: { status: 'succeeded', providerRefundId: 're_3PgcOutside01' }, reason: null, createdAt: null }] };
    expect((await deliver(stripeEvent('charge.refunded', chargeObject()))).body.outcome).toBe('applied');
    await harness.backend.deps.background.drain();
    expect(await attempts()).toEqual([outside]);
    expect(await harness.notes()).toHaveLength(1);
  });

  it('settles one of our pending refunds (refund.updated), and fails one late (refund.failed)', async () => {
    const payment = await harness.seePayment(PAYMENT_INTENT);
    const pending = await harness.appRefund(payment, 1000n, { status: 'pending', providerRefundId: 're_3PgcPending01' });
    const succeeded = await harness.appRefund(payment, 2000n, { status: 'succeeded', providerRefundId: 're_3PgcSucceeded1' });
    await deliver(stripeEvent('refund.updated', refundObject({ id: 're_3PgcPending01', amount: 1000, status: 'succeeded', metadata: { attempt_id: pending } })));
    await deliver(stripeEvent('refund.failed', refundObject({ id: 're_3PgcSucceeded1', amount: 2000, status: 'failed', failure_reason: 'expired_or_canceled_card', metadata: { attempt_id: succeeded } })));
    const byId = new Map((await attempts()).map((attempt) => [attempt.id, attempt]));
    expect(byId.get(pending)).toMatchObject({ status: 'succeeded', origin: 'app' });
    expect(byId.get(succeeded)).toMatchObject({ status: 'failed', failure: { code: 'refund_failed_late' } });
    expect(byId.get(succeeded)?.failure?.message).toMatch(/^This refund had been reported successful, then Stripe reported that it failed: Stripe could not return the money: the card has expired or was canceled\./);
    const read = await harness.http.request('GET', `/api/transactions/deals/${DEAL.objectId}?userId=1`);
    expect(read.body.transaction).toMatchObject({ refunded: '10.00', refundable: '90.00' });
    expect(await harness.properties()).toMatchObject({ refunded_amount: '10.00', refund_count: '1', last_refund_attempt_status: 'failed' });
    const notes = await harness.notes();
    expect(notes).toHaveLength(2);
    expect(notes.find((note) => note.includes(succeeded))).toContain('<strong>Refund failed after it had been reported successful</strong>');
  });

  it('applies charge.refund.updated like refund.updated', async () => {
    const payment = await harness.seePayment(PAYMENT_INTENT);
    const pending = await harness.appRefund(payment, 1000n, { status: 'pending', providerRefundId: 're_3PgcPending02' });
    await deliver(stripeEvent('charge.refund.updated', refundObject({ id: 're_3PgcPending02', amount: 1000, status: 'succeeded', metadata: { attempt_id: pending } })));
    expect((await attempts())[0]).toMatchObject({ status: 'succeeded' });
  });

  it('marks a disputed payment, and refuses a refund Stripe would refuse before asking it', async () => {
    await harness.seePayment(PAYMENT_INTENT);
    await deliver(stripeEvent('charge.dispute.created', disputeObject({ is_charge_refundable: false })));
    const read = await harness.http.request('GET', `/api/transactions/deals/${DEAL.objectId}?userId=1`);
    expect(read.body.transaction.dispute).toEqual({ openedAt: '2009-02-13T23:31:30.000Z', refunds: 'refused' });
    const refused = await harness.http.request('POST', `/api/transactions/deals/${DEAL.objectId}/refunds?userId=1`, {
      body: { amount: '10.00', reason: 'requested_by_customer', idempotencyKey: 'dispute-test-0001' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'TRANSACTION_NOT_REFUNDABLE', details: { reason: 'payment_disputed' } });
  });

  it('acknowledges an event about a payment this app has not seen, and records nothing', async () => {
    const answer = await deliver(stripeEvent('refund.created', refundObject({ payment_intent: 'pi_3PgcSomeoneElse1', charge: 'ch_3PgcSomeoneElse1' })));
    expect(answer).toMatchObject({ status: 200, body: { outcome: 'unknown_payment' } });
    expect(await harness.backend.db.query('SELECT * FROM refund_attempts')).toEqual([]);
  });

  it('acknowledges an event type it does not act on', async () => {
    expect((await deliver(stripeEvent('charge.succeeded', chargeObject()))).body).toMatchObject({ outcome: 'ignored' });
  });
});
