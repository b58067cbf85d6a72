import { type Money, parseMoney } from '../../../domain/money';
import type { HttpExchange } from '../http-exchange';
import { type FormFields, isNmiTransactionId, queryByTransactionIdForm } from './nmi-mapping';
import { type NmiAction, type NmiTransaction, readQueryAnswer } from './nmi-query';

/** One POST to the Query API, within the engine's signal. */
export type QueryPost = (form: FormFields, signal: AbortSignal) => Promise<HttpExchange>;

/**
 * What an NMI payment took: the Query API by transaction_id (https://docs.nmi.com/reference/query), read once the
 * transaction's condition is `complete` ("Transaction has settled"): the amount of its one successful capture (an
 * auth captured later, perhaps for less) or else of its one successful sale, in the transaction's currency. Before
 * settlement (`pendingsettlement`, `pending`…) nothing is read and it is asked again later; a `return` (an ACH
 * return or a chargeback), several captures or sales, any error, timeout or unreadable answer give no figure.
 */
export async function paidAmount(query: QueryPost, securityKey: string, transactionId: string, signal: AbortSignal): Promise<Money | null> {
  try {
    if (!isNmiTransactionId(transactionId) || signal.aborted) return null;
    const exchanged = await query(queryByTransactionIdForm(securityKey, transactionId), signal);
    const answer = exchanged.kind === 'response' ? readQueryAnswer(exchanged.text) : null;
    if (answer?.kind !== 'transactions') return null;
    const matching = answer.transactions.filter((transaction) => transaction.transactionId === transactionId);
    return matching.length === 1 && matching[0] ? settledAmount(matching[0]) : null;
  } catch {
    return null;
  }
}

function settledAmount(payment: NmiTransaction): Money | null {
  if (payment.condition !== 'complete') return null;
  const succeeded = (type: string): NmiAction[] => payment.actions.filter((action) => action.action_type === type && action.success === '1');
  if (succeeded('return').length > 0) return null;
  const captures = succeeded('capture');
  const taking = captures.length > 0 ? captures : succeeded('sale');
  const [action] = taking;
  if (taking.length !== 1 || action === undefined) return null;
  const parsed = parseMoney(action.amount, payment.currency);
  return parsed.ok ? parsed.money : null;
}
