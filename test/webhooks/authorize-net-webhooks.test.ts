import { createHmac } from 'node:crypto';
import nock from 'nock';
import { authorizeNetWebhookReceiver } from '../../src/adapters/providers/authorize-net/authorize-net-webhooks';
import { attemptToken } from '../../src/adapters/providers/authorize-net/authorize-net-requests';
import { anetJson, call, details, detailsBody, endpoint, HEADERS, PAYMENT_ID, provider, sent, takeLeftovers } from '../adapters/authorize-net/authorize-net-nock';
import { DEAL, webhookHarness } from './webhook-harness';

/* POST /webhooks/authorize-net: X-ANET-Signature (HMAC-SHA512 of the raw body), the refund's details asked for, applied once. */

// The Signature Key and delivery of the Authorize.net community's worked example ("HMAC SHA-512 hash not matching in
// webhook callback", 2017), whose signature Authorize.net computed: a receiver that does not match it reads the key wrong.
const EXAMPLE_KEY = '2679A5D5785C9B26CF921E1754765CDDB265C9C88400786923E5343B315954FAFB4B7BF608818F6A21766741E8637DC206F286C725908C777ED4127D8562163D';
const EXAMPLE_BODY =
  '{"notificationId":"f813b98f-3552-4eeb-ba40-acb4704eeba3","eventType":"net.authorize.payment.authcapture.created","eventDate":"2017-03-08T17:35:37.155999Z","webhookId":"63d6fea2-aa13-4b1d-a204-f5fbc15942b7","payload":{"responseCode":1,"authCode":"8VTPDC","avsResponse":"Y","authAmount":10.00,"entityName":"transaction","id":"60019392075"}}';
const EXAMPLE_SIGNATURE = 'sha512=9607C69D2734514554CE13D923D19939563F2FD6567D239F49F0DF0D08865632A0FB98061B4620CC52C47BB8BF6E2B69A15A67E4C98E81D7D65111076C515C6A';

const NOW = new Date('2026-12-01T12:00:00Z');
const harness = webhookHarness('authorize_net', () => authorizeNetWebhookReceiver(EXAMPLE_KEY), () => provider());

beforeEach(() => harness.backend.clock.set(NOW));
afterEach(() => {
  // Only Authorize.net's requests count: nock also sees (and lets through) the test's own calls to the local server.
  const { pending, unmatched } = takeLeftovers();
  nock.cleanAll();
  expect({ pending, unmatched: unmatched.filter((request) => request.url.endsWith('/xml/v1/request.api')) }).toEqual({ pending: [], unmatched: [] });
});

let counter = 0;
/** A notification as Authorize.net sends it: its amounts JSON numbers with their trailing zeros. */
function notification(eventType: string, id: string, amount: string, eventDate = NOW.toISOString()): string {
  counter += 1;
  return `{"notificationId":"33df04c4-cb5d-4598-84fc-a1517ce4${counter.toString().padStart(4, '0')}","eventType":"${eventType}","eventDate":"${eventDate}","webhookId":"dd9e42e4-605f-47ae-ba05-990300bd77e0","payload":{"responseCode":1,"avsResponse":"P","authAmount":${amount},"entityName":"transaction","id":"${id}"}}`;
}

const sign = (body: string, key = EXAMPLE_KEY) => `sha512=${createHmac('sha512', key).update(body).digest('hex').toUpperCase()}`;
const deliver = (body: string, signature = sign(body)) => harness.deliver(body, { 'content-type': 'application/json', 'x-anet-signature': signature });
const attempts = () => harness.backend.attemptsOf(DEAL);

/** The refund's details, as getTransactionDetails answers them: its payment in refTransId, our token as invoice number. */
function refundDetails(refundId: string, amount: string, status: string, invoiceNumber?: string) {
  const answer = details({ transId: refundId, transactionType: 'refundTransaction', transactionStatus: status, amount, ...(invoiceNumber ? { invoiceNumber } : {}) });
  return { ...answer, transaction: { ...(answer.transaction as Record<string, unknown>), refTransId: PAYMENT_ID } };
}

