import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import {
  HEADERS,
  PAYMENT_ID,
  TOKEN,
  anetJson,
  batchList,
  batchListBody,
  batchTransactionsBody,
  call,
  details,
  detailsBody,
  endpoint,
  sent,
  summary,
  transactionList,
  unsettledBody,
} from './authorize-net-nock';
import { NOW, SEARCH_FROM, lookup, otherPayment, useLookupClock } from './authorize-net-lookup-clock';

/*
 * Finding what became of an attempt without sending anything new: by the refund's id when known, else by the
 * attempt's invoice number in the unsettled list and in every batch settled since the attempt began.
 */

useLookupClock();

describe('Authorize.net lookup of a refund whose id is known', () => {
  it.each([
    ['refundPendingSettlement', { status: 'succeeded', providerRefundId: '60123499003' }],
    [
      'FDSPendingReview',
      {
        status: 'pending',
        providerRefundId: '60123499003',
        message: "Authorize.net's fraud filters are holding the refund for review; it goes through once someone approves it in the Merchant Interface.",
      },
    ],
    [
      'declined',
      {
        status: 'failed',
        providerRefundId: '60123499003',
        failure: {
          code: 'refund_not_completed',
          message: 'Authorize.net has this refund as declined: no money went back to the customer. Start a new refund if one is still owed.',
          detail: { searched: '60123499003', trans_id: '60123499003', transaction_status: 'declined' },
        },
      },
    ],
  ])('reads a refund that is %s', async (status, expected) => {
    const scope = endpoint(detailsBody('60123499003')).reply(
      200,
      anetJson(details({ transId: '60123499003', transactionType: 'refundTransaction', transactionStatus: status, invoiceNumber: TOKEN })),
      HEADERS,
    );

    await expect(lookup({ providerRefundId: '60123499003' })).resolves.toEqual(expected);
    expect(sent).toEqual([call(detailsBody('60123499003'))]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('Authorize.net lookup by invoice number', () => {
  it('finds the refund among the unsettled transactions, preferring the approved one over a refused duplicate', async () => {
    const scope = endpoint(unsettledBody()).reply(
      200,
      anetJson(
        transactionList([
          otherPayment,
          summary({ transId: '60123499020', transactionStatus: 'generalError', invoiceNumber: TOKEN }),
          summary({ transId: '60123499021', transactionStatus: 'refundPendingSettlement', invoiceNumber: TOKEN }),
        ]),
      ),
      HEADERS,
    );

    await expect(lookup()).resolves.toEqual({ status: 'succeeded', providerRefundId: '60123499021' });
    expect(sent).toEqual([
      call(
        '{"getUnsettledTransactionListRequest":{"merchantAuthentication":{"name":"5KP3u95bQpv","transactionKey":"346HZ32z3fP4hTG2"},' +
          '"sorting":{"orderBy":"id","orderDescending":false},"paging":{"limit":1000,"offset":1}}}',
      ),
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('finds a declined refund and reports it failed', async () => {
    const scope = endpoint(unsettledBody()).reply(
      200,
      anetJson(transactionList([summary({ transId: '60123499022', transactionStatus: 'declined', invoiceNumber: TOKEN })])),
      HEADERS,
    );

    const outcome = await lookup();

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('refund_not_completed');
    expect(outcome.status === 'failed' && outcome.providerRefundId).toBe('60123499022');
    expect(scope.isDone()).toBe(true);
  });

  it('finds a refund that has settled since, in the batch of that settlement', async () => {
    const unsettled = endpoint(unsettledBody()).reply(200, anetJson(transactionList([otherPayment])), HEADERS);
    const batches = endpoint(batchListBody(SEARCH_FROM, '2026-03-04T12:00:00Z')).reply(
      200,
      anetJson(batchList([{ batchId: '1221577', settlementTimeUTC: '2026-03-04T08:00:12Z' }])),
      HEADERS,
    );
    const batch = endpoint(batchTransactionsBody('1221577')).reply(
      200,
      anetJson(
        transactionList([
          summary({ transId: '60123400002', transactionStatus: 'settledSuccessfully', invoiceNumber: 'INV-1000' }),
          summary({ transId: '60123499023', transactionStatus: 'refundSettledSuccessfully', invoiceNumber: TOKEN }),
        ]),
      ),
      HEADERS,
    );

    await expect(lookup()).resolves.toEqual({ status: 'succeeded', providerRefundId: '60123499023' });
    expect(sent).toEqual([
      call(unsettledBody()),
      call(
        '{"getSettledBatchListRequest":{"merchantAuthentication":{"name":"5KP3u95bQpv","transactionKey":"346HZ32z3fP4hTG2"},' +
          '"firstSettlementDate":"2026-03-03T19:45:00Z","lastSettlementDate":"2026-03-04T12:00:00Z"}}',
      ),
      call(
        '{"getTransactionListRequest":{"merchantAuthentication":{"name":"5KP3u95bQpv","transactionKey":"346HZ32z3fP4hTG2"},"batchId":"1221577",' +
          '"sorting":{"orderBy":"id","orderDescending":false},"paging":{"limit":1000,"offset":1}}}',
      ),
    ]);
    expect(unsettled.isDone() && batches.isDone() && batch.isDone()).toBe(true);
  });

  it('concludes that a refund found nowhere never arrived', async () => {
    const unsettled = endpoint(unsettledBody()).reply(200, anetJson(transactionList([otherPayment])), HEADERS);
    const batches = endpoint(batchListBody(SEARCH_FROM, '2026-03-04T12:00:00Z')).reply(
      200,
      anetJson(batchList([{ batchId: '1221577', settlementTimeUTC: '2026-03-04T08:00:12Z' }])),
      HEADERS,
    );
    const batch = endpoint(batchTransactionsBody('1221577')).reply(
      200,
      anetJson(transactionList([summary({ transId: '60123400002', transactionStatus: 'settledSuccessfully', invoiceNumber: 'INV-1000' })])),
      HEADERS,
    );

    await expect(lookup()).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_received_by_provider',
        message: 'Authorize.net has no refund for this attempt: nothing was refunded. You can refund again.',
        detail: { invoice_number: TOKEN, searched: 'unsettled transactions and 1 settlement batch(es) since 2026-03-03T19:45:00.000Z' },
      },
    });
    expect(unsettled.isDone() && batches.isDone() && batch.isDone()).toBe(true);
  });

  it('concludes the same when nothing has settled since the attempt', async () => {
    const unsettled = endpoint(unsettledBody()).reply(200, anetJson(transactionList([])), HEADERS);
    const batches = endpoint(batchListBody(SEARCH_FROM, '2026-03-04T12:00:00Z')).reply(200, anetJson(batchList([])), HEADERS);

    const outcome = await lookup();

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('not_received_by_provider');
    expect(unsettled.isDone() && batches.isDone()).toBe(true);
  });

  it('does not conclude anything about an attempt sent moments ago', async () => {
    const scope = endpoint(unsettledBody()).reply(200, anetJson(transactionList([otherPayment])), HEADERS);

    await expect(lookup({ createdAt: new Date(NOW.getTime() - 60_000) })).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'lookup_inconclusive',
        message: 'Authorize.net cannot tell yet what became of this refund: the refund was sent only moments ago and may still be processing. It will be checked again.',
        detail: { invoice_number: TOKEN },
      },
    });
    expect(sent).toEqual([call(unsettledBody())]);
    expect(scope.isDone()).toBe(true);
  });

  it('stays unknown when Authorize.net does not answer in time', async () => {
    const deadline = new AbortController();
    const scope = endpoint(unsettledBody()).delay(NEVER_MS).reply(deadlineOnArrival(deadline, [200, anetJson(transactionList([])), HEADERS]));

    await expect(lookup({ signal: deadline.signal })).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'lookup_inconclusive',
        message: 'Authorize.net cannot tell yet what became of this refund: Authorize.net did not answer in time. It will be checked again.',
        detail: { invoice_number: TOKEN, reason: 'deadline', page: '1' },
      },
    });
    expect(scope.isDone()).toBe(true);
  });
});

