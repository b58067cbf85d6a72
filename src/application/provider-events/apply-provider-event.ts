import { assertNever } from '../../domain/assert-never';
import { AppError } from '../../domain/errors';
import type { PaymentProviderName } from '../../domain/refund-reason';
import type { EventOutcome } from '../../ports/provider-event-log';
import type { RefundReport } from '../../ports/provider-reports';
import type { ProviderEvent } from '../../ports/provider-webhooks';
import { withBudget } from '../attempts/provider-deadline';
import type { RefundDeps } from '../refund-deps';
import { applyDispute } from './apply-dispute';
import { findReportedPayment } from './find-reported-payment';
import { applyRefundReport, type ReportApplied } from './apply-refund-report';
import { reconcilePayment } from '../reconcile/reconcile-payment';

/**
 * One event of a verified delivery, applied. An event that names only a refund has the provider asked about it first;
 * one that says a payment's refunds changed has them read again in the background (the answer does not wait for it).
 * Throws PROVIDER_UNAVAILABLE when the provider could not be asked: the delivery is then refused, and retried.
 */
export async function applyProviderEvent(deps: RefundDeps, provider: PaymentProviderName, event: ProviderEvent): Promise<EventOutcome> {
  switch (event.kind) {
    case 'refund':
      return outcomeOf(await applyRefundReport(deps, provider, event.report, 'webhook'));
    case 'refund_to_look_up':
      return lookUpAndApply(deps, provider, event.providerRefundId);
    case 'refunds_changed': {
      const payment = await findReportedPayment(deps, provider, event.paymentIds);
      if (!payment) return 'unknown_payment';
      deps.background.run('payment reconciliation', () => reconcilePayment(deps, payment));
      return 'applied';
    }
    case 'dispute': {
      const marked = await applyDispute(deps, provider, event.report, 'webhook');
      return marked === 'unknown_payment' ? 'unknown_payment' : 'applied';
    }
    case 'ignored':
      return 'ignored';
    default:
      return assertNever(event);
  }
}

async function lookUpAndApply(deps: RefundDeps, provider: PaymentProviderName, providerRefundId: string): Promise<EventOutcome> {
  const read = deps.providers.get(provider)?.reports?.refund;
  if (!read) return 'ignored';
  const unavailable = new AppError('PROVIDER_UNAVAILABLE', `${deps.providerLabels[provider].label} could not be asked about refund ${providerRefundId}: the delivery is refused so that it comes again.`);
  const looked = await withBudget<RefundReport | null | 'late' | 'failed'>(deps.providerTimeoutMs, (signal) => read(providerRefundId, signal), 'late', () => 'failed');
  if (looked === 'late' || looked === 'failed') throw unavailable;
  if (looked === null) {
    deps.logger.warn('provider event names a refund the provider does not show', { provider, providerRefundId });
    return 'ignored';
  }
  return outcomeOf(await applyRefundReport(deps, provider, looked, 'webhook'));
}

function outcomeOf(applied: ReportApplied): EventOutcome {
  switch (applied.kind) {
    case 'unknown_payment':
      return 'unknown_payment';
    case 'changed':
    case 'recorded_outside':
    case 'unchanged':
      return 'applied';
    case 'ignored':
      return 'ignored';
    default:
      return assertNever(applied);
  }
}
