import type { PaymentProviderName } from '../../domain/refund-reason';
import type { DisputeReport } from '../../ports/provider-reports';
import type { RefundDeps } from '../refund-deps';
import type { ReportSource } from './apply-refund-report';
import { findReportedPayment } from './find-reported-payment';

/**
 * A payment disputed at the provider is marked in the ledger (design §3): the card shows it, and a refund its provider
 * would refuse while the dispute lasts is refused before anything is sent.
 */
export async function applyDispute(deps: RefundDeps, provider: PaymentProviderName, report: DisputeReport, source: ReportSource): Promise<'unknown_payment' | 'marked' | 'unchanged'> {
  const payment = await findReportedPayment(deps, provider, report.paymentIds);
  if (!payment) {
    deps.logger.info('dispute about a payment this app has not seen', { provider, paymentIds: report.paymentIds.join(' '), disputeId: report.disputeId, source });
    return 'unknown_payment';
  }
  const marked = await deps.ledger.markDisputed(payment.id, { openedAt: report.openedAt, refunds: report.refunds }, deps.clock.now());
  if (!marked) return 'unchanged';
  deps.logger.info('payment disputed', { provider, providerTransactionId: payment.key.providerTransactionId, disputeId: report.disputeId, refunds: report.refunds, source });
  return 'marked';
}
