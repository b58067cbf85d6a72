import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import { MAX_PAGES } from '../../../src/adapters/providers/authorize-net/authorize-net-list-search';
import { HEADERS, TOKEN, anetJson, batchList, batchListBody, batchTransactionsBody, call, endpoint, otherTransactions, sent, summary, transactionList, unsettledBody } from './authorize-net-nock';
import { SEARCH_FROM, lookup, otherPayment, useLookupClock } from './authorize-net-lookup-clock';

/*
 * Lists come 1000 transactions a page. A search reads each list to its end (a short page, or Authorize.net's own
 * count reached) before it concludes anything, and stays unknown when it cannot.
 */

useLookupClock();

describe('Authorize.net lookup through lists longer than one page (1000 transactions)', () => {
  const ours = (status = 'refundPendingSettlement') => summary({ transId: '60123499030', transactionStatus: status, invoiceNumber: TOKEN });
  const batchListed = () =>
    endpoint(batchListBody(SEARCH_FROM, '2026-03-04T12:00:00Z')).reply(200, anetJson(batchList([{ batchId: '1221577', settlementTimeUTC: '2026-03-04T08:00:12Z' }])), HEADERS);

  it('finds the refund on the second page of the unsettled transactions', async () => {
    const first = endpoint(unsettledBody(1)).reply(200, anetJson(transactionList(otherTransactions(1000), 1500)), HEADERS);
    const second = endpoint(unsettledBody(2)).reply(200, anetJson(transactionList([...otherTransactions(499, 60123301000), ours()], 1500)), HEADERS);

    await expect(lookup()).resolves.toEqual({ status: 'succeeded', providerRefundId: '60123499030' });
    expect(sent).toEqual([call(unsettledBody(1)), call(unsettledBody(2))]);
    expect(first.isDone() && second.isDone()).toBe(true);
  });

  it('finds the refund on the second page of a settlement batch', async () => {
    endpoint(unsettledBody(1)).reply(200, anetJson(transactionList([otherPayment], 1)), HEADERS);
    batchListed();
    endpoint(batchTransactionsBody('1221577', 1)).reply(200, anetJson(transactionList(otherTransactions(1000), 1002)), HEADERS);
    endpoint(batchTransactionsBody('1221577', 2)).reply(200, anetJson(transactionList([ours('refundSettledSuccessfully'), otherTransactions(1, 60123309999)[0]!], 1002)), HEADERS);

    await expect(lookup()).resolves.toEqual({ status: 'succeeded', providerRefundId: '60123499030' });
    expect(sent.map((request) => request.body)).toEqual([
      unsettledBody(1),
      batchListBody(SEARCH_FROM, '2026-03-04T12:00:00Z'),
      batchTransactionsBody('1221577', 1),
      batchTransactionsBody('1221577', 2),
    ]);
  });

  it('prefers the approved refund on a later page to a refused duplicate on an earlier one', async () => {
    endpoint(unsettledBody(1)).reply(200, anetJson(transactionList([...otherTransactions(999), ours('generalError')])), HEADERS);
    endpoint(unsettledBody(2)).reply(200, anetJson(transactionList([summary({ transId: '60123499031', transactionStatus: 'refundPendingSettlement', invoiceNumber: TOKEN })])), HEADERS);

    await expect(lookup()).resolves.toEqual({ status: 'succeeded', providerRefundId: '60123499031' });
  });

  it('concludes "never sent" only after every page of every list', async () => {
    endpoint(unsettledBody(1)).reply(200, anetJson(transactionList(otherTransactions(1000), 1001)), HEADERS);
    endpoint(unsettledBody(2)).reply(200, anetJson(transactionList(otherTransactions(1, 60123301000), 1001)), HEADERS);
    batchListed();
    endpoint(batchTransactionsBody('1221577', 1)).reply(200, anetJson(transactionList(otherTransactions(1000, 60123400000))), HEADERS);
    endpoint(batchTransactionsBody('1221577', 2)).reply(200, anetJson(transactionList([])), HEADERS);

    const outcome = await lookup();

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('not_received_by_provider');
    expect(sent.map((request) => request.body)).toEqual([
      unsettledBody(1),
      unsettledBody(2),
      batchListBody(SEARCH_FROM, '2026-03-04T12:00:00Z'),
      batchTransactionsBody('1221577', 1),
      batchTransactionsBody('1221577', 2),
    ]);
  });

  it('asks for no further page once the count Authorize.net gives is reached', async () => {
    endpoint(unsettledBody(1)).reply(200, anetJson(transactionList(otherTransactions(1000), 1000)), HEADERS);
    batchListed();
    endpoint(batchTransactionsBody('1221577', 1)).reply(200, anetJson(transactionList([otherPayment], 1)), HEADERS);

    const outcome = await lookup();

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('not_received_by_provider');
    expect(sent).toHaveLength(3);
  });

  it('stays unknown when the next page does not come in time', async () => {
    endpoint(unsettledBody(1)).reply(200, anetJson(transactionList(otherTransactions(1000), 1500)), HEADERS);
    const deadline = new AbortController();
    endpoint(unsettledBody(2)).delay(NEVER_MS).reply(deadlineOnArrival(deadline, [200, anetJson(transactionList([ours()], 1500)), HEADERS]));

    await expect(lookup({ signal: deadline.signal })).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'lookup_inconclusive',
        message: 'Authorize.net cannot tell yet what became of this refund: Authorize.net did not answer in time. It will be checked again.',
        detail: { invoice_number: TOKEN, reason: 'deadline', page: '2' },
      },
    });
    expect(sent).toEqual([call(unsettledBody(1)), call(unsettledBody(2))]);
  });

  it('stays unknown when a page repeats transactions of the one before (offset read as a position, not a page)', async () => {
    const transactions = otherTransactions(1001);
    endpoint(unsettledBody(1)).reply(200, anetJson(transactionList(transactions.slice(0, 1000), 1001)), HEADERS);
    endpoint(unsettledBody(2)).reply(200, anetJson(transactionList(transactions.slice(1, 1001), 1001)), HEADERS);

    const outcome = await lookup();

    expect(outcome.status === 'unknown' && outcome.failure.message).toBe(
      'Authorize.net cannot tell yet what became of this refund: the list of unsettled transactions repeated transactions from one page to the next, so it could not be read in full. It will be checked again.',
    );
  });

  it('stays unknown when the list shows fewer transactions than it counts', async () => {
    endpoint(unsettledBody(1)).reply(200, anetJson(transactionList(otherTransactions(998), 1000)), HEADERS);

    const outcome = await lookup();

    expect(outcome.status === 'unknown' && outcome.failure.message).toBe(
      'Authorize.net cannot tell yet what became of this refund: the list of unsettled transactions counts 1000 transactions but showed 998. It will be checked again.',
    );
    expect(sent).toHaveLength(1);
  });

  it(`stays unknown when a list goes on past ${MAX_PAGES} pages`, async () => {
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      endpoint(unsettledBody(page)).reply(200, anetJson(transactionList(otherTransactions(1000, 60120000000 + page * 1000))), HEADERS);
    }

    const outcome = await lookup();

    expect(outcome.status === 'unknown' && outcome.failure.message).toBe(
      'Authorize.net cannot tell yet what became of this refund: the list of unsettled transactions holds more than 20000 transactions, too many to search in full. It will be checked again.',
    );
    expect(sent).toHaveLength(MAX_PAGES);
  });
});
