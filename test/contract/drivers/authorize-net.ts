import nock from 'nock';
import { authorizeNetModule } from '../../../src/adapters/providers/authorize-net/authorize-net-module';
import { systemClock } from '../../../src/ports/clock';
import { NEVER_MS } from '../../support/provider-timing';
import { formatMinor, type Money } from '../../../src/domain/money';
import { type ContractDriver, type ExpectedCall, passing } from '../contract-driver';

/*
 * Authorize.net for the contract suite: one JSON endpoint, every interceptor matching the exact request bytes (keys in
 * AnetApiSchema.xsd order) and answering once, with answers shaped like the schema's response types behind the UTF-8
 * byte-order mark Authorize.net sends. The bytes are written out here, not produced by the adapter's own builders.
 */
const ORIGIN = 'https://apitest.authorize.net';
const PATH = '/xml/v1/request.api';
const LOGIN_ID = '6Zk2wQ8cM4';
const TRANSACTION_KEY = '7h3Ty95E2k8Bq4Xz';
const PAYMENT = { transactionId: '60123456789', currency: 'USD', amount: '100.00', cardLast4: '1111' } as const;
const AUTH = `"merchantAuthentication":{"name":"${LOGIN_ID}","transactionKey":"${TRANSACTION_KEY}"}`;
const BOM = '\uFEFF';
const HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

/**
 * Authorize.net transaction ids are digits; the suite names its ids ("RF1", "V1"). Each name becomes digits of its own,
 * and a void answers with the voided payment's own transId, as Authorize.net does.
 */
const voidNames = new Set<string>();
const transIdOf = (given: string) =>
  voidNames.has(given) ? PAYMENT.transactionId : `601${[...given].map((c) => c.charCodeAt(0).toString().padStart(3, '0')).join('')}`;

/** Our attempt id as refId and invoiceNumber: the first 20 hex digits of the UUID. */
const tokenOf = (call: ExpectedCall) => call.attemptId.toLowerCase().replace(/-/g, '').slice(0, 20);

function refundBody(call: ExpectedCall): string {
  const amount: Money = call.amount;
  const token = tokenOf(call);
  return (
    `{"createTransactionRequest":{${AUTH},"refId":"${token}","transactionRequest":{"transactionType":"refundTransaction",` +
    `"amount":"${formatMinor(amount.minor, amount.currency)}","currencyCode":"${amount.currency}",` +
    `"payment":{"creditCard":{"cardNumber":"${PAYMENT.cardLast4}","expirationDate":"XXXX"}},"refTransId":"${PAYMENT.transactionId}",` +
    `"order":{"invoiceNumber":"${token}"},"transactionSettings":{"setting":{"settingName":"duplicateWindow","settingValue":"28800"}}}}}`
  );
}

const voidBody = (call: ExpectedCall) =>
  `{"createTransactionRequest":{${AUTH},"refId":"${tokenOf(call)}","transactionRequest":{"transactionType":"voidTransaction","refTransId":"${PAYMENT.transactionId}"}}}`;
const detailsBody = `{"getTransactionDetailsRequest":{${AUTH},"transId":"${PAYMENT.transactionId}"}}`;
/** Lists are read oldest first, 1000 a page: sorting and paging in the order of Authorize.net's current schema. */
const unsettledBody = (page: number) =>
  `{"getUnsettledTransactionListRequest":{${AUTH},"sorting":{"orderBy":"id","orderDescending":false},"paging":{"limit":1000,"offset":${page}}}}`;

const ok = { resultCode: 'Ok', message: [{ code: 'I00001', text: 'Successful.' }] };
const unsuccessful = { resultCode: 'Error', message: [{ code: 'E00027', text: 'The transaction was unsuccessful.' }] };

function transactionResponse(responseCode: string, transId: string, tail: object): object {
  return {
    responseCode, authCode: '', avsResultCode: 'P', cvvResultCode: '', cavvResultCode: '', transId,
    refTransID: PAYMENT.transactionId, transHash: '', testRequest: '0', accountNumber: `XXXX${PAYMENT.cardLast4}`, accountType: 'Visa', ...tail,
  };
}

const approved = (call: ExpectedCall, transId: string) => ({
  refId: tokenOf(call),
  messages: ok,
  transactionResponse: transactionResponse('1', transId, { messages: [{ code: '1', description: 'This transaction has been approved.' }] }),
});

const refused = (call: ExpectedCall, responseCode: '2' | '3', errorCode: string, errorText: string, transId: string) => ({
  refId: tokenOf(call),
  messages: unsuccessful,
  transactionResponse: transactionResponse(responseCode, transId, { errors: [{ errorCode, errorText }] }),
});

/** transactionSummaryType, in its element order (AnetApiSchema.xsd). */
function summary(transId: string, transactionStatus: string, invoiceNumber: string, settleAmount: string) {
  const submitted = '2026-03-02T16:30:49Z';
  return {
    transId, submitTimeUTC: submitted, submitTimeLocal: submitted.replace('Z', ''), transactionStatus, invoiceNumber,
    firstName: 'Ellen', lastName: 'Johnson', accountType: 'Visa', accountNumber: `XXXX${PAYMENT.cardLast4}`,
    settleAmount, marketType: 'eCommerce', product: 'Card Not Present',
  };
}

const ourRefund = (call: ExpectedCall, refundId: string) =>
  summary(transIdOf(refundId), 'refundPendingSettlement', tokenOf(call), formatMinor(call.amount.minor, call.amount.currency));

/** A list page is 1000 transactions at most; a full one of other payments' means there may be more. */
const PAGE = 1000;
const fullPage = () => Array.from({ length: PAGE }, (_, i) => summary(String(60123300000 + i), 'capturedPendingSettlement', `INV-${i}`, '100.00'));

