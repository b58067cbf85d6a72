import nock from 'nock';
import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import type { PaymentProvider } from '../../../src/ports/payment-provider';
import {
  directPost,
  nmiProvider,
  queryByTransactionBody,
  queryEndpoint,
  queryXml,
  SECURITY_KEY,
  takeLeftovers,
  transactEndpoint,
  unmatched,
  voidBody,
  voidRequest,
} from './nmi-nock';

/* Voids: whether the payment is still unsettled (Query API by transaction_id), and the void itself (type=void). */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

function voids(provider: PaymentProvider = nmiProvider()): NonNullable<PaymentProvider['voids']> {
  if (!provider.voids) throw new Error('the NMI provider must void');
  return provider.voids;
}

const sale = { type: 'sale', amount: '100.00', success: '1' } as const;
const settle = { type: 'settle', amount: '100.00', success: '1' } as const;

describe('NMI provider: settlement, from the Query API', () => {
  it('posts security_key and transaction_id to /api/query.php and reads pendingsettlement as unsettled', async () => {
    let contentType: unknown;
    const scope = queryEndpoint(`security_key=${SECURITY_KEY}&transaction_id=7654321098`).reply(function () {
      contentType = this.req.headers['content-type'];
      return [200, queryXml([{ id: '7654321098', condition: 'pendingsettlement', actions: [sale] }])];
    });

    expect(await voids().settlement('7654321098', new AbortController().signal)).toEqual({ state: 'unsettled' });
    expect(contentType).toBe('application/x-www-form-urlencoded');
    expect(scope.isDone()).toBe(true);
  });

  it('reads complete as settled', async () => {
    const scope = queryEndpoint(queryByTransactionBody()).reply(200, queryXml([{ id: '7654321098', condition: 'complete', actions: [sale, settle] }]));

    expect(await voids().settlement('7654321098', new AbortController().signal)).toEqual({ state: 'settled' });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['canceled', 'NMI shows this payment as already voided.', undefined],
    ['pending', 'NMI holds only an authorization for this payment: it was never captured.', undefined],
    ['failed', 'NMI shows this payment as failed: nothing was charged.', undefined],
    ['unknown', 'NMI itself reports an unknown state for this payment.', undefined],
    ['on_hold', 'NMI reports the payment in a state this app does not know.', { nmi_condition: 'on_hold' }],
  ])('cannot tell for a payment in condition %s (NMI\'s own words for the operator only)', async (condition, reason, detail) => {
    const scope = queryEndpoint(queryByTransactionBody()).reply(200, queryXml([{ id: '7654321098', condition, actions: [sale] }]));

    expect(await voids().settlement('7654321098', new AbortController().signal)).toEqual({ state: 'unknown', reason, ...(detail ? { detail } : {}) });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['no such transaction', '<?xml version="1.0" encoding="UTF-8"?>\n<nm_response>\n</nm_response>', 'NMI has no transaction 7654321098 in this account.', undefined],
    [
      'an error response',
      '<?xml version="1.0" encoding="UTF-8"?>\n<nm_response>\n  <error_response>Invalid Username/Password REFID:201239399</error_response>\n</nm_response>',
      "NMI's Query API refused the request.",
      { nmi_error: 'Invalid Username/Password' },
    ],
    ['an unreadable answer', '<nm_response><transaction>', "NMI's answer could not be read.", undefined],
  ])('cannot tell from %s', async (_name, xml, reason, detail) => {
    const scope = queryEndpoint(queryByTransactionBody()).reply(200, xml);

    expect(await voids().settlement('7654321098', new AbortController().signal)).toEqual({ state: 'unknown', reason, ...(detail ? { detail } : {}) });
    expect(scope.isDone()).toBe(true);
  });

  it('cannot tell when NMI does not answer in time', async () => {
    const deadline = new AbortController();
    const scope = queryEndpoint(queryByTransactionBody())
      .delay(NEVER_MS)
      .reply(deadlineOnArrival(deadline, [200, queryXml([{ id: '7654321098', condition: 'pendingsettlement', actions: [sale] }])]));

    expect(await voids().settlement('7654321098', deadline.signal)).toEqual({
      state: 'unknown',
      reason: 'NMI did not answer in time.',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('does not ask NMI about an id that is not an NMI transaction id', async () => {
    const settlement = await voids().settlement('pi_3Mtw', new AbortController().signal);

    expect(settlement.state).toBe('unknown');
    expect(unmatched).toEqual([]);
  });
});

describe('NMI provider: void', () => {
  it('posts security_key, type=void and the transaction id, and reads the approval', async () => {
    let body: unknown;
    const scope = transactEndpoint(`security_key=${SECURITY_KEY}&type=void&transactionid=7654321098`).reply((_uri, sent) => {
      body = sent;
      return [200, directPost({ response: '1', responsetext: 'Transaction Void Successful', transactionid: '7654321098', type: 'void', response_code: '100' })];
    });

    const outcome = await voids().void(voidRequest());

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: '7654321098' });
    expect(body).toBe(voidBody());
    expect(scope.isDone()).toBe(true);
  });

  it('explains that a settled payment can no longer be voided', async () => {
    const scope = transactEndpoint(voidBody()).reply(
      200,
      directPost({
        response: '3',
        responsetext: 'Only transactions pending settlement can be voided REFID:3161855545',
        transactionid: '7654321098',
        type: 'void',
        response_code: '300',
      }),
    );

    const outcome = await voids().void(voidRequest());

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'payment_already_settled',
        message: 'NMI has already settled this payment, so it can no longer be voided and the payment was not cancelled. Refund it instead.',
        detail: {
          nmi_response: '3',
          nmi_response_code: '300',
          nmi_responsetext: 'Only transactions pending settlement can be voided',
          nmi_refid: '3161855545',
          nmi_transactionid: '7654321098',
        },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('treats a void without an answer as unknown', async () => {
    const deadline = new AbortController();
    const scope = transactEndpoint(voidBody())
      .delay(NEVER_MS)
      .reply(deadlineOnArrival(deadline, [200, directPost({ response: '1', responsetext: 'Transaction Void Successful', transactionid: '7654321098', type: 'void', response_code: '100' })]));

    const outcome = await voids().void(voidRequest({ signal: deadline.signal }));

    expect(outcome).toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_timeout',
        message: 'NMI did not answer in time; the void may or may not have gone through. It will be checked before anyone retries.',
        detail: { reason: 'deadline' },
      },
    });
    expect(scope.isDone()).toBe(true);
  });
});
