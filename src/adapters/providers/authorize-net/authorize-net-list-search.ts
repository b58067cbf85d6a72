import type { ProviderOutcome } from '../../../ports/payment-provider';
import { type Detail, lookupInconclusive } from './authorize-net-errors';
import type { Looked, TransactionPage } from './authorize-net-reporting';
import type { ListPage } from './authorize-net-requests';
import type { TransactionSummary } from './authorize-net-responses';
import { refundOutcomeOf } from './authorize-net-statuses';

/** The most one page holds (Paging.limit, current schema). */
export const PAGE_SIZE = 1000;
/** Pages read from one list before the search gives up: 20,000 transactions, well past what one time budget reads. */
export const MAX_PAGES = 20;

export type ListSearch =
  /** the transaction carrying the invoice number, as an outcome (the best one when a refused duplicate carries it too) */
  | { readonly kind: 'found'; readonly outcome: ProviderOutcome }
  /** the whole list was read and nothing in it carries the invoice number */
  | { readonly kind: 'absent'; readonly pages: number }
  /** the list could not be read to its end: `reason` is a sentence for the rep */
  | { readonly kind: 'incomplete'; readonly reason: string; readonly detail: Detail };

/**
 * Reads one transaction list (`what` names it) page by page for the transactions carrying our invoice number. The list
 * counts as read in full only when a page comes back short or Authorize.net's count of the list is reached, no page
 * repeats a transaction of an earlier one (as it would if `offset` counted transactions rather than pages), and no
 * fewer transactions were read than that count.
 */
export async function searchList(
  readPage: (page: ListPage) => Promise<Looked<TransactionPage>>,
  invoiceNumber: string,
  what: string,
  detail: Detail,
): Promise<ListSearch> {
  const seen = new Set<string>();
  const matches: ProviderOutcome[] = [];
  for (let number = 1; number <= MAX_PAGES; number += 1) {
    const looked = await readPage({ number, size: PAGE_SIZE });
    if (looked.kind === 'unavailable') return { kind: 'incomplete', reason: looked.reason, detail: { ...looked.detail, page: String(number) } };
    const { transactions, total } = looked.value;
    if (transactions.some((transaction) => seen.has(transaction.transId))) {
      return { kind: 'incomplete', reason: `${what} repeated transactions from one page to the next, so it could not be read in full.`, detail: { page: String(number) } };
    }
    for (const transaction of transactions) seen.add(transaction.transId);
    matches.push(...matchesOf(transactions, invoiceNumber, detail));
    const best = bestOf(matches);
    if (best?.status === 'succeeded') return { kind: 'found', outcome: best };
    const ended = transactions.length < PAGE_SIZE || (total !== null && seen.size >= total);
    if (!ended) continue;
    if (best) return { kind: 'found', outcome: best };
    if (total !== null && seen.size < total) {
      return { kind: 'incomplete', reason: `${what} counts ${total} transactions but showed ${seen.size}.`, detail: { page: String(number) } };
    }
    return { kind: 'absent', pages: number };
  }
  const best = bestOf(matches);
  if (best) return { kind: 'found', outcome: best };
  return { kind: 'incomplete', reason: `${what} holds more than ${MAX_PAGES * PAGE_SIZE} transactions, too many to search in full.`, detail: {} };
}

/** The transactions carrying our invoice number: only refunds carry one. */
function matchesOf(transactions: readonly TransactionSummary[], invoiceNumber: string, detail: Detail): ProviderOutcome[] {
  return transactions
    .filter((transaction) => transaction.invoiceNumber === invoiceNumber)
    .map(
      (transaction) =>
        refundOutcomeOf(transaction.transId, transaction.transactionStatus, detail) ??
        lookupInconclusive('refund', `transaction ${transaction.transId} carries this attempt's invoice number but is ${transaction.transactionStatus}.`, {
          ...detail,
          trans_id: transaction.transId,
        }),
    );
}

const RANK: Readonly<Record<ProviderOutcome['status'], number>> = { succeeded: 0, pending: 1, unknown: 2, failed: 3 };

/** A refund that went through outranks a refused duplicate carrying the same invoice number. */
function bestOf(outcomes: readonly ProviderOutcome[]): ProviderOutcome | undefined {
  return [...outcomes].sort((a, b) => RANK[a.status] - RANK[b.status])[0];
}
