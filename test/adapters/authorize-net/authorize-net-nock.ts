import nock from 'nock';
import { authorizeNetModule } from '../../../src/adapters/providers/authorize-net/authorize-net-module';
import { systemClock } from '../../../src/ports/clock';
import { money } from '../../../src/domain/money';
import { providerRequests } from '../../support/provider-requests';

/*
 * Authorize.net replaced with nock 14, which intercepts Node's global fetch. Every API method is a POST of JSON to the
 * one endpoint; the interceptors match the exact body string, and every request that reaches nock, matched or not, is
 * recorded with its raw body so that the tests compare bytes. Answers are built field for field from the response types
 * of ../shared/specs/authorize-net/AnetApiSchema.xsd, in its element order, and start with the UTF-8 byte-order mark
 * Authorize.net puts before its JSON.
 */
export const ORIGIN = 'https://api.authorize.net';
export const PATH = '/xml/v1/request.api';
export const ENDPOINT = `${ORIGIN}${PATH}`;
export const LOGIN_ID = '5KP3u95bQpv';
/** 16 characters, the schema's maximum for transactionKey */
export const TRANSACTION_KEY = '346HZ32z3fP4hTG2';
export const ATTEMPT_ID = '3f2a9c4e-8b1d-4c6e-9a7f-2d4b8e1c0a57';
/** the attempt id as refId and invoiceNumber: its first 20 hex digits */
export const TOKEN = '3f2a9c4e8b1d4c6e9a7f';
export const FORM_KEY = 'form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57';
export const PAYMENT_ID = '60123456789';
export const BOM = '\uFEFF';

export const AUTH = `"merchantAuthentication":{"name":"${LOGIN_ID}","transactionKey":"${TRANSACTION_KEY}"}`;

/** The adapter as the app builds it: through its module, its outcomes redacted of the credentials. */
export const provider = (apiBase = ENDPOINT) =>
  authorizeNetModule.create({ apiLoginId: LOGIN_ID, transactionKey: TRANSACTION_KEY, apiBase, signatureKey: null }, { clock: systemClock });

const requests = providerRequests({
  attemptId: ATTEMPT_ID,
  idempotencyKey: FORM_KEY,
  providerTransactionId: PAYMENT_ID,
  amount: money(1099n, 'USD'),
  cardLast4: '1111',
  isFullAmount: true,
  createdAt: () => new Date(Date.now() - 60 * 60 * 1000),
});
export const refundRequest = requests.refund;
export const voidRequest = requests.void;
export const lookupRequest = requests.lookup;

/** The refund of 10.99 USD on PAYMENT_ID with card 1111, byte for byte. */
export function refundBody(amount = '10.99', currency = 'USD', last4 = '1111', token = TOKEN): string {
  return (
    `{"createTransactionRequest":{${AUTH},"refId":"${token}","transactionRequest":{"transactionType":"refundTransaction",` +
    `"amount":"${amount}","currencyCode":"${currency}","payment":{"creditCard":{"cardNumber":"${last4}","expirationDate":"XXXX"}},` +
    `"refTransId":"${PAYMENT_ID}","order":{"invoiceNumber":"${token}"},` +
    `"transactionSettings":{"setting":{"settingName":"duplicateWindow","settingValue":"28800"}}}}}`
  );
}

export function voidBody(token = TOKEN, paymentId = PAYMENT_ID): string {
  return `{"createTransactionRequest":{${AUTH},"refId":"${token}","transactionRequest":{"transactionType":"voidTransaction","refTransId":"${paymentId}"}}}`;
}

export const detailsBody = (transId: string) => `{"getTransactionDetailsRequest":{${AUTH},"transId":"${transId}"}}`;
/** Lists are read oldest transaction first, 1000 a page (sorting and paging in the current schema's order). */
const LIST_PAGE = (page: number) => `"sorting":{"orderBy":"id","orderDescending":false},"paging":{"limit":1000,"offset":${page}}`;
export const unsettledBody = (page = 1) => `{"getUnsettledTransactionListRequest":{${AUTH},${LIST_PAGE(page)}}}`;
export const batchListBody = (first: string, last: string) =>
  `{"getSettledBatchListRequest":{${AUTH},"firstSettlementDate":"${first}","lastSettlementDate":"${last}"}}`;
export const batchTransactionsBody = (batchId: string, page = 1) => `{"getTransactionListRequest":{${AUTH},"batchId":"${batchId}",${LIST_PAGE(page)}}}`;

