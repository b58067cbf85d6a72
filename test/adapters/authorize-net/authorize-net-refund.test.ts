import nock from 'nock';
import { money } from '../../../src/domain/money';
import {
  HEADERS,
  anetJson,
  approved,
  call,
  endpoint,
  heldForReview,
  provider,
  refundBody,
  refundRequest,
  sent,
  takeLeftovers,
  unmatched,
} from './authorize-net-nock';

/* A refund sent and taken, or refused before sending. Refusals: authorize-net-refusals; silences: authorize-net-silence. */

afterEach(() => {
  const leftovers = takeLeftovers();
  nock.cleanAll();
  expect(leftovers).toEqual({ pending: [], unmatched: [] });
});

describe('Authorize.net refund: the request', () => {
  it('posts the refund JSON, in schema order, to the endpoint and reads an approval (answer behind a BOM)', async () => {
    const scope = endpoint(refundBody()).reply(200, anetJson(approved('60123499001')), HEADERS);

    const outcome = await provider().refund(refundRequest());

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: '60123499001' });
    expect(sent).toEqual([
      {
        method: 'POST',
        url: 'https://api.authorize.net/xml/v1/request.api',
        contentType: 'application/json',
        body:
          '{"createTransactionRequest":{"merchantAuthentication":{"name":"5KP3u95bQpv","transactionKey":"346HZ32z3fP4hTG2"},' +
          '"refId":"3f2a9c4e8b1d4c6e9a7f","transactionRequest":{"transactionType":"refundTransaction","amount":"10.99",' +
          '"currencyCode":"USD","payment":{"creditCard":{"cardNumber":"1111","expirationDate":"XXXX"}},"refTransId":"60123456789",' +
          '"order":{"invoiceNumber":"3f2a9c4e8b1d4c6e9a7f"},' +
          '"transactionSettings":{"setting":{"settingName":"duplicateWindow","settingValue":"28800"}}}}}',
      },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('reads an answer without the byte-order mark just as well', async () => {
    const scope = endpoint(refundBody()).reply(200, anetJson(approved('60123499002'), false), HEADERS);

    await expect(provider().refund(refundRequest())).resolves.toEqual({ status: 'succeeded', providerRefundId: '60123499002' });
    expect(scope.isDone()).toBe(true);
  });

  it('sends a partial refund in CAD to the sandbox endpoint it is configured with', async () => {
    const sandbox = 'https://apitest.authorize.net';
    const scope = endpoint(refundBody('5.50', 'CAD', '4242'), sandbox).reply(200, anetJson(approved('40000012400')), HEADERS);

    const outcome = await provider(`${sandbox}/xml/v1/request.api`).refund(
      refundRequest({ amount: money(550n, 'CAD'), isFullAmount: false, cardLast4: '4242' }),
    );

    expect(outcome).toEqual({ status: 'succeeded', providerRefundId: '40000012400' });
    expect(sent).toEqual([call(refundBody('5.50', 'CAD', '4242'), 'https://apitest.authorize.net/xml/v1/request.api')]);
    expect(scope.isDone()).toBe(true);
  });

  it('reads a refund held for review as pending', async () => {
    const scope = endpoint(refundBody()).reply(200, anetJson(heldForReview('60123499003')), HEADERS);

    await expect(provider().refund(refundRequest())).resolves.toEqual({
      status: 'pending',
      providerRefundId: '60123499003',
      message: "Authorize.net's fraud filters are holding the refund for review; it goes through once someone approves it in the Merchant Interface.",
    });
    expect(scope.isDone()).toBe(true);
  });
});

describe('Authorize.net refund: refused before sending', () => {
  it.each([
    [
      'no card digits on the record',
      { cardLast4: null },
      'card_last4_missing',
      "Authorize.net needs the last four digits of the card to refund it, and the record has none, so nothing was sent. Copy them from the transaction in the Authorize.net Merchant Interface to the record's card last-4 property (payment_card_last4 by default) and try again.",
    ],
    [
      'more than four card digits',
      { cardLast4: '41111' },
      'card_last4_invalid',
      'Authorize.net needs exactly the last four digits of the card, and the record holds "41111", so nothing was sent. Correct the record\'s card last-4 property and try again.',
    ],
    [
      'a currency Authorize.net does not process',
      { amount: money(5000n, 'JPY') },
      'amount_not_accepted_by_provider',
      'Authorize.net does not process JPY; it takes USD, CAD, GBP, EUR, AUD or NZD, in the currency of the merchant account. Refund this payment another way.',
    ],
    [
      'an id that is not a transaction id',
      { providerTransactionId: 'ch_1PgafuB7WZ01zgkWXYmPNZs8' },
      'invalid_transaction_id',
      '"ch_1PgafuB7WZ01zgkWXYmPNZs8" is not an Authorize.net transaction id. An Authorize.net refund needs the Transaction ID of the payment: digits only, as the Merchant Interface shows it.',
    ],
  ] as const)('with %s', async (_name, changes, code, message) => {
    const outcome = await provider().refund(refundRequest(changes));

    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.failure.code).toBe(code);
    expect(outcome.status === 'failed' && outcome.failure.message).toBe(message);
    expect(sent).toEqual([]);
    expect(unmatched).toEqual([]);
  });
});
