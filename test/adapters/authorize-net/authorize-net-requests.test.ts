import { describeInvalidTransactionId, describeUnsupportedAmount } from '../../../src/adapters/providers/authorize-net/authorize-net-checks';
import {
  attemptToken,
  batchTransactionsBody,
  refundTransactionBody,
  settledBatchesBody,
  transactionDetailsBody,
  unsettledTransactionsBody,
  voidTransactionBody,
} from '../../../src/adapters/providers/authorize-net/authorize-net-requests';
import { money } from '../../../src/domain/money';
import { ATTEMPT_ID, AUTH, LOGIN_ID, PAYMENT_ID, TOKEN, TRANSACTION_KEY, refundBody } from './authorize-net-nock';

/* The request bodies, byte for byte: Authorize.net validates JSON against its XML schema, element order included. */

const credentials = { apiLoginId: LOGIN_ID, transactionKey: TRANSACTION_KEY };

describe('Authorize.net request bodies', () => {
  it('writes a refund in the order of createTransactionRequest and transactionRequestType', () => {
    const body = refundTransactionBody(credentials, { attemptId: ATTEMPT_ID, providerTransactionId: PAYMENT_ID, amount: money(1099n, 'USD'), cardLast4: '1111' });

    expect(body).toBe(
      '{"createTransactionRequest":{"merchantAuthentication":{"name":"5KP3u95bQpv","transactionKey":"346HZ32z3fP4hTG2"},' +
        '"refId":"3f2a9c4e8b1d4c6e9a7f","transactionRequest":{"transactionType":"refundTransaction","amount":"10.99",' +
        '"currencyCode":"USD","payment":{"creditCard":{"cardNumber":"1111","expirationDate":"XXXX"}},"refTransId":"60123456789",' +
        '"order":{"invoiceNumber":"3f2a9c4e8b1d4c6e9a7f"},' +
        '"transactionSettings":{"setting":{"settingName":"duplicateWindow","settingValue":"28800"}}}}}',
    );
    expect(body).toBe(refundBody());
  });

  it.each([
    [1n, 'USD', '0.01'],
    [550n, 'CAD', '5.50'],
    [100000n, 'GBP', '1000.00'],
    [123456789012345n, 'EUR', '1234567890123.45'],
  ] as const)('writes %s minor units of %s as the decimal string "%s"', (minor, currency, decimal) => {
    const body = refundTransactionBody(credentials, { attemptId: ATTEMPT_ID, providerTransactionId: PAYMENT_ID, amount: money(minor, currency), cardLast4: '4242' });
    expect(body).toBe(refundBody(decimal, currency, '4242'));
  });

  it('writes a void with only the referenced transaction', () => {
    expect(voidTransactionBody(credentials, { attemptId: ATTEMPT_ID, providerTransactionId: PAYMENT_ID })).toBe(
      `{"createTransactionRequest":{${AUTH},"refId":"${TOKEN}","transactionRequest":{"transactionType":"voidTransaction","refTransId":"60123456789"}}}`,
    );
  });

  it('writes the reporting requests', () => {
    expect(transactionDetailsBody(credentials, PAYMENT_ID)).toBe(`{"getTransactionDetailsRequest":{${AUTH},"transId":"60123456789"}}`);
    // Sorting and paging, in the order of the current schema (AuthorizeNet/sdk-php AnetApiSchema.xsd): after the base request's elements.
    expect(unsettledTransactionsBody(credentials, { number: 2, size: 1000 })).toBe(
      `{"getUnsettledTransactionListRequest":{${AUTH},"sorting":{"orderBy":"id","orderDescending":false},"paging":{"limit":1000,"offset":2}}}`,
    );
    expect(settledBatchesBody(credentials, new Date('2026-03-01T07:45:12.345Z'), new Date('2026-03-03T09:00:00.000Z'))).toBe(
      `{"getSettledBatchListRequest":{${AUTH},"firstSettlementDate":"2026-03-01T07:45:12Z","lastSettlementDate":"2026-03-03T09:00:00Z"}}`,
    );
    expect(batchTransactionsBody(credentials, '1221577', { number: 1, size: 1000 })).toBe(
      `{"getTransactionListRequest":{${AUTH},"batchId":"1221577","sorting":{"orderBy":"id","orderDescending":false},"paging":{"limit":1000,"offset":1}}}`,
    );
  });
});

describe('Authorize.net attempt token (refId and invoiceNumber, at most 20 characters)', () => {
  it('keeps the first 20 hex digits of a UUID, whatever its case', () => {
    expect(attemptToken(ATTEMPT_ID)).toBe('3f2a9c4e8b1d4c6e9a7f');
    expect(attemptToken(ATTEMPT_ID.toUpperCase())).toBe('3f2a9c4e8b1d4c6e9a7f');
  });

  it('hashes anything else to 20 hex digits, the same each time', () => {
    const token = attemptToken('att_01JD5K8Q4V2N');
    expect(token).toMatch(/^[0-9a-f]{20}$/);
    expect(attemptToken('att_01JD5K8Q4V2N')).toBe(token);
    expect(attemptToken('att_01JD5K8Q4V2M')).not.toBe(token);
  });
});

describe('Authorize.net checks made before anything is recorded', () => {
  it.each(['60123456789', '1', '2230581408'])('accepts the transaction id %s', (id) => {
    expect(describeInvalidTransactionId(id)).toBeNull();
  });

  it.each([
    ['', 'The record has no Authorize.net transaction id. An Authorize.net refund needs the Transaction ID of the payment: digits only, as the Merchant Interface shows it.'],
    ['0', '"0" is what Authorize.net answers when no transaction was created, so there is no payment to refund. An Authorize.net refund needs the Transaction ID of the payment: digits only, as the Merchant Interface shows it.'],
    [' 60123456789 ', 'The Authorize.net transaction id on the record has spaces around it. Remove them and try again.'],
    ['pi_1PgafyB7WZ01zgkWSjxsAJo3', '"pi_1PgafyB7WZ01zgkWSjxsAJo3" is not an Authorize.net transaction id. An Authorize.net refund needs the Transaction ID of the payment: digits only, as the Merchant Interface shows it.'],
  ])('explains why %j is not a transaction id', (id, message) => {
    expect(describeInvalidTransactionId(id)).toBe(message);
  });

  it.each(['USD', 'CAD', 'GBP', 'EUR', 'AUD', 'NZD'] as const)('takes amounts in %s', (currency) => {
    expect(describeUnsupportedAmount(money(1099n, currency))).toBeNull();
  });

  it.each([
    ['JPY', 'Authorize.net does not process JPY; it takes USD, CAD, GBP, EUR, AUD or NZD, in the currency of the merchant account. Refund this payment another way.'],
    ['KWD', 'Authorize.net does not process KWD; it takes USD, CAD, GBP, EUR, AUD or NZD, in the currency of the merchant account. Refund this payment another way.'],
    ['CHF', 'Authorize.net does not process CHF; it takes USD, CAD, GBP, EUR, AUD or NZD, in the currency of the merchant account. Refund this payment another way.'],
  ] as const)('refuses %s', (currency, message) => {
    expect(describeUnsupportedAmount(money(1000n, currency))).toBe(message);
  });

  it('refuses a zero amount', () => {
    expect(describeUnsupportedAmount(money(0n, 'USD'))).toBe('The refund amount must be greater than zero.');
  });
});