/** Amounts are JSON numbers at Authorize.net; written as strings here and unquoted on the way out. */
const answer = (body: object) => BOM + JSON.stringify(body).replace(/"(authAmount|settleAmount)":"(\d+\.\d+)"/g, '"$1":$2');

/** getTransactionDetailsResponse for the payment, in transactionDetailsType order. */
const paymentDetails = (transactionStatus: string) => ({
  messages: ok,
  transaction: {
    transId: PAYMENT.transactionId, submitTimeUTC: '2026-03-02T16:30:49.39Z', submitTimeLocal: '2026-03-02T10:30:49.39',
    transactionType: 'authCaptureTransaction', transactionStatus, responseCode: 1, responseReasonCode: 1,
    responseReasonDescription: 'Approval', authCode: 'JPG9DJ', AVSResponse: 'Y', authAmount: PAYMENT.amount, settleAmount: PAYMENT.amount,
    taxExempt: false, payment: { creditCard: { cardNumber: `XXXX${PAYMENT.cardLast4}`, expirationDate: 'XXXX', cardType: 'Visa' } },
    recurringBilling: false, product: 'Card Not Present', marketType: 'eCommerce',
  },
});

function interceptor(body: string): nock.Interceptor {
  return nock(ORIGIN).matchHeader('content-type', 'application/json').post(PATH, body);
}

export const driver: ContractDriver = {
  name: 'authorize_net',
  payment: PAYMENT,
  createProvider: () =>
    authorizeNetModule.create({ apiLoginId: LOGIN_ID, transactionKey: TRANSACTION_KEY, apiBase: `${ORIGIN}${PATH}`, signatureKey: null }, { clock: systemClock }),
  refundIdOf: (_call, given) => transIdOf(given),
  acceptRefund(call, refundId) {
    interceptor(refundBody(call)).reply(200, answer(approved(call, transIdOf(refundId))), HEADERS);
  },
  refuseOverRefund(call) {
    const text = 'The sum of credits against the referenced transaction would exceed the original debit amount.';
    interceptor(refundBody(call)).reply(200, answer(refused(call, '3', '55', text, '0')), HEADERS);
  },
  declineRefund(call) {
    interceptor(refundBody(call)).reply(200, answer(refused(call, '2', '2', 'This transaction has been declined.', '60123499999')), HEADERS);
  },
  neverAnswer(call, deadlinePasses) {
    interceptor(refundBody(call)).delay(NEVER_MS).reply(passing(deadlinePasses, [200, answer(approved(call, '60123499998')), HEADERS]));
  },
  lookupFinds(call, refundId) {
    // The refund has not settled yet: it is in the unsettled list, carrying the attempt's invoice number.
    const transactions = [summary('60123400001', 'capturedPendingSettlement', 'INV-1001', '100.00'), ourRefund(call, refundId)];
    interceptor(unsettledBody(1)).reply(200, answer({ messages: ok, transactions }), HEADERS);
  },
  lookupFindsBeyondFirstPage(call, refundId) {
    interceptor(unsettledBody(1)).reply(200, answer({ messages: ok, transactions: fullPage(), totalNumInResultSet: PAGE + 2 }), HEADERS);
    const transactions = [summary('60123401000', 'capturedPendingSettlement', 'INV-2000', '100.00'), ourRefund(call, refundId)];
    interceptor(unsettledBody(2)).reply(200, answer({ messages: ok, transactions, totalNumInResultSet: PAGE + 2 }), HEADERS);
  },
  lookupCutOff(call, deadlinePasses) {
    interceptor(unsettledBody(1)).reply(200, answer({ messages: ok, transactions: fullPage(), totalNumInResultSet: PAGE + 1 }), HEADERS);
    const transactions = [ourRefund(call, '60123499997')];
    interceptor(unsettledBody(2))
      .delay(NEVER_MS)
      .reply(passing(deadlinePasses, [200, answer({ messages: ok, transactions, totalNumInResultSet: PAGE + 1 }), HEADERS]));
  },
  reportLateFailure(call, refundId) {
    const refund = {
      messages: ok,
      transaction: {
        transId: refundId, refTransId: PAYMENT.transactionId, submitTimeUTC: '2026-03-02T16:40:12.12Z', submitTimeLocal: '2026-03-02T10:40:12.12',
        transactionType: 'refundTransaction', transactionStatus: 'voided', responseCode: 1, responseReasonCode: 1, responseReasonDescription: 'Approval',
        order: { invoiceNumber: tokenOf(call) }, authAmount: formatMinor(call.amount.minor, call.amount.currency), settleAmount: '0.00', taxExempt: false,
        payment: { creditCard: { cardNumber: `XXXX${PAYMENT.cardLast4}`, expirationDate: 'XXXX', cardType: 'Visa' } }, recurringBilling: false, product: 'Card Not Present', marketType: 'eCommerce',
      },
    };
    interceptor(`{"getTransactionDetailsRequest":{${AUTH},"transId":"${refundId}"}}`).reply(200, answer(refund), HEADERS);
    interceptor(detailsBody).reply(200, answer(paymentDetails('settledSuccessfully')), HEADERS);
  },
  skips: {
    'a refund made outside':
      'Authorize.net lists no refunds of a payment (a refund names its payment only in its own details): refunds made in the Merchant Interface arrive by the net.authorize.payment.refund.created webhook (test/webhooks/authorize-net-webhooks.test.ts).',
  },
  voids: {
    unsettled() {
      interceptor(detailsBody).reply(200, answer(paymentDetails('capturedPendingSettlement')), HEADERS);
    },
    acceptVoid(call, voidId) {
      voidNames.add(voidId);
      interceptor(voidBody(call)).reply(200, answer(approved(call, transIdOf(voidId))), HEADERS);
    },
  },
};
