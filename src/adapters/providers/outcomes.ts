import type { FailureCode } from '../../domain/failure-code';
import type { ProviderOutcome } from '../../ports/payment-provider';

/** Operator detail kept with a failure (provider codes, request ids), never shown to the rep. */
export type OutcomeDetail = Record<string, string>;

export function failedOutcome(code: FailureCode, message: string, detail: OutcomeDetail, providerRefundId: string | null = null): ProviderOutcome {
  return { status: 'failed', providerRefundId, failure: { code, message, detail } };
}

export function unknownOutcome(code: FailureCode, message: string, detail: OutcomeDetail): ProviderOutcome {
  return { status: 'unknown', failure: { code, message, detail } };
}

/**
 * What the rep reads instead of a provider's own words, which are another system's text (design §7, §8): those stay
 * in the failure's detail, for the operator.
 */
export const REASON_KEPT_FOR_ADMIN = "The provider's reason is kept in the attempt's details for your admin.";

/** What every adapter tells the rep when an answer is missing (design §3: a timeout is not a failure). */
export function mayHaveGoneThrough(what = 'refund'): string {
  return `the ${what} may or may not have gone through. It will be checked before anyone retries.`;
}
