import { createHmac } from 'node:crypto';
import { nmiWebhookReceiver } from '../../src/adapters/providers/nmi/nmi-webhooks';
import { fakeProvider } from '../support/fake-provider';
import { DEAL, webhookHarness } from './webhook-harness';

/* POST /webhooks/nmi: Webhook-Signature (HMAC-SHA256 of "nonce.body"), applied once. */

const SIGNING_KEY = 'TESTSIGNINGKEY-7c1d8a3f5e2b9c4d';
const PAYMENT_ID = '7654321098';
const NOW = new Date('2026-12-01T12:00:00Z');
const harness = webhookHarness('nmi', () => nmiWebhookReceiver(SIGNING_KEY), () => fakeProvider('nmi'));

beforeEach(() => harness.backend.clock.set(NOW));

let counter = 0;
/** An NMI event as its webhooks send it: the transaction as its Query API shows it, with the action that fired it. */
function nmiEvent(eventType: string, transactionId: string, action: Record<string, string>, orderId = ''): string {
  counter += 1;
  return JSON.stringify({
    event_id: `6f3f5b0e-2b0c-4e7a-9c1d-${counter.toString().padStart(12, '0')}`,
    event_type: eventType,
    event_body: {
      merchant: { id: '123456', name: 'Example Merchant' },
      features: { is_test_mode: true },
      transaction_id: transactionId,
      transaction_type: 'cc',
      condition: 'pendingsettlement',
      processor_id: 'ccprocessora',
      order_id: orderId,
      currency: 'USD',
      action: { date: '20261201115900', ip_address: '203.0.113.10', source: 'api', api_method: 'direct_post', username: '', processor_response_text: '', processor_response_code: '', ...action },
    },
  });
}

const sign = (body: string, nonce = 'n0nce4f2a', key = SIGNING_KEY) => `t=${nonce},s=${createHmac('sha256', key).update(`${nonce}.${body}`).digest('hex')}`;
const deliver = (body: string, signature = sign(body)) => harness.deliver(body, { 'content-type': 'application/json', 'webhook-signature': signature });
const attempts = () => harness.backend.attemptsOf(DEAL);

describe('NMI webhooks: the signature', () => {
  it("matches a signature made as NMI's documentation makes it (key TESTSIGNINGKEY, nonce n0nce)", async () => {
    const body = '{"event_id":"e1","event_type":"transaction.refund.success","event_body":{"transaction_id":"10000000002","order_id":"a1","action":{"action_type":"refund","amount":"5.00","success":"1"}}}';
    const receipt = await nmiWebhookReceiver('TESTSIGNINGKEY').receive(
      { body: Buffer.from(body), headers: { 'webhook-signature': 't=n0nce,s=cc1e83a318188345cd20a84d5697f2f855e9f60dcc800d825a56782387129a9a' }, receivedAt: NOW },
      new AbortController().signal,
    );
    expect(receipt).toMatchObject({ kind: 'verified', eventId: 'e1', eventType: 'transaction.refund.success' });
  });

  it.each([
    ['forged (another key)', (body: string) => sign(body, 'n0nce4f2a', 'someone-else')],
    ['over another nonce', (body: string) => sign(body).replace('t=n0nce4f2a', 't=other')],
    ['not t=…,s=…', () => 'sha256=abc'],
  ])('refuses a signature %s with 400 INVALID_SIGNATURE', async (_name, signature) => {
    await harness.seePayment(PAYMENT_ID);
    const body = nmiEvent('transaction.void.success', PAYMENT_ID, { action_type: 'void', amount: '100.00', success: '1', response_text: 'Transaction Void Successful', response_code: '100' });
    expect(await deliver(body, signature(body))).toMatchObject({ status: 400, body: { error: { code: 'INVALID_SIGNATURE' } } });
    expect(await attempts()).toEqual([]);
  });

  it('refuses a stale event (its signed action date days old)', async () => {
    await harness.seePayment(PAYMENT_ID);
    const body = nmiEvent('transaction.void.success', PAYMENT_ID, { action_type: 'void', amount: '100.00', success: '1', date: '20261120115900' });
    expect(await deliver(body)).toMatchObject({ status: 400, body: { error: { code: 'INVALID_SIGNATURE' } } });
  });

  it('applies a repeated event once', async () => {
    await harness.seePayment(PAYMENT_ID);
    const body = nmiEvent('transaction.void.success', PAYMENT_ID, { action_type: 'void', amount: '100.00', success: '1' });
    await deliver(body);
    expect((await deliver(body)).body).toMatchObject({ duplicate: true });
    expect(await attempts()).toHaveLength(1);
  });
});

describe('NMI webhooks: the events', () => {
  it('settles our refund by its order_id (transaction.refund.success)', async () => {
    const payment = await harness.seePayment(PAYMENT_ID);
    const ours = await harness.appRefund(payment, 2500n, { status: 'pending', providerRefundId: '10834567890' });
    await deliver(nmiEvent('transaction.refund.success', '10834567890', { action_type: 'refund', amount: '-25.00', success: '1', response_text: 'SUCCESS', response_code: '100' }, ours));
    expect(await attempts()).toEqual([expect.objectContaining({ id: ours, status: 'succeeded' })]);
  });

  it('fails our refund NMI refused later (transaction.refund.failure): a late failure when it had succeeded', async () => {
    const payment = await harness.seePayment(PAYMENT_ID);
    const ours = await harness.appRefund(payment, 2500n, { status: 'succeeded', providerRefundId: '10834567891' });
    await deliver(nmiEvent('transaction.refund.failure', '10834567891', { action_type: 'refund', amount: '-25.00', success: '0', response_text: 'Refund declined', response_code: '300' }, ours));
    const [attempt] = await attempts();
    expect(attempt).toMatchObject({ id: ours, status: 'failed', failure: { code: 'refund_failed_late', detail: { provider_failure_code: 'refund_refused', nmi_response_text: 'Refund declined' } } });
    expect(attempt?.failure?.message).not.toContain('Refund declined');
  });

  it('records a void made in the Merchant Control Panel (transaction.void.success)', async () => {
    await harness.seePayment(PAYMENT_ID);
    await deliver(nmiEvent('transaction.void.success', PAYMENT_ID, { action_type: 'void', amount: '100.00', success: '1' }));
    expect(await attempts()).toEqual([expect.objectContaining({ kind: 'void', origin: 'provider', status: 'succeeded', amountMinor: 10000n })]);
    expect((await harness.notes())[0]).toContain('made outside the app, in the NMI Merchant Control Panel');
  });

  it('changes nothing for a void NMI refused (transaction.void.failure) that the app did not ask for', async () => {
    await harness.seePayment(PAYMENT_ID);
    expect((await deliver(nmiEvent('transaction.void.failure', PAYMENT_ID, { action_type: 'void', success: '0' }))).body).toMatchObject({ outcome: 'ignored' });
    expect(await attempts()).toEqual([]);
  });

  it('acknowledges a refund made in NMI, which names no payment of this app', async () => {
    await harness.seePayment(PAYMENT_ID);
    expect((await deliver(nmiEvent('transaction.refund.success', '10834560000', { action_type: 'refund', amount: '-5.00', success: '1' }))).body).toMatchObject({ outcome: 'unknown_payment' });
  });

  it('ignores event types it does not act on', async () => {
    expect((await deliver(nmiEvent('transaction.sale.success', '10834560001', { action_type: 'sale', amount: '5.00', success: '1' }))).body).toMatchObject({ outcome: 'ignored' });
  });
});
