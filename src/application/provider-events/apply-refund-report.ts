import type { RefundAttempt } from '../../domain/attempt';
import { parseMoney } from '../../domain/money';
import type { PaymentProviderName } from '../../domain/refund-reason';
import type { PaymentState } from '../../ports/ledger';
import type { RefundReport, ReportedAmount } from '../../ports/provider-reports';
import { recordChange } from '../attempts/record-outcome';
import { deliverJob } from '../crm-write/deliver-job';
import type { RefundDeps } from '../refund-deps';
import { findReportedPayment } from './find-reported-payment';
import { lateFailure } from './late-failure';

/** Who learnt what the provider reports. */
export type ReportSource = 'webhook' | 'reconciliation';

export type ReportApplied =
  /** no payment of this app: acknowledged and logged */
  | { readonly kind: 'unknown_payment' }
  /** one of our attempts moved on (late: it had succeeded and now failed) */
  | { readonly kind: 'changed'; readonly attempt: RefundAttempt; readonly late: boolean }
  /** a refund made outside the app, recorded now */
  | { readonly kind: 'recorded_outside'; readonly attempt: RefundAttempt }
  /** nothing new: the ledger already says so */
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'ignored'; readonly why: string };

/**
 * What a provider reports about one refund or void, applied to the ledger once, whoever learnt it (design §3). A
 * report about one of our attempts (by its mark, else its refund id) moves that attempt through the one recording
 * path; one about no attempt of ours is a refund made outside the app, recorded once. Reports that tell nothing new
 * change nothing, so that several events describing one change make one change and one note.
 */
export async function applyRefundReport(deps: RefundDeps, provider: PaymentProviderName, report: RefundReport, source: ReportSource): Promise<ReportApplied> {
  const payment = await findReportedPayment(deps, provider, report.paymentIds, report.mark);
  if (!payment) {
    deps.logger.info('provider report about a payment this app has not seen', { provider, paymentIds: report.paymentIds.join(' '), providerRefundId: report.providerRefundId, source });
    return { kind: 'unknown_payment' };
  }
  const attempt = await deps.ledger.matchAttempt(payment.id, { mark: report.mark, providerRefundId: report.providerRefundId, kind: report.kind });
  // An attempt recorded failed whose refund the provider shows after all (a lookup concluded too soon): the money left.
  if (attempt && !(attempt.status === 'failed' && report.outcome.status !== 'failed')) return moveAttempt(deps, attempt, report, source);
  return recordOutside(deps, payment, report, source);
}

async function moveAttempt(deps: RefundDeps, attempt: RefundAttempt, report: RefundReport, source: ReportSource): Promise<ReportApplied> {
  if (!bringsNews(attempt, report.outcome)) return { kind: 'unchanged' };
  const late = attempt.status === 'succeeded' && report.outcome.status === 'failed';
  const outcome = late && report.outcome.status === 'failed' ? lateFailure(report.outcome, deps.providerLabels[attempt.provider].label) : report.outcome;
  const result = await recordChange(deps, attempt, { kind: 'outcome', outcome }, source);
  if (result.kind === 'changed') return { kind: 'changed', attempt: result.attempt, late };
  if (result.kind === 'not_allowed') {
    deps.logger.warn('provider report not applied: the attempt cannot move there', { attemptId: attempt.id, from: attempt.status, to: outcome.status, source });
    return { kind: 'ignored', why: `attempt ${attempt.status} cannot become ${outcome.status}` };
  }
  return { kind: 'unchanged' };
}

/** Only news moves an attempt: the same status again (with the refund id already known) rewrites nothing. */
function bringsNews(attempt: RefundAttempt, outcome: RefundReport['outcome']): boolean {
  if (attempt.status !== outcome.status) return true;
  return attempt.providerRefundId === null && outcome.providerRefundId !== null;
}

async function recordOutside(deps: RefundDeps, payment: PaymentState, report: RefundReport, source: ReportSource): Promise<ReportApplied> {
  const { outcome } = report;
  if (outcome.status === 'failed') return { kind: 'ignored', why: 'a refund made outside the app that failed: no money left' };
  const amountMinor = report.kind === 'void' ? payment.totals.paidMinor : amountIn(report.amount, payment);
  if (amountMinor === null || amountMinor <= 0n) {
    deps.logger.warn('refund made outside the app not recorded: its amount is unknown or in another currency', {
      provider: payment.key.provider,
      providerRefundId: report.providerRefundId,
      source,
    });
    return { kind: 'ignored', why: 'amount unknown or in another currency' };
  }
  const result = await deps.ledger.recordOutsideRefund(
    payment,
    { kind: report.kind, amountMinor, providerRefundId: report.providerRefundId, status: outcome.status, reason: report.reason ?? 'other', createdAt: report.createdAt },
    deps.clock.now(),
  );
  switch (result.kind) {
    case 'recorded': {
      deps.logger.info('refund attempt', {
        attemptId: result.attempt.id,
        kind: result.attempt.kind,
        origin: 'provider',
        provider: result.attempt.provider,
        status: result.attempt.status,
        providerRefundId: report.providerRefundId,
        source,
      });
      const delivery = result.delivery;
      if (delivery) deps.background.run('crm write-back', () => deliverJob(deps, delivery));
      return { kind: 'recorded_outside', attempt: result.attempt };
    }
    case 'known':
      return { kind: 'unchanged' };
    case 'no_record':
      deps.logger.warn('refund made outside the app not recorded: no CRM record points at the payment', { provider: payment.key.provider, providerRefundId: report.providerRefundId });
      return { kind: 'ignored', why: 'no CRM record points at the payment' };
    default: {
      const unreachable: never = result;
      return unreachable;
    }
  }
}

/** The provider's amount in the payment's minor units; null when it is missing, unreadable or in another currency. */
function amountIn(amount: ReportedAmount | null, payment: PaymentState): bigint | null {
  if (amount === null) return null;
  const parsed = parseMoney(amount.value, amount.currency ?? payment.currency);
  return parsed.ok && parsed.money.currency === payment.currency ? parsed.money.minor : null;
}
