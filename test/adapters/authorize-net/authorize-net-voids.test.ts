import nock from 'nock';
import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import {
  HEADERS,
  PAYMENT_ID,
  TOKEN,
  anetJson,
  apiError,
  approved,
  call,
  details,
  detailsBody,
  endpoint,
  provider,
  refused,
  sent,
  takeLeftovers,
  voidBody,
  voidRequest,
} from './authorize-net-nock';

/* Whether a payment can still be voided (getTransactionDetails), and the void itself (voidTransaction). */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

function voids() {
  const { voids } = provider();
  if (!voids) throw new Error('the Authorize.net provider voids');
  return voids;
}

describe('Authorize.net settlement', () => {
  it.each([
    ['capturedPendingSettlement', { state: 'unsettled' }],
    ['authorizedPendingCapture', { state: 'unsettled' }],
    ['settledSuccessfully', { state: 'settled' }],
    [
      'pendingFinalSettlement',
      { state: 'unknown', reason: 'Authorize.net is settling this payment right now, so it can no longer be voided. Refund it once settlement completes, usually within a few hours.' },
    ],
    ['voided', { state: 'unknown', reason: 'This payment was already voided at Authorize.net: nothing was charged, so there is nothing to refund.' }],
    ['declined', { state: 'unknown', reason: 'Authorize.net has this payment as declined: nothing was charged, so there is nothing to refund.' }],
    ['refundPendingSettlement', { state: 'unknown', reason: 'This transaction id is a refund at Authorize.net, not a payment. Put the id of the original payment on the record.' }],
    [
      'FDSPendingReview',
      { state: 'unknown', reason: "Authorize.net's fraud filters are holding this payment for review. Approve or decline it in the Merchant Interface first." },
    ],
    ['chargeback', { state: 'unknown', reason: 'This payment has a chargeback at Authorize.net. Handle it in the Merchant Interface rather than refunding.' }],
    ['settlementError', { state: 'unknown', reason: 'Authorize.net reports this payment as settlementError. Check it in the Merchant Interface before refunding.' }],
    ['somethingNew', { state: 'unknown', reason: 'Authorize.net reports a status this app does not know ("somethingNew"). Check the payment in the Merchant Interface.' }],
  ])('reads a payment that is %s', async (status, expected) => {
    const scope = endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(details({ transactionStatus: status })), HEADERS);

    await expect(voids().settlement(PAYMENT_ID, new AbortController().signal)).resolves.toEqual(expected);
    expect(sent).toEqual([call(`{"getTransactionDetailsRequest":{"merchantAuthentication":{"name":"5KP3u95bQpv","transactionKey":"346HZ32z3fP4hTG2"},"transId":"60123456789"}}`)]);
    expect(scope.isDone()).toBe(true);
  });

  it('explains that the Transaction Details API must be enabled', async () => {
    const scope = endpoint(detailsBody(PAYMENT_ID)).reply(
      200,
      anetJson(apiError('E00011', 'Access denied. You do not have permissions to call the Transaction Details API.')),
      HEADERS,
    );

    await expect(voids().settlement(PAYMENT_ID, new AbortController().signal)).resolves.toEqual({
      state: 'unknown',
      reason: 'Authorize.net refuses to show transactions to this app. Enable the Transaction Details API in the Merchant Interface (Account, Settings, Security Settings).',
      // Authorize.net's own words are for the operator's log, not the rep.
      detail: { result_code: 'Error', message_code: 'E00011', message_text: 'Access denied. You do not have permissions to call the Transaction Details API.' },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('cannot tell when Authorize.net does not answer in time', async () => {
    const deadline = new AbortController();
    const scope = endpoint(detailsBody(PAYMENT_ID))
      .delay(NEVER_MS)
      .reply(deadlineOnArrival(deadline, [200, anetJson(details({ transactionStatus: 'capturedPendingSettlement' })), HEADERS]));

    await expect(voids().settlement(PAYMENT_ID, deadline.signal)).resolves.toEqual({
      state: 'unknown',
      reason: 'Authorize.net did not answer in time.',
      detail: { reason: 'deadline' },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('asks nothing about an id that is not a transaction id', async () => {
    await expect(voids().settlement('pi_123', new AbortController().signal)).resolves.toEqual({
      state: 'unknown',
      reason: '"pi_123" is not an Authorize.net transaction id. An Authorize.net refund needs the Transaction ID of the payment: digits only, as the Merchant Interface shows it.',
    });
    expect(sent).toEqual([]);
  });
});

describe('Authorize.net void', () => {
  it('voids the payment; the void answers with the payment id', async () => {
    const scope = endpoint(voidBody()).reply(200, anetJson(approved(PAYMENT_ID)), HEADERS);

    await expect(voids().void(voidRequest())).resolves.toEqual({ status: 'succeeded', providerRefundId: PAYMENT_ID });
    expect(sent).toEqual([
      call(
        '{"createTransactionRequest":{"merchantAuthentication":{"name":"5KP3u95bQpv","transactionKey":"346HZ32z3fP4hTG2"},' +
          '"refId":"3f2a9c4e8b1d4c6e9a7f","transactionRequest":{"transactionType":"voidTransaction","refTransId":"60123456789"}}}',
      ),
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('records a refused void, what Authorize.net said kept for the operator', async () => {
    const scope = endpoint(voidBody()).reply(200, anetJson(refused('2', '2', 'This transaction has been declined.')), HEADERS);

    await expect(voids().void(voidRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'void_refused',
        message:
          "Authorize.net did not void the payment, so nothing was cancelled. If the payment has settled in the meantime, refund it instead. The provider's reason is kept in the attempt's details for your admin.",
        detail: {
          result_code: 'Error',
          message_code: 'E00027',
          message_text: 'The transaction was unsuccessful.',
          response_code: '2',
          error_code: '2',
          error_text: 'This transaction has been declined.',
          ref_id: TOKEN,
        },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('records a void of an unknown transaction', async () => {
    const scope = endpoint(voidBody()).reply(200, anetJson(refused('3', '16', 'The transaction cannot be found.')), HEADERS);

    const outcome = await voids().void(voidRequest());

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('payment_not_found');
    expect(outcome.status === 'failed' && outcome.failure.message).toBe(
      'Authorize.net cannot find this transaction, so nothing was voided. Check the transaction id on the record.',
    );
    expect(scope.isDone()).toBe(true);
  });

  it('leaves a void without an answer unknown', async () => {
    const deadline = new AbortController();
    const scope = endpoint(voidBody()).delay(NEVER_MS).reply(deadlineOnArrival(deadline, [200, anetJson(approved(PAYMENT_ID)), HEADERS]));

    await expect(voids().void(voidRequest({ signal: deadline.signal }))).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_timeout',
        message: 'Authorize.net did not answer in time; the void may or may not have gone through. It will be checked before anyone retries.',
        detail: { reason: 'deadline' },
      },
    });
    expect(scope.isDone()).toBe(true);
  });
});
