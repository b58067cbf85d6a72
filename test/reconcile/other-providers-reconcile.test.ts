import nock from 'nock';
import { reconcileRecent } from '../../src/application/reconcile/reconcile-recent';
import { AUTHORIZE_NET_NO_REFUND_LIST } from '../../src/adapters/providers/authorize-net/authorize-net-reports';
import { attemptToken } from '../../src/adapters/providers/authorize-net/authorize-net-requests';
import { NMI_NO_REFUND_LIST } from '../../src/adapters/providers/nmi/nmi-reports';
import { PAYPAL_NO_REFUND_LIST } from '../../src/adapters/providers/paypal/paypal-reports';
import * as anet from '../adapters/authorize-net/authorize-net-nock';
import * as nmi from '../adapters/nmi/nmi-nock';
import * as paypal from '../adapters/paypal/paypal-nock';
import { DEAL, webhookHarness } from '../webhooks/webhook-harness';

/*
 * Reconciliation where the provider lists no refunds of a payment: the refunds the app knows are read again by their
 * ids (late failures, settled pendings), voids from the payment's own status; the summary says what cannot be compared.
 */

const since = () => new Date(Date.now() - 7 * 86_400_000);

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('PayPal reconciliation', () => {
  const harness = webhookHarness('paypal', () => null, () => paypal.payPalProvider());

  it('reads each refund it knows again (GET /v2/payments/refunds/{id}): a late failure is recorded', async () => {
    const payment = await harness.seePayment(paypal.CAPTURE_ID);
    const ours = await harness.appRefund(payment, 2500n, { status: 'succeeded', providerRefundId: paypal.REFUND_ID });
    paypal.tokenEndpoint().reply(200, paypal.tokenFixture(), { 'Content-Type': 'application/json' });
    paypal.refundDetailsEndpoint().reply(200, paypal.refundFixture({ value: '25.00', status: 'FAILED' }), paypal.PAYPAL_HEADERS);

    expect(await reconcileRecent(harness.backend.deps, since())).toMatchObject({ payments: 1, lateFailures: 1, byProvider: { paypal: { partial: 1, gaps: [PAYPAL_NO_REFUND_LIST] } } });
    expect((await harness.backend.attemptsOf(DEAL))[0]).toMatchObject({ id: ours, status: 'failed', failure: { code: 'refund_failed_late' } });
  });
});

describe('Authorize.net reconciliation', () => {
  const harness = webhookHarness('authorize_net', () => null, () => anet.provider());

  it('reads its refunds and the payment from their details: a refund voided before settlement fails late, a void made outside is recorded', async () => {
    const payment = await harness.seePayment(anet.PAYMENT_ID);
    const ours = await harness.appRefund(payment, 2500n, { status: 'succeeded', providerRefundId: '60123499001' });
    const refund = anet.details({ transId: '60123499001', transactionType: 'refundTransaction', transactionStatus: 'voided', amount: '25.00', invoiceNumber: attemptToken(ours) });
    anet.endpoint(anet.detailsBody('60123499001')).reply(200, anet.anetJson({ ...refund, transaction: { ...(refund.transaction as object), refTransId: anet.PAYMENT_ID } }), anet.HEADERS);
    anet.endpoint(anet.detailsBody(anet.PAYMENT_ID)).reply(200, anet.anetJson(anet.details({ transactionStatus: 'voided' })), anet.HEADERS);

    const summary = await reconcileRecent(harness.backend.deps, since());
    expect(summary).toMatchObject({ payments: 1, lateFailures: 1, outsideRecorded: 1, byProvider: { authorize_net: { partial: 1, gaps: [AUTHORIZE_NET_NO_REFUND_LIST] } } });
    const attempts = await harness.backend.attemptsOf(DEAL);
    expect(attempts.map((attempt) => [attempt.kind, attempt.origin, attempt.status])).toEqual(expect.arrayContaining([['refund', 'app', 'failed'], ['void', 'provider', 'succeeded']]));
  });
});

describe('NMI reconciliation', () => {
  const harness = webhookHarness('nmi', () => null, () => nmi.nmiProvider());

  it('finds its refunds by order_id and the payment by transaction_id: a settled pending, and a void made outside', async () => {
    const payment = await harness.seePayment(nmi.PAYMENT_ID);
    const ours = await harness.appRefund(payment, 2500n, { status: 'pending', providerRefundId: '10834567890' });
    nmi.queryEndpoint(nmi.queryByOrderBody(ours)).reply(200, nmi.queryXml([{ id: '10834567890', orderId: ours, condition: 'complete', actions: [{ type: 'refund', amount: '25.00', success: '1' }] }]));
    nmi.queryEndpoint(nmi.queryByTransactionBody()).reply(200, nmi.queryXml([{ id: nmi.PAYMENT_ID, condition: 'canceled', actions: [{ type: 'sale', amount: '100.00', success: '1' }, { type: 'void', amount: '100.00', success: '1' }] }]));

    const summary = await reconcileRecent(harness.backend.deps, since());
    expect(summary).toMatchObject({ payments: 1, updated: 1, outsideRecorded: 1, byProvider: { nmi: { partial: 1, gaps: [NMI_NO_REFUND_LIST] } } });
    const attempts = await harness.backend.attemptsOf(DEAL);
    expect(attempts.find((attempt) => attempt.id === ours)).toMatchObject({ status: 'succeeded' });
  });
});
