import { createHash } from 'node:crypto';
import { formatMinor, type Money } from '../../../domain/money';

/*
 * Request bodies of Authorize.net's JSON API. The JSON is validated against the XML schema, so keys must come in the
 * schema's order (AnetApiSchema.xsd; https://github.com/AuthorizeNet/sample-code-csharp/issues/106 shows E00003 for
 * `order` placed after `billTo`). JavaScript keeps insertion order for string keys: each object is built in XSD order.
 */

export interface Credentials {
  readonly apiLoginId: string;
  readonly transactionKey: string;
}

// AnetApiSchema.xsd merchantAuthenticationType: name, then the transactionKey choice.
function merchantAuthentication(credentials: Credentials) {
  return { name: credentials.apiLoginId, transactionKey: credentials.transactionKey };
}

/**
 * Our attempt id as Authorize.net can carry it: refId and orderType.invoiceNumber are both at most 20 characters
 * (AnetApiSchema.xsd). A UUID gives its first 20 hex digits, which an operator finds by prefix; with a version-4 UUID
 * that is 76 random bits, so among a million attempts the chance that two share a token is about 1 in 10^11.
 * Anything else (never produced by the ledger) is hashed to 20 hex digits.
 */
export function attemptToken(attemptId: string): string {
  const hex = attemptId.toLowerCase().replace(/-/g, '');
  if (/^[0-9a-f]{32}$/.test(hex)) return hex.slice(0, 20);
  return createHash('sha256').update(attemptId).digest('hex').slice(0, 20);
}

/**
 * Seconds within which Authorize.net refuses a second transaction with the same card, amount, type and invoice number
 * (error 11). Our invoice number is unique per attempt, so only a resend of the very same attempt can match; the
 * maximum, 8 hours, guards longest against sending one attempt twice and never blocks a separate partial refund of
 * the same amount (0–28800 s: http://developer.authorize.net/guides/SIM/Transaction_Response/Response_for_Duplicate_Transactions.htm).
 */
export const DUPLICATE_WINDOW_SECONDS = '28800';

// Refunds need the last four card digits and "XXXX" as expiry when linked to refTransId
// (https://community.developer.authorize.net/t5/Integration-and-Testing/Refund-transaction-error-code-quot-6-quot-and-error-message-quot/td-p/54306).
const MASKED_EXPIRATION = 'XXXX';

export interface RefundFields {
  readonly attemptId: string;
  readonly providerTransactionId: string;
  readonly amount: Money;
  readonly cardLast4: string;
}

export function refundTransactionBody(credentials: Credentials, fields: RefundFields): string {
  const token = attemptToken(fields.attemptId);
  return JSON.stringify({
    createTransactionRequest: {
      merchantAuthentication: merchantAuthentication(credentials),
      refId: token,
      transactionRequest: {
        transactionType: 'refundTransaction',
        amount: formatMinor(fields.amount.minor, fields.amount.currency),
        // Without it Authorize.net runs the amount in the account's default currency
        // (https://github.com/eventespresso/event-espresso-core/issues/579); with it, a mismatch is refused (error 39).
        currencyCode: fields.amount.currency,
        payment: { creditCard: { cardNumber: fields.cardLast4, expirationDate: MASKED_EXPIRATION } },
        refTransId: fields.providerTransactionId,
        order: { invoiceNumber: token },
        transactionSettings: { setting: { settingName: 'duplicateWindow', settingValue: DUPLICATE_WINDOW_SECONDS } },
      },
    },
  });
}

export function voidTransactionBody(credentials: Credentials, fields: { attemptId: string; providerTransactionId: string }): string {
  return JSON.stringify({
    createTransactionRequest: {
      merchantAuthentication: merchantAuthentication(credentials),
      refId: attemptToken(fields.attemptId),
      transactionRequest: { transactionType: 'voidTransaction', refTransId: fields.providerTransactionId },
    },
  });
}

export function transactionDetailsBody(credentials: Credentials, transId: string): string {
  return JSON.stringify({ getTransactionDetailsRequest: { merchantAuthentication: merchantAuthentication(credentials), transId } });
}

/**
 * getMerchantDetailsRequest: merchantAuthentication alone (it extends ANetApiRequest with nothing). Current schema only
 * (AnetApiSchema.xsd of github.com/AuthorizeNet/sdk-php, master 0c48e24); the 2016 copy in ../shared/specs predates it.
 */
export function merchantDetailsBody(credentials: Credentials): string {
  return JSON.stringify({ getMerchantDetailsRequest: { merchantAuthentication: merchantAuthentication(credentials) } });
}

/**
 * One page of a transaction list: `number` counts from 1, `size` is at most 1000. Sorting and paging exist only in
 * Authorize.net's current schema (AnetApiSchema.xsd of github.com/AuthorizeNet/sdk-php, master 0c48e24; the 2016
 * copy in ../shared/specs predates them), in this order: getUnsettledTransactionListRequest = merchantAuthentication,
 * clientId?, refId?, status?, sorting?, paging?; getTransactionListRequest = merchantAuthentication, clientId?,
 * refId?, batchId?, sorting?, paging?; TransactionListSorting = orderBy (id | submitTimeUTC), orderDescending;
 * Paging = limit (1–1000), offset (1–100000). `offset` is taken for the page number, as Authorize.net's own sample
 * code (AuthorizeNet/sample-code-node, -ruby) pages from 1; searchList notices if it is not (pages then overlap).
 */
export interface ListPage {
  readonly number: number;
  readonly size: number;
}

/** Oldest transaction first: what arrives while the pages are read lands after them, never shifting a page unread. */
function listOrder(page: ListPage) {
  return { sorting: { orderBy: 'id', orderDescending: false }, paging: { limit: page.size, offset: page.number } };
}

export function unsettledTransactionsBody(credentials: Credentials, page: ListPage): string {
  return JSON.stringify({ getUnsettledTransactionListRequest: { merchantAuthentication: merchantAuthentication(credentials), ...listOrder(page) } });
}

export function settledBatchesBody(credentials: Credentials, first: Date, last: Date): string {
  return JSON.stringify({
    getSettledBatchListRequest: {
      merchantAuthentication: merchantAuthentication(credentials),
      firstSettlementDate: xsdDateTime(first),
      lastSettlementDate: xsdDateTime(last),
    },
  });
}

export function batchTransactionsBody(credentials: Credentials, batchId: string, page: ListPage): string {
  return JSON.stringify({ getTransactionListRequest: { merchantAuthentication: merchantAuthentication(credentials), batchId, ...listOrder(page) } });
}

/** xs:dateTime in UTC without milliseconds, as Authorize.net's own examples write it ("2015-01-26T08:00:00Z"). */
function xsdDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
