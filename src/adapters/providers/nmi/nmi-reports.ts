import type { PaymentToReconcile, ProviderReports, RefundListing, RefundReport } from '../../../ports/provider-reports';
import type { HttpExchange } from '../http-exchange';
import { type FormFields, queryByOrderIdForm, queryByTransactionIdForm } from './nmi-mapping';
import { lookupOutcome, type QueryAnswer, readQueryAnswer } from './nmi-query';

export const NMI_NO_REFUND_LIST =
  "NMI links a refund to its payment nowhere (neither its Query API nor its webhooks name the payment): refunds made in NMI's Merchant Control Panel are not recorded; voids are";

export type NmiQuery = (form: FormFields, signal: AbortSignal) => Promise<HttpExchange>;

/** The app's own refunds found again by their order_id, and the payment's own status for a void. */
export function nmiReports(securityKey: string, query: NmiQuery): ProviderReports {
  return { refundsOf: (payment, signal) => refundsOf(securityKey, query, payment, signal) };
}

class Unavailable extends Error {}

async function ask(query: NmiQuery, form: FormFields, signal: AbortSignal): Promise<Extract<QueryAnswer, { kind: 'transactions' }>> {
  const exchanged = await query(form, signal);
  if (exchanged.kind !== 'response') throw new Unavailable(`NMI did not answer (${exchanged.kind})`);
  const answer = readQueryAnswer(exchanged.text);
  if (answer === null || answer.kind === 'error') throw new Unavailable("NMI's Query API did not answer with transactions");
  return answer;
}

async function refundsOf(securityKey: string, query: NmiQuery, payment: PaymentToReconcile, signal: AbortSignal): Promise<RefundListing> {
  const refunds: RefundReport[] = [];
  try {
    for (const attempt of payment.attempts) {
      if (attempt.kind !== 'refund') continue;
      const answer = await ask(query, queryByOrderIdForm(securityKey, attempt.id), signal);
      const facts = { kind: 'refund' as const, attemptId: attempt.id, providerTransactionId: payment.providerTransactionId, providerRefundId: attempt.providerRefundId, createdAt: attempt.createdAt };
      // Only what NMI shows counts here: its silence about a refund is no news (the resolver weighs silence).
      const outcome = lookupOutcome(answer, facts, attempt.createdAt);
      if (outcome.status === 'unknown' || outcome.providerRefundId === null) continue;
      refunds.push({
        paymentIds: [payment.providerTransactionId],
        providerRefundId: outcome.providerRefundId,
        kind: 'refund',
        mark: { kind: 'attempt_id', attemptId: attempt.id },
        amount: null,
        outcome,
        reason: null,
        createdAt: null,
      });
    }
    const voided = await voidOf(securityKey, query, payment.providerTransactionId, signal);
    if (voided) refunds.push(voided);
  } catch (error) {
    if (error instanceof Unavailable) return { kind: 'unavailable', reason: error.message };
    throw error;
  }
  return { kind: 'partial', refunds, missing: NMI_NO_REFUND_LIST };
}

async function voidOf(securityKey: string, query: NmiQuery, paymentId: string, signal: AbortSignal): Promise<RefundReport | null> {
  const answer = await ask(query, queryByTransactionIdForm(securityKey, paymentId), signal);
  const own = answer.transactions.find((transaction) => transaction.transactionId === paymentId);
  const voided = own && (own.condition === 'canceled' || own.actions.some((action) => action.action_type === 'void' && action.success === '1'));
  if (!voided) return null;
  return { paymentIds: [paymentId], providerRefundId: paymentId, kind: 'void', mark: null, amount: null, outcome: { status: 'succeeded', providerRefundId: paymentId }, reason: null, createdAt: null };
}
