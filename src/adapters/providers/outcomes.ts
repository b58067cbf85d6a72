import type { AttemptKind } from '../../domain/attempt';
import type { FailureCode } from '../../domain/failure-code';
import type { ProviderOutcome } from '../../ports/payment-provider';
import type { StopReason } from './http-exchange';

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
export function mayHaveGoneThrough(what: AttemptKind = 'refund'): string {
  return `the ${what} may or may not have gone through. It will be checked before anyone retries.`;
}

/** The engine's deadline or the caller's signal stopped the wait; `provider` may still have acted on the request. */
export function noAnswerOutcome(provider: string, reason: StopReason, action: AttemptKind = 'refund'): ProviderOutcome {
  return reason === 'deadline'
    ? unknownOutcome('provider_timeout', `${provider} did not answer in time; ${mayHaveGoneThrough(action)}`, { reason })
    : unknownOutcome('request_aborted', `The wait for ${provider} was stopped; ${mayHaveGoneThrough(action)}`, { reason });
}

/** The connection failed or broke before an answer: `provider` may have received the request. */
export function connectionLostOutcome(provider: string, cause: string, action: AttemptKind = 'refund'): ProviderOutcome {
  return unknownOutcome('provider_connection_lost', `The connection to ${provider} broke before it answered; ${mayHaveGoneThrough(action)}`, { cause });
}

/** The signal had stopped before `provider` was asked: nothing left this app. */
export function notSentOutcome(provider: string, reason: StopReason, action: AttemptKind = 'refund'): ProviderOutcome {
  const nothing = action === 'refund' ? 'nothing was refunded' : 'nothing was voided';
  const why = reason === 'deadline' ? `The time allowed for this ${action} ran out` : `The ${action} was stopped`;
  return failedOutcome('not_sent', `${why} before ${provider} was asked, so ${nothing}. Try again.`, { reason: `${reason}_before_sending` });
}
