import nock from 'nock';
import { deadlineOnArrival, NEVER_MS } from '../../support/provider-timing';
import { MAX_PAGES } from '../../../src/adapters/providers/stripe/stripe-lookup';
import {
  ATTEMPT_ID,
  PAYMENT_INTENT,
  SECRET_KEY,
  STRIPE_HEADERS,
  STRIPE_VERSION,
  lookupRequest,
  otherRefunds,
  refundFixture,
  refundList,
  refundListEndpoint,
  sent,
  stripeError,
  stripeProvider,
  takeLeftovers,
} from './stripe-nock';

/*
 * What became of an attempt whose refund call went unanswered: the payment's refunds, newest first, page by page
 * until one carries the attempt id, and "never sent" only once Stripe says there is no further page.
 */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

const firstPage = { payment_intent: PAYMENT_INTENT, limit: '100' };
const pageAfter = (refundId: string) => ({ ...firstPage, starting_after: refundId });
const ours = (status: string, changes: Record<string, unknown> = {}) =>
  refundFixture({ id: 're_3PgcOurs01', amount: 1099, payment_intent: PAYMENT_INTENT, status, metadata: { attempt_id: ATTEMPT_ID }, ...changes });
const lastIdOf = (refunds: readonly Record<string, unknown>[]) => String(refunds.at(-1)?.id);

/** GET /v1/refunds with its query, as the tests compare it: the SDK sends the parameters in this order. */
const listCall = (query: string) => ({
  method: 'GET',
  path: `/v1/refunds?${query}`,
  headers: expect.objectContaining({ authorization: `Bearer ${SECRET_KEY}`, 'stripe-version': STRIPE_VERSION }) as Record<string, unknown>,
  fields: [],
});

describe('Stripe lookup by the payment\'s refunds', () => {
  it('finds the refund on the first page', async () => {
    const page = [...otherRefunds(3), ours('succeeded')];
    const scope = refundListEndpoint(firstPage).reply(200, refundList(page, true), STRIPE_HEADERS);

    await expect(stripeProvider().lookup(lookupRequest())).resolves.toEqual({ status: 'succeeded', providerRefundId: 're_3PgcOurs01' });
    expect(sent).toEqual([listCall(`payment_intent=${PAYMENT_INTENT}&limit=100`)]);
    expect(scope.isDone()).toBe(true);
  });

  it('finds the refund beyond the first page, after 100 newer refunds of the same payment', async () => {
    const newer = otherRefunds(100);
    const first = refundListEndpoint(firstPage).reply(200, refundList(newer, true), STRIPE_HEADERS);
    const second = refundListEndpoint(pageAfter(lastIdOf(newer))).reply(200, refundList([...otherRefunds(2, 101), ours('pending')], false), STRIPE_HEADERS);

    const outcome = await stripeProvider().lookup(lookupRequest());

    expect(outcome).toMatchObject({ status: 'pending', providerRefundId: 're_3PgcOurs01' });
    expect(sent).toEqual([
      listCall(`payment_intent=${PAYMENT_INTENT}&limit=100`),
      listCall(`payment_intent=${PAYMENT_INTENT}&limit=100&starting_after=${lastIdOf(newer)}`),
    ]);
    expect(first.isDone() && second.isDone()).toBe(true);
  });

  it('reads a failed refund found on a later page as failed, with Stripe\'s reason', async () => {
    const newer = otherRefunds(100);
    refundListEndpoint(firstPage).reply(200, refundList(newer, true), STRIPE_HEADERS);
    refundListEndpoint(pageAfter(lastIdOf(newer))).reply(200, refundList([ours('failed', { failure_reason: 'expired_or_canceled_card' })], false), STRIPE_HEADERS);

    const outcome = await stripeProvider().lookup(lookupRequest());

    expect(outcome).toMatchObject({ status: 'failed', providerRefundId: 're_3PgcOurs01', failure: { code: 'refund_failed', detail: { failure_reason: 'expired_or_canceled_card' } } });
  });

  it('concludes "never sent" only after the last page', async () => {
    const pages = [otherRefunds(100, 1), otherRefunds(100, 101), otherRefunds(40, 201)];
    refundListEndpoint(firstPage).reply(200, refundList(pages[0]!, true), STRIPE_HEADERS);
    refundListEndpoint(pageAfter(lastIdOf(pages[0]!))).reply(200, refundList(pages[1]!, true), STRIPE_HEADERS);
    refundListEndpoint(pageAfter(lastIdOf(pages[1]!))).reply(200, refundList(pages[2]!, false), STRIPE_HEADERS);

    await expect(stripeProvider().lookup(lookupRequest())).resolves.toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_received_by_provider',
        message: 'Stripe has no refund for this attempt: nothing was refunded. You can refund again.',
        detail: { searched: `refunds of ${PAYMENT_INTENT}, all 3 page(s)` },
      },
    });
    expect(sent).toHaveLength(3);
  });

  it('concludes the same from an empty list', async () => {
    refundListEndpoint(firstPage).reply(200, refundList([], false), STRIPE_HEADERS);

    const outcome = await stripeProvider().lookup(lookupRequest());

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('not_received_by_provider');
  });

  it('searches the refunds of a Charge by its charge id', async () => {
    const charge = 'ch_1PgafuB7WZ01zgkWXYmPNZs8';
    const scope = refundListEndpoint({ charge, limit: '100' }).reply(200, refundList([ours('succeeded', { charge, payment_intent: null })], false), STRIPE_HEADERS);

    await expect(stripeProvider().lookup(lookupRequest({ providerTransactionId: charge }))).resolves.toEqual({ status: 'succeeded', providerRefundId: 're_3PgcOurs01' });
    expect(sent).toEqual([listCall(`charge=${charge}&limit=100`)]);
    expect(scope.isDone()).toBe(true);
  });
});

