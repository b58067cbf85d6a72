import nock from 'nock';
import { payPalContext } from '../../src/adapters/providers/paypal/paypal-provider';
import { payPalWebhookReceiver } from '../../src/adapters/providers/paypal/paypal-webhooks';
import { CAPTURE_ID, CLIENT_ID, CLIENT_SECRET, PAYPAL_API } from '../adapters/paypal/paypal-fixtures';
import { fakeProvider } from '../support/fake-provider';
import { deliveryHeaders, disputeResource, payPalEvent, refundResource, verifyBody, verifyEndpoint, WEBHOOK_ID, webhookSpecProblems } from './paypal-events';
import { DEAL, webhookHarness } from './webhook-harness';

/* POST /webhooks/paypal: verified through PayPal's verify-webhook-signature API, then applied once. */

const NOW = new Date('2026-12-01T12:00:00Z');
const harness = webhookHarness(
  'paypal',
  () => payPalWebhookReceiver(payPalContext({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiBase: PAYPAL_API, now: Date.now }), WEBHOOK_ID),
  () => fakeProvider('paypal'),
);

beforeEach(() => harness.backend.clock.set(NOW));
afterEach(() => {
  const pending = nock.pendingMocks().filter((mock) => !mock.includes('oauth2'));
  nock.cleanAll();
  expect(pending).toEqual([]);
});

/** A delivery PayPal verifies (or not), its verification request asserted byte for byte. */
async function deliver(body: string, status: 'SUCCESS' | 'FAILURE' = 'SUCCESS', at = NOW) {
  const headers = deliveryHeaders(at);
  verifyEndpoint(headers, body).reply(200, { verification_status: status }, { 'Content-Type': 'application/json' });
  return harness.deliver(body, headers);
}

const attempts = () => harness.backend.attemptsOf(DEAL);

describe('PayPal webhooks: the signature', () => {
  it('is verified with the exact delivery, the five PAYPAL-* headers and PAYPAL_WEBHOOK_ID, as the spec describes', async () => {
    await harness.seePayment(CAPTURE_ID);
    const body = payPalEvent('PAYMENT.CAPTURE.REFUNDED', 'refund', refundResource());
    expect(webhookSpecProblems('event', JSON.parse(body))).toEqual([]);
    expect(webhookSpecProblems('verify_webhook_signature', JSON.parse(verifyBody(deliveryHeaders(NOW), body)))).toEqual([]);
    expect(webhookSpecProblems('verify_webhook_signature_response', { verification_status: 'SUCCESS' })).toEqual([]);
    expect(await deliver(body)).toMatchObject({ status: 200, body: { received: true, duplicate: false, outcome: 'applied' } });
  });

  it('refuses what PayPal does not verify (forged) with 400 INVALID_SIGNATURE, and changes nothing', async () => {
    await harness.seePayment(CAPTURE_ID);
    const answer = await deliver(payPalEvent('PAYMENT.CAPTURE.REFUNDED', 'refund', refundResource()), 'FAILURE');
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_SIGNATURE' } } });
    expect(await attempts()).toEqual([]);
  });

  it('refuses a stale transmission without asking PayPal', async () => {
    await harness.seePayment(CAPTURE_ID);
    const body = payPalEvent('PAYMENT.CAPTURE.REFUNDED', 'refund', refundResource());
    const answer = await harness.deliver(body, deliveryHeaders(new Date(NOW.getTime() - 5 * 24 * 3_600_000)));
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_SIGNATURE' } } });
    expect(await attempts()).toEqual([]);
  });

  it('refuses a delivery without its PAYPAL-* headers without asking PayPal', async () => {
    const answer = await harness.deliver(payPalEvent('PAYMENT.CAPTURE.REFUNDED', 'refund', refundResource()), { 'content-type': 'application/json' });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_SIGNATURE' } } });
  });

  it('answers 503 PROVIDER_UNAVAILABLE when the verification API fails, so that PayPal sends it again', async () => {
    await harness.seePayment(CAPTURE_ID);
    const body = payPalEvent('PAYMENT.CAPTURE.REFUNDED', 'refund', refundResource());
    const headers = deliveryHeaders(NOW);
    verifyEndpoint(headers, body).reply(503, { name: 'SERVICE_UNAVAILABLE' });
    expect(await harness.deliver(body, headers)).toMatchObject({ status: 503, body: { error: { code: 'PROVIDER_UNAVAILABLE' } } });
    expect(await attempts()).toEqual([]);
  });

  it('applies a repeated delivery once', async () => {
    await harness.seePayment(CAPTURE_ID);
    const body = payPalEvent('PAYMENT.CAPTURE.REFUNDED', 'refund', refundResource());
    await deliver(body);
    expect((await deliver(body)).body).toMatchObject({ duplicate: true });
    expect(await attempts()).toHaveLength(1);
    expect(await harness.notes()).toHaveLength(1);
  });
});

