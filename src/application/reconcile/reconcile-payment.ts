import { assertNever } from '../../domain/assert-never';
import type { RefundAttempt } from '../../domain/attempt';
import type { PaymentState } from '../../ports/ledger';
import type { PaymentToReconcile, RefundListing } from '../../ports/provider-reports';
import { withBudget } from '../attempts/provider-deadline';
import { applyRefundReport, type ReportApplied } from '../provider-events/apply-refund-report';
import type { RefundDeps } from '../refund-deps';

/** Reconciliation runs in the background, not inside HubSpot's 15 s: a payment's whole list may take this long. */
export const RECONCILE_PAYMENT_BUDGET_MS = 60_000;
const ATTEMPTS_PAGE = 100;

export interface PaymentReconciled {
  /** `complete`: every refund of the payment compared; `partial`: what `missing` names could not be; `not_listable`: nothing */
  readonly listing: 'complete' | 'partial' | 'unavailable' | 'not_listable';
  /** why the listing is not complete, for the summary */
  readonly why: string | null;
  readonly lateFailures: number;
  readonly outsideRecorded: number;
  /** other changes: a pending settled, an unknown resolved */
  readonly updated: number;
}

const NOTHING = { lateFailures: 0, outsideRecorded: 0, updated: 0 } as const;

/**
 * A payment's refunds at its provider compared with the ledger (design §3: the provider is the truth about money), and
 * what is missing recorded through the same path as a webhook's report: late failures, refunds made outside the app,
 * pendings that settled. Idempotent: a second run over the same answers changes nothing.
 */
export async function reconcilePayment(deps: RefundDeps, payment: PaymentState): Promise<PaymentReconciled> {
  const provider = deps.providers.get(payment.key.provider);
  const reports = provider?.reports;
  if (!provider || !reports) {
    const label = deps.providerLabels[payment.key.provider].label;
    const why = provider ? `${label}: this backend reads nothing back from it` : `${label} is not configured on this backend`;
    return { listing: 'not_listable', why, ...NOTHING };
  }
  const target: PaymentToReconcile = {
    providerTransactionId: payment.key.providerTransactionId,
    attempts: (await attemptsOf(deps, payment)).map((attempt) => ({ id: attempt.id, kind: attempt.kind, providerRefundId: attempt.providerRefundId, createdAt: attempt.createdAt })),
  };
  const listing = await withBudget<RefundListing>(
    RECONCILE_PAYMENT_BUDGET_MS,
    (signal) => reports.refundsOf(target, signal),
    { kind: 'unavailable', reason: 'the provider did not answer in time' },
    (error) => {
      deps.logger.error('reconciliation: the adapter threw', { provider: payment.key.provider, error: String(error) });
      return { kind: 'unavailable', reason: 'the adapter failed' };
    },
  );
  if (listing.kind === 'unavailable') return { listing: 'unavailable', why: listing.reason, ...NOTHING };
  let lateFailures = 0;
  let outsideRecorded = 0;
  let updated = 0;
  for (const report of listing.refunds) {
    const applied: ReportApplied = await applyRefundReport(deps, payment.key.provider, report, 'reconciliation');
    switch (applied.kind) {
      case 'changed':
        if (applied.late) lateFailures += 1;
        else updated += 1;
        break;
      case 'recorded_outside':
        outsideRecorded += 1;
        break;
      case 'unknown_payment':
      case 'unchanged':
      case 'ignored':
        break;
      default:
        assertNever(applied);
    }
  }
  return { listing: listing.kind, why: listing.kind === 'partial' ? listing.missing : null, lateFailures, outsideRecorded, updated };
}

async function attemptsOf(deps: RefundDeps, payment: PaymentState): Promise<RefundAttempt[]> {
  const attempts: RefundAttempt[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.ledger.listAttempts(payment.id, { limit: ATTEMPTS_PAGE, cursor });
    attempts.push(...page.attempts);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return attempts;
}
