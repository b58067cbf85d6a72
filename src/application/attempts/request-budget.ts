/**
 * HubSpot gives `hubspot.fetch` 15 s (design §2): whatever happens, the answer must leave before. The budget
 * runs from the start of the use case; the provider call gets what is left after keeping a share for
 * recording its answer, and never more than PROVIDER_TIMEOUT_MS.
 */
export const ANSWER_WITHIN_MS = 14_000;
const RECORDING_SHARE_MS = 2_000;
/** a provider is never given less than this: below it, nearly every answer would be `unknown`, so it is not asked */
const MIN_PROVIDER_MS = 1_000;
/** the recording of an answer is never given less than this, even when the rest of the request ran long */
const MIN_RECORDING_MS = 500;

export interface RequestBudget {
  /** ms left before the answer must leave */
  leftMs(): number;
}

export function requestBudget(now: () => number = () => performance.now()): RequestBudget {
  const deadline = now() + ANSWER_WITHIN_MS;
  return { leftMs: () => deadline - now() };
}

/**
 * The provider's share, or null when the steps before it (the record read, waiting for the payment's turn, the
 * database) left less than the provider's minimum: then nothing is sent, rather than answer past the budget.
 */
export function providerBudgetMs(budget: RequestBudget, providerTimeoutMs: number): number | null {
  const room = budget.leftMs() - RECORDING_SHARE_MS;
  return room < Math.min(MIN_PROVIDER_MS, providerTimeoutMs) ? null : Math.round(Math.min(providerTimeoutMs, room));
}

export function recordingBudgetMs(budget: RequestBudget): number {
  return Math.round(Math.max(MIN_RECORDING_MS, budget.leftMs()));
}
