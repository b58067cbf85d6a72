import nock from 'nock';
import { abortOnArrival, deadlineOnArrival, deadlinePassed, NEVER_MS } from '../../support/provider-timing';
import {
  HEADERS,
  TRANSACTION_KEY,
  anetJson,
  approved,
  call,
  endpoint,
  provider,
  refundBody,
  refundRequest,
  sent,
  takeLeftovers,
  unmatched,
} from './authorize-net-nock';

/* Authorize.net's silences and unreadable answers: `unknown`, looked up later, never retried blindly. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

const theRefund = call(refundBody());
const checkedLater = 'the refund may or may not have gone through. It will be checked before anyone retries.';

describe('Authorize.net refund: no usable answer', () => {
  it.each([500, 502, 503])('treats HTTP %s as unknown', async (status) => {
    const scope = endpoint(refundBody()).reply(status, '<html><body>Service Unavailable</body></html>', { 'Content-Type': 'text/html' });

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'unknown',
      failure: { code: 'provider_server_error', message: `Authorize.net had a problem on its side; ${checkedLater}`, detail: { http_status: String(status) } },
    });
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('treats an answer that is not JSON as unknown', async () => {
    const scope = endpoint(refundBody()).reply(200, '<html><body>Please wait…</body></html>', { 'Content-Type': 'text/html' });

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_unreadable_answer',
        message: `Authorize.net's answer could not be read; ${checkedLater}`,
        detail: { http_status: '200', reason: 'not_json' },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('treats JSON of another shape as unknown', async () => {
    const scope = endpoint(refundBody()).reply(200, anetJson({ status: 'ok' }), HEADERS);

    const outcome = await provider().refund(refundRequest());

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_unreadable_answer');
    expect(scope.isDone()).toBe(true);
  });

  it('treats an approval without a transaction id as unknown', async () => {
    const answer = approved('0');
    const scope = endpoint(refundBody()).reply(200, anetJson(answer), HEADERS);

    const outcome = await provider().refund(refundRequest());

    expect(outcome.status).toBe('unknown');
    expect(outcome.status === 'unknown' && outcome.failure.message).toBe(`Authorize.net's answer did not say how the refund went; ${checkedLater}`);
    expect(scope.isDone()).toBe(true);
  });

  it('treats E00001, a system error during processing, as unknown', async () => {
    const scope = endpoint(refundBody()).reply(
      200,
      anetJson({ messages: { resultCode: 'Error', message: [{ code: 'E00001', text: 'An error occurred during processing. Please try again.' }] } }),
      HEADERS,
    );

    const outcome = await provider().refund(refundRequest());

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_server_error');
    expect(scope.isDone()).toBe(true);
  });

  it('reads a 404 from a wrong address as failed: nothing reached the API', async () => {
    const scope = endpoint(refundBody()).reply(404, 'Not Found', { 'Content-Type': 'text/plain' });

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'provider_http_error',
        message:
          'The Authorize.net address this app uses refused the request (HTTP 404), so nothing was sent to Authorize.net. Ask a HubSpot admin to check AUTHORIZENET_API_BASE.',
        detail: { http_status: '404' },
      },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('treats a broken connection as unknown, without the key in the detail', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const scope = endpoint(refundBody()).replyWithError(reset);

    const outcome = await provider().refund(refundRequest());

    expect(outcome.status).toBe('unknown');
    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_connection_lost');
    expect(outcome.status === 'unknown' && outcome.failure.message).toBe(`The connection to Authorize.net broke before it answered; ${checkedLater}`);
    expect(JSON.stringify(outcome)).not.toContain(TRANSACTION_KEY);
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('gives up on an answer that comes after the timeout', async () => {
    const deadline = new AbortController();
    const scope = endpoint(refundBody()).delay(NEVER_MS).reply(deadlineOnArrival(deadline, [200, anetJson(approved('60123499010')), HEADERS]));

    const outcome = await provider().refund(refundRequest({ signal: deadline.signal }));

    expect(outcome).toEqual({
      status: 'unknown',
      failure: { code: 'provider_timeout', message: `Authorize.net did not answer in time; ${checkedLater}`, detail: { reason: 'deadline' } },
    });
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const scope = endpoint(refundBody()).delay(NEVER_MS).reply(abortOnArrival(controller, [200, anetJson(approved('60123499011')), HEADERS]));

    const outcome = await provider().refund(refundRequest({ signal: controller.signal }));

    expect(outcome).toEqual({
      status: 'unknown',
      failure: { code: 'request_aborted', message: `The wait for Authorize.net was stopped; ${checkedLater}`, detail: { reason: 'aborted' } },
    });
    expect(sent).toEqual([theRefund]);
    expect(scope.isDone()).toBe(true);
  });

  it('sends nothing when the deadline has already passed', async () => {
    const controller = new AbortController();
    controller.abort(deadlinePassed());

    await expect(provider().refund(refundRequest({ signal: controller.signal }))).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_sent',
        message: 'The time allowed for this refund ran out before Authorize.net was asked, so nothing was refunded. Try again.',
        detail: { reason: 'deadline_before_sending' },
      },
    });
    expect(sent).toEqual([]);
    expect(unmatched).toEqual([]);
  });
});
