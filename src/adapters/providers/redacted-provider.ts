import { assertNever } from '../../domain/assert-never';
import type { AttemptFailure } from '../../domain/attempt';
import type { PaymentProvider, ProviderOutcome, Settlement } from '../../ports/payment-provider';
import type { ProviderReports, RefundListing, RefundReport } from '../../ports/provider-reports';
import type { TextRedactor } from '../logging/secret-redaction';

type Detail = Readonly<Record<string, string>>;

const redactDetail = (detail: Detail, redactText: TextRedactor): Detail =>
  Object.fromEntries(Object.entries(detail).map(([key, value]) => [key, redactText(value)]));

function redactFailure(failure: AttemptFailure, redactText: TextRedactor): AttemptFailure {
  return { ...failure, message: redactText(failure.message), ...(failure.detail ? { detail: redactDetail(failure.detail, redactText) } : {}) };
}

function redactOutcome(outcome: ProviderOutcome, redactText: TextRedactor): ProviderOutcome {
  switch (outcome.status) {
    case 'succeeded':
      return outcome;
    case 'pending':
      return outcome.message === undefined ? outcome : { ...outcome, message: redactText(outcome.message) };
    case 'failed':
    case 'unknown':
      return { ...outcome, failure: redactFailure(outcome.failure, redactText) };
    default:
      return assertNever(outcome);
  }
}

function redactReport(report: RefundReport, redactText: TextRedactor): RefundReport {
  return { ...report, outcome: redactOutcome(report.outcome, redactText) as RefundReport['outcome'] };
}

function redactListing(listing: RefundListing, redactText: TextRedactor): RefundListing {
  switch (listing.kind) {
    case 'complete':
      return { kind: 'complete', refunds: listing.refunds.map((report) => redactReport(report, redactText)) };
    case 'partial':
      return { kind: 'partial', refunds: listing.refunds.map((report) => redactReport(report, redactText)), missing: redactText(listing.missing) };
    case 'unavailable':
      return { kind: 'unavailable', reason: redactText(listing.reason) };
    default:
      return assertNever(listing);
  }
}

function redactReports(reports: ProviderReports, redactText: TextRedactor): ProviderReports {
  const { refund } = reports;
  return {
    refundsOf: async (payment, signal) => redactListing(await reports.refundsOf(payment, signal), redactText),
    ...(refund
      ? {
          refund: async (id: string, signal: AbortSignal) => {
            const report = await refund.call(reports, id, signal);
            return report === null ? null : redactReport(report, redactText);
          },
        }
      : {}),
  };
}

function redactSettlement(settlement: Settlement, redactText: TextRedactor): Settlement {
  if (settlement.state !== 'unknown') return settlement;
  return { state: 'unknown', reason: redactText(settlement.reason), ...(settlement.detail ? { detail: redactDetail(settlement.detail, redactText) } : {}) };
}

/**
 * Whatever a provider echoed (a `Basic base64(id:secret)` header in an error, a key in a URL), the outcome that is
 * recorded in the ledger and logged holds none of the configured secrets, in any encoding (issue 11, item 7).
 */
export function withOutcomesRedacted(provider: PaymentProvider, redactText: TextRedactor): PaymentProvider {
  const { voids, paidAmount, reports } = provider;
  return {
    name: provider.name,
    describeInvalidTransactionId: (id) => provider.describeInvalidTransactionId(id),
    describeUnsupportedAmount: (amount) => provider.describeUnsupportedAmount(amount),
    refund: async (request) => redactOutcome(await provider.refund(request), redactText),
    lookup: async (request) => redactOutcome(await provider.lookup(request), redactText),
    ...(paidAmount ? { paidAmount: (id: string, signal: AbortSignal) => paidAmount.call(provider, id, signal) } : {}),
    ...(reports ? { reports: redactReports(reports, redactText) } : {}),
    ...(voids
      ? {
          voids: {
            settlement: async (id, signal) => redactSettlement(await voids.settlement(id, signal), redactText),
            void: async (request) => redactOutcome(await voids.void(request), redactText),
          },
        }
      : {}),
  };
}
