import type { PaymentToReconcile, ProviderReports, RefundListing, RefundReport, ReportedAmount } from '../../../ports/provider-reports';
import { ask } from './authorize-net-http';
import { noAnswerReason } from './authorize-net-errors';
import type { Api } from './authorize-net-reporting';
import { transactionDetailsBody } from './authorize-net-requests';
import { decimalText, readTransactionDetails } from './authorize-net-responses';
import { knownStatus, refundOutcomeOf } from './authorize-net-statuses';

/** getTransactionDetails answers E00040 "The record cannot be found" for a transaction id it does not have. */
const NOT_FOUND = 'E00040';

export const AUTHORIZE_NET_NO_REFUND_LIST =
  'Authorize.net lists no refunds of a payment (a refund names its payment only in its own details): refunds made in the Merchant Interface reach this app through the net.authorize.payment.refund.created webhook only';

/** Refunds and voids read again from their details: late failures, refunds held for review that went through, voids. */
export function authorizeNetReports(api: Api): ProviderReports {
  return { refundsOf: (payment, signal) => refundsOf(api, payment, signal), refund: (id, signal) => refundById(api, id, signal) };
}

class Unavailable extends Error {}

/** A refund by its transaction id, from its details: null when Authorize.net has no such refund. Throws when it cannot tell. */
async function refundById(api: Api, transId: string, signal: AbortSignal): Promise<RefundReport | null> {
  const asked = await ask(api.send, transactionDetailsBody(api.credentials, transId), readTransactionDetails, signal);
  if (asked.kind !== 'read') throw new Unavailable(noAnswerReason(asked));
  const answer = asked.value;
  if (answer.messages.resultCode === 'Error') {
    if (answer.messages.message[0]?.code === NOT_FOUND) return null;
    throw new Unavailable(`Authorize.net refused to show transaction ${transId}`);
  }
  const transaction = answer.transaction;
  if (!transaction || transaction.transactionType !== 'refundTransaction') return null;
  const outcome = refundOutcomeOf(transaction.transId, transaction.transactionStatus, { trans_id: transaction.transId });
  if (outcome === null || outcome.status === 'unknown') return null;
  const invoice = transaction.order?.invoiceNumber;
  const submitted = new Date(transaction.submitTimeUTC);
  return {
    paymentIds: transaction.refTransId ? [transaction.refTransId] : [],
    providerRefundId: transaction.transId,
    kind: 'refund',
    mark: invoice && /^[0-9a-f]{20}$/i.test(invoice) ? { kind: 'attempt_token', token: invoice } : null,
    amount: amountOf(transaction.settleAmount),
    outcome,
    reason: null,
    createdAt: Number.isNaN(submitted.getTime()) ? null : submitted,
  };
}

async function refundsOf(api: Api, payment: PaymentToReconcile, signal: AbortSignal): Promise<RefundListing> {
  const refunds: RefundReport[] = [];
  try {
    for (const attempt of payment.attempts) {
      if (attempt.kind !== 'refund' || attempt.providerRefundId === null) continue;
      const report = await refundById(api, attempt.providerRefundId, signal);
      if (report) refunds.push(report);
    }
    const voided = await voidOf(api, payment.providerTransactionId, signal);
    if (voided) refunds.push(voided);
  } catch (error) {
    if (error instanceof Unavailable) return { kind: 'unavailable', reason: error.message };
    throw error;
  }
  return { kind: 'partial', refunds, missing: AUTHORIZE_NET_NO_REFUND_LIST };
}

/** A void changes the payment itself: its status says whether it was voided, here or in the Merchant Interface. */
async function voidOf(api: Api, paymentId: string, signal: AbortSignal): Promise<RefundReport | null> {
  const asked = await ask(api.send, transactionDetailsBody(api.credentials, paymentId), readTransactionDetails, signal);
  if (asked.kind !== 'read') throw new Unavailable(noAnswerReason(asked));
  const status = asked.value.transaction ? knownStatus(asked.value.transaction.transactionStatus) : null;
  if (status !== 'voided') return null;
  return {
    paymentIds: [paymentId],
    providerRefundId: paymentId,
    kind: 'void',
    mark: null,
    amount: null,
    outcome: { status: 'succeeded', providerRefundId: paymentId },
    reason: null,
    createdAt: null,
  };
}

/** Authorize.net names no currency: the payment's own. */
function amountOf(value: number | string | undefined): ReportedAmount | null {
  const text = decimalText(value);
  return text === null ? null : { value: text, currency: null };
}
