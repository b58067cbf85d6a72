import type { RefundAttempt } from '../../domain/attempt';
import type { TransactionRef } from '../../domain/ids';
import type { PaymentState } from '../../ports/ledger';
import type { TransactionWarning } from '../see-payment';
import { type AttemptView, presentAttempt, presentTransaction, type TransactionView } from '../transaction-view';

export interface AttemptResult {
  /** created: this request made the attempt (or moved it on); replayed: the same key and body came before */
  readonly outcome: 'created' | 'replayed';
  readonly attempt: AttemptView;
  readonly transaction: TransactionView;
}

/** The answer: the attempt and the payment's totals as they stand after it, from the ledger's running totals. */
export function attemptResult(
  outcome: AttemptResult['outcome'],
  ref: TransactionRef,
  attempt: RefundAttempt,
  payment: PaymentState,
  warnings: readonly TransactionWarning[] = [],
): AttemptResult {
  return { outcome, attempt: presentAttempt(attempt), transaction: presentTransaction(ref, payment, warnings) };
}
