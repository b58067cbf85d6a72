import { formatMinor } from '../domain/money';
import type { PaymentState } from '../ports/ledger';
import { withBudget } from './attempts/provider-deadline';
import { sightingOf, type Transaction } from './load-transaction';
import type { RefundDeps } from './refund-deps';

/** How long a read waits for the provider's own figure; without it the record's amount stands for now. */
const PAID_AMOUNT_BUDGET_MS = 3_000;

export interface TransactionWarning {
  readonly code: 'amount_mismatch' | 'currency_mismatch';
  readonly message: string;
}

/**
 * The payment behind a record, as the ledger knows it (design §3): its amount fixed at first sight, and
 * replaced by the provider's own figure once the provider tells it.
 */
export async function seePayment(deps: Pick<RefundDeps, 'ledger' | 'providers' | 'clock' | 'logger'>, transaction: Transaction): Promise<PaymentState> {
  const payment = await deps.ledger.seePayment(sightingOf(transaction), deps.clock.now());
  if (payment.paidSource === 'provider') return payment;
  const provider = deps.providers.get(transaction.key.provider);
  const read = provider?.paidAmount?.bind(provider);
  if (!read) return payment;
  const figure = await withBudget(PAID_AMOUNT_BUDGET_MS, (signal) => read(transaction.key.providerTransactionId, signal), null, (error) => {
    deps.logger.warn('the provider could not say what was paid', { provider: transaction.key.provider, error: String(error) });
    return null;
  });
  if (!figure || figure.currency !== payment.currency) return payment;
  return deps.ledger.recordProviderAmount(payment.id, figure.minor, deps.clock.now());
}

/** Where the record and the ledger disagree: the card says so, and refunds go by the ledger. */
export function warningsOf(transaction: Transaction, payment: PaymentState): TransactionWarning[] {
  if (transaction.currency !== payment.currency) {
    return [{ code: 'currency_mismatch', message: `The record says ${transaction.currency}, but the payment was in ${payment.currency}. Correct the record's currency before refunding.` }];
  }
  if (transaction.recordAmountMinor !== payment.totals.paidMinor) {
    const c = payment.currency;
    const source = payment.paidSource === 'provider' ? `the provider says the payment was ${c} ${formatMinor(payment.totals.paidMinor, c)}` : `the payment was ${c} ${formatMinor(payment.totals.paidMinor, c)} when first seen`;
    return [{ code: 'amount_mismatch', message: `The record says ${c} ${formatMinor(transaction.recordAmountMinor, c)}, but ${source}: refunds go by the payment.` }];
  }
  return [];
}