describe('Authorize.net webhooks: the signature', () => {
  it("matches Authorize.net's own worked example: the Signature Key used as text, the digest in upper case", async () => {
    const receipt = await authorizeNetWebhookReceiver(EXAMPLE_KEY).receive(
      { body: Buffer.from(EXAMPLE_BODY), headers: { 'x-anet-signature': EXAMPLE_SIGNATURE }, receivedAt: new Date('2017-03-08T17:36:00Z') },
      new AbortController().signal,
    );
    expect(receipt).toMatchObject({ kind: 'verified', eventId: 'f813b98f-3552-4eeb-ba40-acb4704eeba3', events: [{ kind: 'ignored' }] });
  });

  it.each([
    ['forged (another key)', (body: string) => sign(body, EXAMPLE_KEY.toLowerCase())],
    ['without sha512=', (body: string) => sign(body).slice('sha512='.length)],
    ['missing', () => ''],
  ])('refuses a signature %s with 400 INVALID_SIGNATURE', async (_name, signature) => {
    await harness.seePayment(PAYMENT_ID, 'USD', { payment_card_last4: '1111' });
    const body = notification('net.authorize.payment.void.created', PAYMENT_ID, '100.00');
    const answer = await harness.deliver(body, { 'content-type': 'application/json', ...(signature(body) ? { 'x-anet-signature': signature(body) } : {}) });
    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_SIGNATURE' } } });
    expect(await attempts()).toEqual([]);
  });

  it('refuses a stale notification (its signed eventDate days old)', async () => {
    await harness.seePayment(PAYMENT_ID);
    const body = notification('net.authorize.payment.void.created', PAYMENT_ID, '100.00', '2026-11-25T12:00:00Z');
    expect(await deliver(body)).toMatchObject({ status: 400, body: { error: { code: 'INVALID_SIGNATURE' } } });
  });

  it('applies a repeated notification once', async () => {
    await harness.seePayment(PAYMENT_ID);
    const body = notification('net.authorize.payment.void.created', PAYMENT_ID, '100.00');
    expect((await deliver(body)).body).toMatchObject({ duplicate: false, outcome: 'applied' });
    expect((await deliver(body)).body).toMatchObject({ duplicate: true });
    expect(await attempts()).toHaveLength(1);
  });
});

describe('Authorize.net webhooks: the events', () => {
  it('looks a refund made in the Merchant Interface up, and records it (refund.created)', async () => {
    await harness.seePayment(PAYMENT_ID);
    endpoint(detailsBody('60123499999')).reply(200, anetJson(refundDetails('60123499999', '25.00', 'refundPendingSettlement')), HEADERS);
    expect((await deliver(notification('net.authorize.payment.refund.created', '60123499999', '25.00'))).body).toMatchObject({ outcome: 'applied' });
    expect(sent).toEqual([call(detailsBody('60123499999'))]);
    expect(await attempts()).toEqual([expect.objectContaining({ origin: 'provider', amountMinor: 2500n, status: 'succeeded', providerRefundId: '60123499999' })]);
    expect((await harness.notes())[0]).toContain('made outside the app, in the Authorize.net Merchant Interface');
  });

  it('matches our own refund by the invoice number it carries', async () => {
    const payment = await harness.seePayment(PAYMENT_ID);
    const ours = await harness.appRefund(payment, 2500n, { status: 'pending', providerRefundId: '60123499998' });
    endpoint(detailsBody('60123499998')).reply(200, anetJson(refundDetails('60123499998', '25.00', 'refundPendingSettlement', attemptToken(ours))), HEADERS);
    await deliver(notification('net.authorize.payment.refund.created', '60123499998', '25.00'));
    expect(await attempts()).toEqual([expect.objectContaining({ id: ours, origin: 'app', status: 'succeeded' })]);
  });

  it('refuses the delivery (503) when the refund cannot be looked up, so that Authorize.net sends it again', async () => {
    await harness.seePayment(PAYMENT_ID);
    endpoint(detailsBody('60123499997')).reply(503, 'Service Unavailable');
    expect(await deliver(notification('net.authorize.payment.refund.created', '60123499997', '25.00'))).toMatchObject({ status: 503, body: { error: { code: 'PROVIDER_UNAVAILABLE' } } });
    expect(await attempts()).toEqual([]);
  });

  it('records a void made in the Merchant Interface (void.created): the whole payment', async () => {
    await harness.seePayment(PAYMENT_ID);
    await deliver(notification('net.authorize.payment.void.created', PAYMENT_ID, '100.00'));
    // Reading the record asks what the payment took; a voided one took nothing to go by.
    endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(details({ transactionStatus: 'voided' })), HEADERS);
    const read = await harness.http.request('GET', `/api/transactions/deals/${DEAL.objectId}?userId=1`);
    expect(read.body.transaction).toMatchObject({ refundStatus: 'voided', refundable: '0.00' });
    expect(read.body.attempts[0]).toMatchObject({ kind: 'void', origin: 'provider', amount: '100.00' });
  });

  it('acknowledges a void of a payment this app has not seen', async () => {
    expect((await deliver(notification('net.authorize.payment.void.created', '60199999999', '5.00'))).body).toMatchObject({ outcome: 'unknown_payment' });
  });
});
