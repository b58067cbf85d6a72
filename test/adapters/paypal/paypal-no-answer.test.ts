import nock from 'nock';
import { abortOnArrival, deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import {
  DEBUG_ID,
  FULL_BODY,
  PAYPAL_HEADERS,
  payPalError,
  payPalProvider,
  refundCall,
  refundEndpoint,
  refundFixture,
  refundRequest,
  sent,
  takeLeftovers,
  tokenCall,
  tokenEndpoint,
  tokenFixture,
} from './paypal-nock';
import { issueDescription } from './paypal-spec';

/* PayPal's silences and unclear answers (unknown: looked up later). Its refusals: paypal-provider-errors. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

/** Every case below sends the same full refund of capture 2GG279541U471931P. */
const theRefund = refundCall(FULL_BODY);

function givenToken(): void {
  tokenEndpoint().reply(200, tokenFixture(), { 'Content-Type': 'application/json' });
}

const link = (name: string) => `https://developer.paypal.com/docs/api/payments/v2/#error-${name}`;

describe('PayPal provider: no usable answer (unknown, looked up later)', () => {
  const checkedLater = 'the refund may or may not have gone through. It will be checked before anyone retries.';

  it.each([
    [500, payPalError('error_500')],
    [503, payPalError('error_503')],
    [502, undefined],
  ])('treats a PayPal %s as unknown', async (http, body) => {
    givenToken();
    const scope = refundEndpoint(FULL_BODY).reply(http, body, PAYPAL_HEADERS);

    const outcome = await payPalProvider().refund(refundRequest());

    expect(outcome.status).toBe('unknown');
    expect(outcome.status === 'unknown' && outcome.failure).toEqual({
      code: 'provider_server_error',
      message: `PayPal had a problem on its side; ${checkedLater}`,
      detail: expect.objectContaining({ http_status: String(http), debug_id: DEBUG_ID }) as Record<string, string>,
    });
    expect(sent).toEqual([tokenCall, theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('treats PREVIOUS_REQUEST_IN_PROGRESS (409) as unknown', async () => {
    givenToken();
    const scope = refundEndpoint(FULL_BODY).reply(409, payPalError('error_409', { schema: '409', issue: 'PREVIOUS_REQUEST_IN_PROGRESS' }), PAYPAL_HEADERS);

    const outcome = await payPalProvider().refund(refundRequest());

    expect(outcome).toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_request_in_progress',
        message: `PayPal is still working on an earlier submission of this refund; ${checkedLater}`,
        detail: {
          http_status: '409',
          paypal_name: 'RESOURCE_CONFLICT',
          paypal_issue: 'PREVIOUS_REQUEST_IN_PROGRESS',
          paypal_description: issueDescription('409', 'PREVIOUS_REQUEST_IN_PROGRESS'),
          paypal_message: 'The server has detected a conflict while processing this request.',
          debug_id: DEBUG_ID,
          information_link: link('PREVIOUS_REQUEST_IN_PROGRESS'),
        },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('treats a 201 that is not a refund as unknown', async () => {
    givenToken();
    const scope = refundEndpoint(FULL_BODY).reply(201, '<html>gateway</html>', { 'Content-Type': 'text/html' });

    await expect(payPalProvider().refund(refundRequest())).resolves.toEqual({
      status: 'unknown',
      failure: { code: 'provider_unreadable_answer', message: `PayPal's answer could not be read; ${checkedLater}`, detail: { reason: 'not_a_refund', http_status: '201' } },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('gives up on an answer that comes after the timeout', async () => {
    givenToken();
    const deadline = new AbortController();
    const scope = refundEndpoint(FULL_BODY).delay(NEVER_MS).reply(deadlineOnArrival(deadline, [201, refundFixture(), PAYPAL_HEADERS]));

    const outcome = await payPalProvider().refund(refundRequest({ signal: deadline.signal }));

    expect(outcome).toEqual({
      status: 'unknown',
      failure: { code: 'provider_timeout', message: `PayPal did not answer in time; ${checkedLater}`, detail: { reason: 'deadline' } },
    });
    expect(sent).toEqual([tokenCall, theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('counts the token request in the same time budget: a token that comes after it ended sends nothing', async () => {
    const controller = new AbortController();
    tokenEndpoint().reply(abortOnArrival(controller, [200, tokenFixture(), { 'Content-Type': 'application/json' }]));

    const outcome = await payPalProvider().refund(refundRequest({ signal: controller.signal }));

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('not_sent');
    expect(sent).toEqual([tokenCall]);
  });

  it('stops waiting when the caller aborts', async () => {
    givenToken();
    const controller = new AbortController();
    const scope = refundEndpoint(FULL_BODY).delay(NEVER_MS).reply(abortOnArrival(controller, [201, refundFixture(), PAYPAL_HEADERS]));

    const outcome = await payPalProvider().refund(refundRequest({ signal: controller.signal }));

    expect(outcome).toEqual({
      status: 'unknown',
      failure: { code: 'request_aborted', message: `The wait for PayPal was stopped; ${checkedLater}`, detail: { reason: 'aborted' } },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('treats a reset connection as unknown, without quoting the request', async () => {
    givenToken();
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const scope = refundEndpoint(FULL_BODY).replyWithError(reset);

    const outcome = await payPalProvider().refund(refundRequest());

    expect(outcome).toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_connection_lost',
        message: `The connection to PayPal broke before it answered; ${checkedLater}`,
        detail: { cause: 'ECONNRESET' },
      },
    });
    expect(sent).toEqual([tokenCall, theRefund]);
    expect(scope.isDone()).toBe(true);
  });
});