describe('Stripe lookup cut short: the attempt stays unknown', () => {
  it('when the next page does not come within the time budget', async () => {
    const newer = otherRefunds(100);
    refundListEndpoint(firstPage).reply(200, refundList(newer, true), STRIPE_HEADERS);
    const deadline = new AbortController();
    refundListEndpoint(pageAfter(lastIdOf(newer)))
      .delay(NEVER_MS)
      .reply(deadlineOnArrival(deadline, [200, refundList([ours('succeeded')], false), STRIPE_HEADERS]));

    await expect(stripeProvider().lookup(lookupRequest({ signal: deadline.signal }))).resolves.toEqual({
      status: 'unknown',
      failure: {
        code: 'provider_timeout',
        message: 'Stripe did not answer in time; the refund may or may not have gone through. It will be checked before anyone retries.',
        detail: { reason: 'deadline' },
      },
    });
    expect(sent).toHaveLength(2);
  });

  it('when Stripe fails on a later page', async () => {
    const newer = otherRefunds(100);
    refundListEndpoint(firstPage).reply(200, refundList(newer, true), STRIPE_HEADERS);
    refundListEndpoint(pageAfter(lastIdOf(newer))).reply(500, stripeError({ type: 'api_error', message: 'An unknown error occurred' }), STRIPE_HEADERS);

    const outcome = await stripeProvider().lookup(lookupRequest());

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_server_error');
  });

  it.each([
    ['a rate limit', 429, { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests hit the API too quickly.' }, 'provider_rate_limited'],
    ['a key that may not read refunds', 403, { type: 'invalid_request_error', message: 'The provided key does not have the required permissions.' }, 'provider_permission_denied'],
    ['a payment this key cannot see', 404, { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_intent', message: `No such payment_intent: '${PAYMENT_INTENT}'` }, 'payment_not_found'],
  ] as const)('when Stripe refuses a page with %s: that says nothing about the refund', async (_name, http, error, refusal) => {
    const newer = otherRefunds(100);
    refundListEndpoint(firstPage).reply(200, refundList(newer, true), STRIPE_HEADERS);
    refundListEndpoint(pageAfter(lastIdOf(newer))).reply(http, stripeError(error), STRIPE_HEADERS);

    const outcome = await stripeProvider().lookup(lookupRequest());

    expect(outcome).toMatchObject({ status: 'unknown', failure: { code: 'lookup_inconclusive', detail: { refusal, http_status: String(http) } } });
    expect(outcome.status === 'unknown' && outcome.failure.message).toBe('Stripe did not say what became of this refund yet; it stays unknown and will be checked again.');
  });

  it('when a page is not a list of refunds', async () => {
    refundListEndpoint(firstPage).reply(200, { object: 'list', url: '/v1/refunds', data: otherRefunds(2) }, STRIPE_HEADERS);

    const outcome = await stripeProvider().lookup(lookupRequest());

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('provider_unreadable_answer');
  });

  it('when the caller stops waiting', async () => {
    const controller = new AbortController();
    refundListEndpoint(firstPage, () => controller.abort()).delay(NEVER_MS).reply(200, refundList([ours('succeeded')], false), STRIPE_HEADERS);

    const outcome = await stripeProvider().lookup(lookupRequest({ signal: controller.signal }));

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('request_aborted');
  });

  it(`after ${MAX_PAGES} pages without the refund and without the end of the list`, async () => {
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page += 1) {
      const refunds = otherRefunds(100, page * 100 + 1);
      refundListEndpoint(after === null ? firstPage : pageAfter(after)).reply(200, refundList(refunds, true), STRIPE_HEADERS);
      after = lastIdOf(refunds);
    }

    const outcome = await stripeProvider().lookup(lookupRequest());

    expect(outcome).toEqual({
      status: 'unknown',
      failure: {
        code: 'lookup_inconclusive',
        message:
          "Stripe shows more refunds on this payment than one check reads (the newest 2000), and this attempt's refund is not among them, so whether it went through is still unknown. Look for it on the payment in the Stripe dashboard.",
        detail: { searched: `refunds of ${PAYMENT_INTENT}, the newest ${MAX_PAGES} page(s)`, last_refund_read: after },
      },
    });
    expect(sent).toHaveLength(MAX_PAGES);
  });
});

describe('Stripe lookup of a refund whose id is known', () => {
  it('reads GET /v1/refunds/{id}', async () => {
    const scope = nock('https://api.stripe.com')
      .matchHeader('authorization', `Bearer ${SECRET_KEY}`)
      .get('/v1/refunds/re_3PgcKnown1')
      .reply(200, refundFixture({ id: 're_3PgcKnown1', amount: 1099, payment_intent: PAYMENT_INTENT, status: 'succeeded' }), STRIPE_HEADERS);

    await expect(stripeProvider().lookup(lookupRequest({ providerRefundId: 're_3PgcKnown1' }))).resolves.toEqual({ status: 'succeeded', providerRefundId: 're_3PgcKnown1' });
    expect(scope.isDone()).toBe(true);
  });

  it('stays unknown when Stripe does not find that refund with this key', async () => {
    const scope = nock('https://api.stripe.com')
      .get('/v1/refunds/re_3PgcKnown1')
      .reply(404, stripeError({ type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: "No such refund: 're_3PgcKnown1'" }), STRIPE_HEADERS);

    const outcome = await stripeProvider().lookup(lookupRequest({ providerRefundId: 're_3PgcKnown1' }));

    expect(outcome.status === 'unknown' && outcome.failure.code).toBe('lookup_inconclusive');
    expect(scope.isDone()).toBe(true);
  });
});
