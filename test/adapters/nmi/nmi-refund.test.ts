import nock from 'nock';
import { deadlinePassed } from '../../support/provider-timing';
import { createNmiProvider } from '../../../src/adapters/providers/nmi/nmi-provider';
import { money } from '../../../src/domain/money';
import {
  ATTEMPT_ID,
  directPost,
  NMI_API,
  nmiProvider,
  PAYMENT_ID,
  refundBody,
  refundRequest,
  NOW,
  SECURITY_KEY,
  takeLeftovers,
  transactEndpoint,
  unmatched,
} from './nmi-nock';

/* What the adapter sends to NMI's Payment API for a refund, and how it reads an approval. Refusals: nmi-refusals. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

const approved = (transactionid: string, orderid = ATTEMPT_ID) =>
  directPost({ response: '1', responsetext: 'SUCCESS', transactionid, orderid, type: 'refund', response_code: '100' });

describe('NMI provider: the refund it sends', () => {
  it('posts the exact form to /api/transact.php and reads the refund transaction id', async () => {
    let sent: { body: unknown; contentType: unknown; url: string } | undefined;
    const scope = transactEndpoint(refundBody('10.99')).reply(function (uri, body) {
      sent = { body, contentType: this.req.headers['content-type'], url: `${NMI_API}${uri}` };
      return [200, approved('10834567890')];
    });

    const outcome = await nmiProvider().refund(refundRequest());

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: '10834567890' });
    expect(sent).toEqual({
      url: 'https://secure.nmi.com/api/transact.php',
      contentType: 'application/x-www-form-urlencoded',
      body: `security_key=${SECURITY_KEY}&type=refund&transactionid=7654321098&amount=10.99&orderid=3f1c9a52-8d4e-4b7a-9c21-5e6f7a8b9c0d&dup_seconds=0`,
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['a whole USD amount with its two decimals', 10000n, 'USD', '100.00'],
    ['a cent', 1n, 'USD', '0.01'],
    ['JPY, a zero-decimal currency, in whole yen', 5000n, 'JPY', '5000'],
    ['KWD when its third decimal is 0, as x.xx', 1230n, 'KWD', '1.23'],
  ] as const)('sends %s', async (_name, minor, currency, nmiAmount) => {
    const scope = transactEndpoint(refundBody(nmiAmount)).reply(200, approved('10834567891'));

    const outcome = await nmiProvider().refund(refundRequest({ amount: money(minor, currency) }));

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: '10834567891' });
    expect(scope.isDone()).toBe(true);
  });

  it('reads the body, not the HTTP status: an approval is an approval even under a 500', async () => {
    const scope = transactEndpoint(refundBody('10.99')).reply(500, approved('10834567892'));

    expect(await nmiProvider().refund(refundRequest())).toEqual({ status: 'succeeded', providerRefundId: '10834567892' });
    expect(scope.isDone()).toBe(true);
  });

  it('uses the configured origin, e.g. a reseller gateway domain', async () => {
    const scope = nock('https://secure.example-gateway.com')
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .post('/api/transact.php', refundBody('10.99'))
      .reply(200, approved('10834567893'));
    const provider = createNmiProvider({ securityKey: SECURITY_KEY, apiBase: 'https://secure.example-gateway.com/', now: () => NOW });

    expect(await provider.refund(refundRequest())).toEqual({ status: 'succeeded', providerRefundId: '10834567893' });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses KWD amounts NMI cannot write as x.xx, without calling NMI', async () => {
    const outcome = await nmiProvider().refund(refundRequest({ amount: money(1234n, 'KWD') }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'amount_not_accepted_by_provider',
        message: 'NMI takes amounts with at most two decimals, so 1.234 KWD cannot be sent and nothing was refunded. Refund 1.230 KWD or 1.240 KWD instead.',
        detail: { currency: 'KWD', amount_minor: '1234' },
      },
    });
    expect(unmatched).toEqual([]);
  });

  it('never sends an amount of zero, which NMI reads as "refund everything"', async () => {
    const outcome = await nmiProvider().refund(refundRequest({ amount: money(0n, 'USD') }));

    expect(outcome.status === 'failed' && outcome.failure.code).toBe('invalid_amount');
    expect(unmatched).toEqual([]);
  });

  it('refuses an id that is not an NMI transaction id, without calling NMI', async () => {
    const outcome = await nmiProvider().refund(refundRequest({ providerTransactionId: 'pi_3MtwBwLkdIwHu7ix28a3tqPa' }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'invalid_transaction_id',
        message:
          '"pi_3MtwBwLkdIwHu7ix28a3tqPa" is not an NMI transaction id: those are made of digits only. An NMI refund needs the transaction id of the payment, a number such as 7654321098.',
      },
    });
    expect(unmatched).toEqual([]);
  });

  it('does not call NMI at all when the deadline has already passed', async () => {
    const controller = new AbortController();
    controller.abort(deadlinePassed());

    const outcome = await nmiProvider().refund(refundRequest({ signal: controller.signal }));

    expect(outcome).toEqual({
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_sent',
        message: 'The time allowed for this refund ran out before NMI was asked, so nothing was refunded. Try again.',
        detail: { reason: 'deadline_before_sending' },
      },
    });
    expect(unmatched).toEqual([]);
  });
});

describe('NMI provider: what it tells before anything is recorded', () => {
  const provider = nmiProvider();

  it.each([
    [PAYMENT_ID, null],
    ['', 'The record has no NMI transaction id. An NMI refund needs the transaction id of the payment, a number such as 7654321098.'],
    [' 7654321098 ', 'The NMI transaction id on the record has spaces around it. Remove them and try again.'],
    ['ch_1PgafuB7WZ01zgkW', '"ch_1PgafuB7WZ01zgkW" is not an NMI transaction id: those are made of digits only. An NMI refund needs the transaction id of the payment, a number such as 7654321098.'],
  ])('describes the transaction id %j', (id, expected) => {
    expect(provider.describeInvalidTransactionId(id)).toBe(expected);
  });

  it.each([
    ['10.99 USD', money(1099n, 'USD'), null],
    ['5000 JPY', money(5000n, 'JPY'), null],
    ['1.230 KWD', money(1230n, 'KWD'), null],
    ['0.005 BHD', money(5n, 'BHD'), 'NMI takes amounts with at most two decimals, so 0.005 BHD cannot be sent and nothing was refunded. Refund 0.010 BHD instead.'],
  ])('describes the amount %s', (_name, amount, expected) => {
    expect(provider.describeUnsupportedAmount(amount)).toBe(expected);
  });
});