describe('Authorize.net lookup of a void', () => {
  const voidLookup = (changes: Parameters<typeof lookup>[0] = {}) => lookup({ kind: 'void', ...changes });

  it('finds the payment voided', async () => {
    const scope = endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(details({ transactionStatus: 'voided' })), HEADERS);

    await expect(voidLookup()).resolves.toEqual({ status: 'succeeded', providerRefundId: PAYMENT_ID });
    expect(sent).toEqual([call(detailsBody(PAYMENT_ID))]);
    expect(scope.isDone()).toBe(true);
  });

  it('finds the payment still unsettled: the void never happened', async () => {
    const scope = endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(details({ transactionStatus: 'capturedPendingSettlement' })), HEADERS);

    await expect(voidLookup()).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_received_by_provider',
        message: 'Authorize.net has not voided this payment: nothing was cancelled. You can void it again.',
        detail: { searched: PAYMENT_ID, transaction_status: 'capturedPendingSettlement' },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('finds the payment settled: the void can no longer happen', async () => {
    const scope = endpoint(detailsBody(PAYMENT_ID)).reply(
      200,
      anetJson(details({ transactionStatus: 'settledSuccessfully', settlementTimeUTC: '2026-03-04T08:00:12Z' })),
      HEADERS,
    );

    const outcome = await voidLookup();

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('payment_settled');
    expect(outcome.status === 'failed' && outcome.failure.message).toBe('The payment settled without being voided, so nothing was cancelled. Refund it instead.');
    expect(scope.isDone()).toBe(true);
  });

  it('waits before concluding about a void sent moments ago', async () => {
    const scope = endpoint(detailsBody(PAYMENT_ID)).reply(200, anetJson(details({ transactionStatus: 'capturedPendingSettlement' })), HEADERS);

    const outcome = await voidLookup({ createdAt: new Date(NOW.getTime() - 30_000) });

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('lookup_inconclusive');
    expect(scope.isDone()).toBe(true);
  });
});