export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly contentType: unknown;
  readonly body: string;
}

/** Requests that reached an interceptor, in order. */
export const sent: SentRequest[] = [];
/** Requests nock had no interceptor for: they fail as network errors, which the adapter reads as `unknown`. */
export const unmatched: SentRequest[] = [];

interface NockRequest {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, unknown>;
}

function record(req: NockRequest, body: unknown, host: string): SentRequest {
  return {
    method: req.method ?? '?',
    url: `${host}${req.path ?? '?'}`,
    contentType: req.headers?.['content-type'],
    body: typeof body === 'string' ? body : String(body),
  };
}

nock.emitter.on('no match', (req: NockRequest & { options?: { host?: string } }, options: { hostname?: string; host?: string } | undefined, body: unknown) => {
  unmatched.push(record(req, body, `https://${options?.hostname ?? options?.host ?? '?'}`));
});

/** The endpoint answering one POST whose body is exactly `body`, sent as application/json. */
export function endpoint(body: string, origin = ORIGIN, path = PATH): nock.Interceptor {
  const scope = nock(origin).matchHeader('content-type', 'application/json');
  scope.on('request', (req: NockRequest, _interceptor: unknown, raw: unknown) => sent.push(record(req, raw, origin)));
  return scope.post(path, body);
}

/** What the adapter must have sent: a POST of these exact bytes as application/json to the endpoint. */
export function call(body: string, url = ENDPOINT): SentRequest {
  return { method: 'POST', url, contentType: 'application/json', body };
}

/** For afterEach, before nock.cleanAll(): expected calls never made, stray requests; drops late replies. */
export function takeLeftovers(): { pending: string[]; unmatched: SentRequest[] } {
  const leftovers = { pending: nock.pendingMocks(), unmatched: [...unmatched] };
  sent.length = 0;
  unmatched.length = 0;
  nock.abortPendingRequests();
  return leftovers;
}

/* ---------- answers, in AnetApiSchema.xsd element order ---------- */

type Json = Record<string, unknown>;
const AMOUNT_FIELDS = /"(authAmount|settleAmount)":"(\d+\.\d+)"/g;

/**
 * The bytes Authorize.net sends: a byte-order mark, then the JSON. Amounts are written here as strings and sent as the
 * JSON numbers Authorize.net uses, so that no JavaScript number ever holds one.
 */
export function anetJson(answer: Json, bom = true): string {
  return (bom ? BOM : '') + JSON.stringify(answer).replace(AMOUNT_FIELDS, '"$1":$2');
}

export const HEADERS = { 'Content-Type': 'application/json; charset=utf-8' } as const;

export function messages(resultCode: 'Ok' | 'Error', code: string, text: string): Json {
  return { resultCode, message: [{ code, text }] };
}

export const OK = messages('Ok', 'I00001', 'Successful.');
export const NO_RECORDS = messages('Ok', 'I00004', 'No records found.');
const UNSUCCESSFUL = messages('Error', 'E00027', 'The transaction was unsuccessful.');

/** transactionResponse: responseCode … accountType, then messages (approved) or errors (declined, error). */
function transactionResponse(responseCode: string, transId: string, refTransID: string, tail: Json): Json {
  return {
    responseCode,
    authCode: '',
    avsResultCode: 'P',
    cvvResultCode: '',
    cavvResultCode: '',
    transId,
    refTransID,
    transHash: '',
    testRequest: '0',
    accountNumber: 'XXXX1111',
    accountType: 'Visa',
    ...tail,
  };
}

export function approved(transId: string, refTransID = PAYMENT_ID, refId = TOKEN): Json {
  return {
    refId,
    messages: OK,
    transactionResponse: transactionResponse('1', transId, refTransID, { messages: [{ code: '1', description: 'This transaction has been approved.' }] }),
  };
}

export function heldForReview(transId: string): Json {
  return {
    refId: TOKEN,
    messages: OK,
    transactionResponse: transactionResponse('4', transId, PAYMENT_ID, {
      messages: [{ code: '253', description: 'Your order has been received. Thank you for your business!' }],
    }),
  };
}

/** responseCode 2 (declined) or 3 (error) with one error; transId "0" when no transaction was created. */
export function refused(responseCode: '2' | '3', errorCode: string, errorText: string, transId = '0', refId = TOKEN): Json {
  return { refId, messages: UNSUCCESSFUL, transactionResponse: transactionResponse(responseCode, transId, PAYMENT_ID, { errors: [{ errorCode, errorText }] }) };
}

