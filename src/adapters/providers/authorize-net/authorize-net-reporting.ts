import { type Detail, noAnswerReason } from './authorize-net-errors';
import { ask, type Asked, type Send } from './authorize-net-http';
import {
  batchTransactionsBody,
  type Credentials,
  type ListPage,
  settledBatchesBody,
  transactionDetailsBody,
  unsettledTransactionsBody,
} from './authorize-net-requests';
import {
  type ApiMessages,
  readBatchList,
  readTransactionDetails,
  readTransactionList,
  type TransactionDetails,
  type TransactionListAnswer,
  type TransactionSummary,
} from './authorize-net-responses';

/** What every call needs: the endpoint and the credentials. */
export interface Api {
  readonly send: Send;
  readonly credentials: Credentials;
}

/** The Transaction Details API's answer, or a sentence on why there is none. */
export type Looked<T> = { readonly kind: 'found'; readonly value: T } | { readonly kind: 'unavailable'; readonly reason: string; readonly detail: Detail };

export interface Batch {
  readonly batchId: string;
}

/** One page of a transaction list, and the size of the whole list when Authorize.net tells it. */
export interface TransactionPage {
  readonly transactions: readonly TransactionSummary[];
  readonly total: number | null;
}

export function transactionDetails(api: Api, transId: string, signal: AbortSignal): Promise<Looked<TransactionDetails>> {
  return lookedUp(ask(api.send, transactionDetailsBody(api.credentials, transId), readTransactionDetails, signal), (answer) =>
    answer.transaction ?? null,
  );
}

export function unsettledTransactions(api: Api, page: ListPage, signal: AbortSignal): Promise<Looked<TransactionPage>> {
  return lookedUp(ask(api.send, unsettledTransactionsBody(api.credentials, page), readTransactionList, signal), pageOf);
}

export function settledBatches(api: Api, first: Date, last: Date, signal: AbortSignal): Promise<Looked<readonly Batch[]>> {
  return lookedUp(ask(api.send, settledBatchesBody(api.credentials, first, last), readBatchList, signal), (answer) => answer.batchList ?? []);
}

export function batchTransactions(api: Api, batchId: string, page: ListPage, signal: AbortSignal): Promise<Looked<TransactionPage>> {
  return lookedUp(ask(api.send, batchTransactionsBody(api.credentials, batchId, page), readTransactionList, signal), pageOf);
}

function pageOf(answer: TransactionListAnswer): TransactionPage {
  return { transactions: answer.transactions ?? [], total: answer.totalNumInResultSet ?? null };
}

async function lookedUp<A extends { readonly messages: ApiMessages }, T>(asking: Promise<Asked<A>>, pick: (answer: A) => T | null): Promise<Looked<T>> {
  const asked = await asking;
  if (asked.kind !== 'read') return { kind: 'unavailable', reason: noAnswerReason(asked), detail: { reason: asked.kind === 'stopped' ? asked.reason : asked.kind } };
  const answer = asked.value;
  const message = answer.messages.message[0];
  const detail: Detail = { result_code: answer.messages.resultCode, message_code: message?.code ?? '', message_text: message?.text ?? '' };
  if (answer.messages.resultCode === 'Error') return { kind: 'unavailable', reason: refusalReason(message?.code), detail };
  const value = pick(answer);
  return value === null ? { kind: 'unavailable', reason: 'Authorize.net answered without the transaction.', detail } : { kind: 'found', value };
}

function refusalReason(code: string | undefined): string {
  // The Transaction Details API is off until the merchant enables it (Account > Settings > Security Settings >
  // Transaction Details API: https://onlinerme.atlassian.net/wiki/spaces/OLSO/pages/9797640/Authorize.NET+-+Refunding.).
  if (code === 'E00011') {
    return 'Authorize.net refuses to show transactions to this app. Enable the Transaction Details API in the Merchant Interface (Account, Settings, Security Settings).';
  }
  return 'Authorize.net refused to show the transaction.';
}