describe('PayPal webhooks: the events', () => {
  it('records a refund made in PayPal (PAYMENT.CAPTURE.REFUNDED without our custom_id)', async () => {
    await harness.seePayment(CAPTURE_ID);
    await deliver(payPalEvent('PAYMENT.CAPTURE.REFUNDED', 'refund', refundResource()));
    expect(await attempts()).toEqual([expect.objectContaining({ origin: 'provider', status: 'succeeded', amountMinor: 2500n, providerRefundId: '1Y107995YT783435V' })]);
    expect((await harness.notes())[0]).toContain('made outside the app, in PayPal');
  });

  it('settles our own refund by its custom_id, without recording it twice', async () => {
    const payment = await harness.seePayment(CAPTURE_ID);
    const ours = await harness.appRefund(payment, 2500n, { status: 'pending', providerRefundId: '1Y107995YT783435V' });
    await deliver(payPalEvent('PAYMENT.CAPTURE.REFUNDED', 'refund', refundResource({ custom_id: ours })));
    expect(await attempts()).toEqual([expect.objectContaining({ id: ours, origin: 'app', status: 'succeeded' })]);
  });

  it('records a reversal PayPal made (PAYMENT.CAPTURE.REVERSED) as money gone', async () => {
    await harness.seePayment(CAPTURE_ID);
    await deliver(payPalEvent('PAYMENT.CAPTURE.REVERSED', 'refund', refundResource({ id: '09E71677NS257044M', value: '100.00' })));
    const read = await harness.http.request('GET', `/api/transactions/deals/${DEAL.objectId}?userId=1`);
    expect(read.body.transaction).toMatchObject({ refunded: '100.00', refundable: '0.00', refundStatus: 'fully_refunded' });
  });

  it.each([
    ['an inquiry: only a full refund', 'INQUIRY', 'INTERNAL', 'full_only'],
    ['a chargeback: none', 'CHARGEBACK', 'EXTERNAL', 'refused'],
  ])('marks a disputed payment (CUSTOMER.DISPUTE.CREATED), %s', async (_name, stage, channel, refunds) => {
    await harness.seePayment(CAPTURE_ID);
    await deliver(payPalEvent('CUSTOMER.DISPUTE.CREATED', 'dispute', disputeResource(stage, channel)));
    const read = await harness.http.request('GET', `/api/transactions/deals/${DEAL.objectId}?userId=1`);
    expect(read.body.transaction.dispute).toEqual({ openedAt: '2026-11-30T09:59:00.000Z', refunds });
    const partial = await harness.http.request('POST', `/api/transactions/deals/${DEAL.objectId}/refunds?userId=1`, {
      body: { amount: '10.00', reason: 'requested_by_customer', idempotencyKey: `dispute-${refunds}-01` },
    });
    expect(partial.body.error).toMatchObject({ code: 'TRANSACTION_NOT_REFUNDABLE', details: { reason: 'payment_disputed' } });
  });

  it('acknowledges an event about a capture this app has not seen', async () => {
    const body = payPalEvent('PAYMENT.CAPTURE.REFUNDED', 'refund', { ...refundResource(), links: [{ href: `${PAYPAL_API}/v2/payments/captures/9ZZ99999ZZ9999999`, rel: 'up', method: 'GET' }] });
    expect((await deliver(body)).body).toMatchObject({ outcome: 'unknown_payment' });
  });
});