/** A request refused as a whole (E000xx): messages only. */
export function apiError(code: string, text: string, refId?: string): Json {
  return { ...(refId === undefined ? {} : { refId }), messages: messages('Error', code, text) };
}

export interface DetailsFields {
  readonly transId?: string;
  readonly transactionType?: string;
  readonly transactionStatus: string;
  readonly settlementTimeUTC?: string;
  readonly invoiceNumber?: string;
  readonly amount?: string;
}

/** getTransactionDetailsResponse: messages, then transaction in transactionDetailsType order. */
export function details(fields: DetailsFields): Json {
  const settledAt = fields.settlementTimeUTC;
  const amount = fields.amount ?? '10.99';
  return {
    messages: OK,
    transaction: {
      transId: fields.transId ?? PAYMENT_ID,
      submitTimeUTC: '2026-03-02T16:30:49.39Z',
      submitTimeLocal: '2026-03-02T10:30:49.39',
      transactionType: fields.transactionType ?? 'authCaptureTransaction',
      transactionStatus: fields.transactionStatus,
      responseCode: 1,
      responseReasonCode: 1,
      responseReasonDescription: 'Approval',
      authCode: 'JPG9DJ',
      AVSResponse: 'Y',
      ...(settledAt
        ? { batch: { batchId: '1221577', settlementTimeUTC: settledAt, settlementTimeLocal: settledAt.replace('Z', ''), settlementState: 'settledSuccessfully' } }
        : {}),
      ...(fields.invoiceNumber ? { order: { invoiceNumber: fields.invoiceNumber } } : {}),
      authAmount: amount,
      settleAmount: amount,
      taxExempt: false,
      payment: { creditCard: { cardNumber: 'XXXX1111', expirationDate: 'XXXX', cardType: 'Visa' } },
      recurringBilling: false,
      product: 'Card Not Present',
      marketType: 'eCommerce',
    },
  };
}

export interface SummaryFields {
  readonly transId: string;
  readonly transactionStatus: string;
  readonly invoiceNumber?: string;
  readonly submitTimeUTC?: string;
  readonly settleAmount?: string;
}

/** transactionSummaryType, in its element order. */
export function summary(fields: SummaryFields): Json {
  const submitted = fields.submitTimeUTC ?? '2026-03-02T16:30:49Z';
  return {
    transId: fields.transId,
    submitTimeUTC: submitted,
    submitTimeLocal: submitted.replace('Z', ''),
    transactionStatus: fields.transactionStatus,
    ...(fields.invoiceNumber ? { invoiceNumber: fields.invoiceNumber } : {}),
    firstName: 'Ellen',
    lastName: 'Johnson',
    accountType: 'Visa',
    accountNumber: 'XXXX1111',
    settleAmount: fields.settleAmount ?? '10.99',
    marketType: 'eCommerce',
    product: 'Card Not Present',
  };
}

/**
 * getUnsettledTransactionListResponse / getTransactionListResponse: messages, then transactions (none: I00004), then
 * totalNumInResultSet, the size of the whole list (current schema; given here when a test says so).
 */
export function transactionList(transactions: readonly Json[], total?: number): Json {
  const counted = total === undefined ? {} : { totalNumInResultSet: total };
  return transactions.length === 0 ? { messages: NO_RECORDS, ...counted } : { messages: OK, transactions, ...counted };
}

/** `count` transactions of other payments and refunds (no invoice number of ours), with ids from `firstId` up. */
export function otherTransactions(count: number, firstId = 60123300000): Json[] {
  return Array.from({ length: count }, (_, i) => summary({ transId: String(firstId + i), transactionStatus: i % 3 === 0 ? 'refundPendingSettlement' : 'capturedPendingSettlement', invoiceNumber: `INV-${i}` }));
}

/** getSettledBatchListResponse: messages, then batchList of batchDetailsType. */
export function batchList(batches: readonly { batchId: string; settlementTimeUTC: string }[]): Json {
  if (batches.length === 0) return { messages: NO_RECORDS };
  return {
    messages: OK,
    batchList: batches.map((batch) => ({
      batchId: batch.batchId,
      settlementTimeUTC: batch.settlementTimeUTC,
      settlementTimeLocal: batch.settlementTimeUTC.replace('Z', ''),
      settlementState: 'settledSuccessfully',
      paymentMethod: 'creditCard',
      marketType: 'eCommerce',
      product: 'Card Not Present',
    })),
  };
}
