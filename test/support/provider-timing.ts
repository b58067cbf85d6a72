/*
 * Provider time budgets of the adapter tests. No test may depend on how fast a loaded machine runs: where the provider
 * answers, the budget is far beyond anything load adds; where it must not answer, its reply is delayed past the time
 * jest gives a whole test (30 s), so an adapter that came back with an outcome surely did not wait for it.
 */

/** The budget of a test whose provider answers. */
export const ANSWERED_TIMEOUT_MS = 10_000;
/** The budget of a test about a provider that never answers. */
export const SHORT_TIMEOUT_MS = 100;
/** A reply delayed this long never arrives during a test. */
export const NEVER_MS = 60_000;

/** The answer a nock reply function gives: status, then body and headers. */
type Reply = [number, (string | Record<string, unknown>)?, Record<string, string>?];

/**
 * A nock reply function for "the caller stops waiting": it aborts `controller` the moment the request arrives (so the
 * request was surely sent, and no timer decides the order), then gives `reply`, which a `.delay(NEVER_MS)` holds back.
 */
export function abortOnArrival(controller: AbortController, reply: Reply): () => Reply {
  return () => {
    controller.abort();
    return reply;
  };
}
