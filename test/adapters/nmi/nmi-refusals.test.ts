import nock from 'nock';
import { abortOnArrival, deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import type { ProviderOutcome } from '../../../src/ports/payment-provider';
import { directPost, nmiProvider, refundBody, refundRequest, SECURITY_KEY, takeLeftovers, transactEndpoint } from './nmi-nock';

/* NMI's refusals and silences for a refund: HTTP 200 with an error in the body, unreadable answers, no answer at all. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

const checkedLater = 'the refund may or may not have gone through. It will be checked before anyone retries.';

async function refundAnswered(body: string, status = 200): Promise<ProviderOutcome> {
  const scope = transactEndpoint(refundBody('10.99')).reply(status, body);
  const outcome = await nmiProvider().refund(refundRequest());
  expect(scope.isDone()).toBe(true);
  expect(JSON.stringify(outcome)).not.toContain(SECURITY_KEY);
  return outcome;
}

describe('NMI provider: refusals, read from the body of an HTTP 200', () => {
  it('records a processor decline (response 2) as failed', async () => {
    const outcome = await refundAnswered(directPost({ response: '2', responsetext: 'DECLINE', transactionid: '10834567894', type: 'refund', response_code: '200' }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'refund_declined',
        message:
          "NMI's processor declined the refund, so nothing was refunded. Refund the customer another way (for example by bank transfer) and note it on the record.",
        detail: { nmi_response: '2', nmi_response_code: '200', nmi_responsetext: 'DECLINE', nmi_transactionid: '10834567894' },
      },
    });
  });

  it('explains a refund above what is left on the payment (300, "may not exceed the transaction balance")', async () => {
    const outcome = await refundAnswered(
      directPost({ response: '3', responsetext: 'Refund amount may not exceed the transaction balance REFID:3503249728', type: 'refund', response_code: '300' }),
    );

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'amount_exceeds_refundable',
        message:
          'NMI refused: the amount is more than what is left to refund on this payment, so nothing was refunded. Part of it may have been refunded directly in NMI; check the payment there and refund a smaller amount.',
        detail: {
          nmi_response: '3',
          nmi_response_code: '300',
          nmi_responsetext: 'Refund amount may not exceed the transaction balance',
          nmi_refid: '3503249728',
        },
      },
    });
  });

  it('explains a payment that is not settled yet: void it now or refund after settlement', async () => {
    const outcome = await refundAnswered(
      directPost({ response: '3', responsetext: 'Transaction is not settled yet and cannot be refunded REFID:3503249801', type: 'refund', response_code: '300' }),
    );

    expect(outcome.status === 'failed' && outcome.failure).toEqual({
      code: 'payment_not_settled',
      message:
        'NMI has not settled this payment yet, so it cannot be refunded and nothing was refunded. Void it now to cancel the whole payment, or refund it after settlement (usually the next business day).',
      detail: {
        nmi_response: '3',
        nmi_response_code: '300',
        nmi_responsetext: 'Transaction is not settled yet and cannot be refunded',
        nmi_refid: '3503249801',
      },
    });
  });

  it.each([
    ['the gateway duplicate check', 'Duplicate transaction REFID:13132563', '300'],
    ['the processor duplicate check', 'Duplicate transaction at processor', '430'],
  ])('explains a refusal by %s', async (_name, responsetext, responseCode) => {
    const outcome = await refundAnswered(directPost({ response: '3', responsetext, type: 'refund', response_code: responseCode }));

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('duplicate_refused');
    expect(outcome.status === 'failed' && outcome.failure.message).toBe(
      'NMI refused this refund as a duplicate of one it processed moments ago, so nothing was refunded by this request. Check the payment in NMI before trying again.',
    );
  });

  it.each([
    ['a rate limit (301)', 'Rate limit exceeded', '301', 'provider_rate_limited', 'NMI is receiving too many requests and did not process this refund; nothing was refunded. Try again in a minute.'],
    [
      'a bad security key',
      'Authentication Failed',
      '300',
      'provider_authentication_failed',
      "NMI rejected this app's security key, so nothing was refunded. Ask a HubSpot admin to check the NMI security key configured for the refund app.",
    ],
    [
      'an unknown transaction id',
      'Invalid Transaction ID specified REFID:3161856100',
      '300',
      'payment_not_found',
      'NMI cannot find this payment, so nothing was refunded. Check the transaction id on the record, and that the app uses the NMI account that took the payment.',
    ],
    [
      'any other refusal, its text kept for the operator only',
      'Transaction type not allowed for this processor REFID:3161856177',
      '300',
      'provider_refused',
      "NMI refused the refund, so nothing was refunded. The provider's reason is kept in the attempt's details for your admin.",
    ],
  ])('maps %s to failed', async (_name, responsetext, responseCode, code, message) => {
    const outcome = await refundAnswered(directPost({ response: '3', responsetext, type: 'refund', response_code: responseCode }));

    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.failure.code).toBe(code);
    expect(outcome.status === 'failed' && outcome.failure.message).toBe(message);
    expect(outcome.status === 'failed' && outcome.failure.detail?.nmi_responsetext).toBe(responsetext.replace(/ REFID:\d+$/, ''));
  });

  it('keeps the security key out of the outcome even if NMI echoes it back', async () => {
    const outcome = await refundAnswered(
      directPost({ response: '3', responsetext: `Invalid value for security_key=${SECURITY_KEY} REFID:1`, type: 'refund', response_code: '300' }),
    );

    expect(JSON.stringify(outcome)).not.toContain(SECURITY_KEY);
    expect(outcome.status === 'failed' && outcome.failure.detail?.nmi_responsetext).toBe('Invalid value for security_key=[redacted]');
  });
});

describe('NMI provider: answers that do not tell', () => {
  it.each([
    ['an HTML error page', '<html><body><h1>502 Bad Gateway</h1></body></html>', 502],
    ['an empty body', '', 200],
    ['JSON', '{"response":1}', 200],
    ['a form without response_code', 'response=1&responsetext=SUCCESS&transactionid=10834567895', 200],
    ['an approval without a transaction id', directPost({ response: '1', responsetext: 'SUCCESS', type: 'refund', response_code: '100' }), 200],
  ])('treats %s as unknown', async (_name, body, status) => {
    const outcome = await refundAnswered(body, status);

    expect(outcome).toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_unreadable_answer',
        message: `NMI's answer could not be read; ${checkedLater}`,
        detail: { http_status: String(status), body_start: body.slice(0, 200) },
      },
    });
  });

  it('gives up on an answer that comes after the deadline', async () => {
    const deadline = new AbortController();
    const scope = transactEndpoint(refundBody('10.99'))
      .delay(NEVER_MS)
      .reply(deadlineOnArrival(deadline, [200, directPost({ response: '1', responsetext: 'SUCCESS', transactionid: '1', type: 'refund', response_code: '100' })]));

    const outcome = await nmiProvider().refund(refundRequest({ signal: deadline.signal }));

    expect(outcome).toEqual({
      status: 'unknown',
      failure: { code: 'provider_timeout', message: `NMI did not answer in time; ${checkedLater}`, detail: { reason: 'deadline' } },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const scope = transactEndpoint(refundBody('10.99'))
      .delay(NEVER_MS)
      .reply(abortOnArrival(controller, [200, directPost({ response: '1', responsetext: 'SUCCESS', transactionid: '1', type: 'refund', response_code: '100' })]));

    const outcome = await nmiProvider().refund(refundRequest({ signal: controller.signal }));

    expect(outcome).toEqual({
      status: 'unknown',
      failure: { code: 'request_aborted', message: `The wait for NMI was stopped; ${checkedLater}`, detail: { reason: 'aborted' } },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('treats a broken connection as unknown', async () => {
    const scope = transactEndpoint(refundBody('10.99')).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

    const outcome = await nmiProvider().refund(refundRequest());

    expect(outcome.status).toBe('unknown');
    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_connection_lost');
    expect(outcome.status === 'unknown' && outcome.failure.message).toBe(`The connection to NMI broke before it answered; ${checkedLater}`);
    expect(JSON.stringify(outcome)).not.toContain(SECURITY_KEY);
    expect(scope.isDone()).toBe(true);
  });
});
