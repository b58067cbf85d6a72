import nock from 'nock';
import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import { NOT_FOUND_AFTER_MS } from '../../../src/adapters/providers/nmi/nmi-query';
import {
  ATTEMPT_ID,
  NOW,
  nmiProvider,
  queryByOrderBody,
  queryByTransactionBody,
  queryEndpoint,
  queryXml,
  SECURITY_KEY,
  takeLeftovers,
  lookupRequest,
} from './nmi-nock';

/* Resolving an `unknown` attempt: a refund by its orderid (our attempt id), a void on the payment's own record. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

const emptyAnswer = '<?xml version="1.0" encoding="UTF-8"?>\n<nm_response>\n</nm_response>\n';
const longAgo = new Date(NOW.getTime() - NOT_FOUND_AFTER_MS - 1);
const refundAction = (success: '0' | '1') => ({ type: 'refund', amount: '10.99', success, ...(success === '0' ? { responseText: 'DECLINE', responseCode: '200' } : {}) });

describe('NMI provider: looking a refund up by order_id', () => {
  it('posts security_key and order_id (our attempt id) and finds the refund done', async () => {
    const scope = queryEndpoint(`security_key=${SECURITY_KEY}&order_id=${ATTEMPT_ID}`).reply(
      200,
      queryXml([{ id: '10834567890', orderId: ATTEMPT_ID, condition: 'pendingsettlement', actions: [refundAction('1')] }]),
    );

    expect(await nmiProvider().lookup(lookupRequest())).toEqual({ status: 'succeeded', providerRefundId: '10834567890' });
    expect(scope.isDone()).toBe(true);
  });

  it('finds a settled refund done too', async () => {
    const scope = queryEndpoint(queryByOrderBody()).reply(
      200,
      queryXml([{ id: '10834567890', orderId: ATTEMPT_ID, condition: 'complete', actions: [refundAction('1'), { type: 'settle', amount: '10.99', success: '1' }] }]),
    );

    expect(await nmiProvider().lookup(lookupRequest())).toEqual({ status: 'succeeded', providerRefundId: '10834567890' });
    expect(scope.isDone()).toBe(true);
  });

  it('finds a refund NMI received and refused', async () => {
    const scope = queryEndpoint(queryByOrderBody()).reply(
      200,
      queryXml([{ id: '10834567891', orderId: ATTEMPT_ID, condition: 'failed', actions: [refundAction('0')] }]),
    );

    expect(await nmiProvider().lookup(lookupRequest())).toEqual({
      status: 'failed',
      providerRefundId: '10834567891',
      failure: {
        code: 'refund_refused',
        message: 'NMI received this refund and refused it, so nothing was refunded. The reason is kept in the attempt details.',
        detail: { nmi_transaction_id: '10834567891', nmi_response_code: '200', nmi_response_text: 'DECLINE' },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('finds a refund that was voided in NMI before it settled', async () => {
    const scope = queryEndpoint(queryByOrderBody()).reply(
      200,
      queryXml([{ id: '10834567892', orderId: ATTEMPT_ID, condition: 'canceled', actions: [refundAction('1'), { type: 'void', amount: '10.99', success: '1' }] }]),
    );

    const outcome = await nmiProvider().lookup(lookupRequest());

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('refund_voided');
    expect(outcome.status === 'failed' && outcome.providerRefundId).toBe('10834567892');
    expect(scope.isDone()).toBe(true);
  });

  it('finds the refund among other orders’ transactions', async () => {
    const scope = queryEndpoint(queryByOrderBody()).reply(
      200,
      queryXml([
        { id: '7654321098', orderId: 'another-order', condition: 'complete', actions: [{ type: 'sale', amount: '100.00', success: '1' }] },
        { id: '10834567890', orderId: ATTEMPT_ID, condition: 'pendingsettlement', actions: [refundAction('1')] },
      ]),
    );

    expect(await nmiProvider().lookup(lookupRequest({ createdAt: longAgo }))).toEqual({ status: 'succeeded', providerRefundId: '10834567890' });
    expect(scope.isDone()).toBe(true);
  });

  it('concludes nothing from an answer that holds only other orders’ transactions: it is not the search by order_id', async () => {
    const others = Array.from({ length: 3 }, (_, i) => ({
      id: String(7654321098 + i),
      orderId: `another-order-${i}`,
      condition: 'complete',
      actions: [{ type: 'refund', amount: '1.00', success: '1' as const }],
    }));
    const scope = queryEndpoint(queryByOrderBody()).reply(200, queryXml(others));

    expect(await nmiProvider().lookup(lookupRequest({ createdAt: longAgo }))).toEqual({
      status: 'unknown',
      failure: {
        code: 'lookup_inconclusive',
        message: "NMI's search for this refund came back with other orders' transactions, so it cannot show whether the refund arrived. It stays unknown and will be checked again.",
        detail: { searched: `order_id ${ATTEMPT_ID}`, other_transactions: '3' },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('stays unknown on an answer cut off before its end', async () => {
    const whole = queryXml([{ id: '10834567890', orderId: ATTEMPT_ID, condition: 'pendingsettlement', actions: [refundAction('1')] }]);
    const scope = queryEndpoint(queryByOrderBody()).reply(200, whole.slice(0, whole.indexOf('</transaction>')));

    const outcome = await nmiProvider().lookup(lookupRequest({ createdAt: longAgo }));

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_unreadable_answer');
    expect(scope.isDone()).toBe(true);
  });

  it('keeps a recent attempt NMI does not show yet unknown: the request may still be in progress there', async () => {
    const scope = queryEndpoint(queryByOrderBody()).reply(200, emptyAnswer);

    expect(await nmiProvider().lookup(lookupRequest())).toEqual({
      status: 'unknown',
      failure: {
        code: 'not_yet_visible_at_provider',
        message: 'NMI does not show this refund yet. It may still be in progress, so it will be checked again later.',
        detail: { searched: `order_id ${ATTEMPT_ID}` },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('marks an older attempt NMI has no record of as never received', async () => {
    const scope = queryEndpoint(queryByOrderBody()).reply(200, emptyAnswer);

    expect(await nmiProvider().lookup(lookupRequest({ createdAt: longAgo }))).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_received_by_provider',
        message: 'NMI has no record of this refund: nothing was refunded. You can try again.',
        detail: { searched: `order_id ${ATTEMPT_ID}` },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('stays unknown when the Query API refuses, without repeating the key', async () => {
    const scope = queryEndpoint(queryByOrderBody()).reply(
      200,
      `<?xml version="1.0" encoding="UTF-8"?>\n<nm_response>\n  <error_response>Invalid security_key ${SECURITY_KEY} REFID:201239399</error_response>\n</nm_response>`,
    );

    const outcome = await nmiProvider().lookup(lookupRequest({ createdAt: longAgo }));

    expect(outcome).toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_query_refused',
        message: 'NMI refused to look the refund up; it stays unknown until it can be checked.',
        detail: { nmi_error: 'Invalid security_key [redacted] REFID:201239399' },
      },
    });
    expect(JSON.stringify(outcome)).not.toContain(SECURITY_KEY);
    expect(scope.isDone()).toBe(true);
  });

  it('stays unknown on an unreadable answer, keeping none of it: query answers carry cardholder details', async () => {
    const body = '<nm_response><transaction><first_name>John</first_name><transaction>';
    const scope = queryEndpoint(queryByOrderBody()).reply(200, body);

    expect(await nmiProvider().lookup(lookupRequest({ createdAt: longAgo }))).toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_unreadable_answer',
        message: "NMI's answer could not be read; the refund may or may not have gone through. It will be checked before anyone retries.",
        detail: { http_status: '200', body_chars: String(body.length) },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('stays unknown when NMI does not answer in time', async () => {
    const deadline = new AbortController();
    const scope = queryEndpoint(queryByOrderBody()).delay(NEVER_MS).reply(deadlineOnArrival(deadline, [200, emptyAnswer]));

    const outcome = await nmiProvider().lookup(lookupRequest({ createdAt: longAgo, signal: deadline.signal }));

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_timeout');
    expect(scope.isDone()).toBe(true);
  });
});

describe('NMI provider: looking a void up on the payment', () => {
  const voidLookup = lookupRequest({ kind: 'void' });
  const sale = { type: 'sale', amount: '100.00', success: '1' } as const;

  it('finds the payment voided', async () => {
    const scope = queryEndpoint(queryByTransactionBody()).reply(
      200,
      queryXml([{ id: '7654321098', condition: 'canceled', actions: [sale, { type: 'void', amount: '100.00', success: '1' }] }]),
    );

    expect(await nmiProvider().lookup(voidLookup)).toEqual({ status: 'succeeded', providerRefundId: '7654321098' });
    expect(scope.isDone()).toBe(true);
  });

  it('marks an older void never received when the payment carries no void', async () => {
    const scope = queryEndpoint(queryByTransactionBody()).reply(200, queryXml([{ id: '7654321098', condition: 'pendingsettlement', actions: [sale] }]));

    expect(await nmiProvider().lookup({ ...voidLookup, createdAt: longAgo })).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_received_by_provider',
        message: 'NMI has no record of this void: nothing was voided. You can try again.',
        detail: { searched: 'transaction_id 7654321098', nmi_condition: 'pendingsettlement' },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('finds a void NMI refused', async () => {
    const scope = queryEndpoint(queryByTransactionBody()).reply(
      200,
      queryXml([{ id: '7654321098', condition: 'complete', actions: [sale, { type: 'void', amount: '100.00', success: '0', responseText: 'Only transactions pending settlement can be voided', responseCode: '300' }] }]),
    );

    const outcome = await nmiProvider().lookup(voidLookup);

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('void_refused');
    expect(scope.isDone()).toBe(true);
  });
});
