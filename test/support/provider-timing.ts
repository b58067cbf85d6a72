/*
 * No adapter test depends on how fast a loaded machine runs. The engine owns the deadline and passes a signal, so an
 * answered test has no deadline at all, and a test about silence aborts the signal the moment its request reaches
 * nock (so the request was surely sent, and no timer decides the order), while the reply is held back past the time
 * jest gives a whole test (30 s): an adapter that came back with an outcome surely did not wait for it.
 */

/** A reply delayed this long never arrives during a test. */
export const NEVER_MS = 60_000;

/** The answer a nock reply function gives: status, then body and headers. */
type Reply = [number, (string | Record<string, unknown>)?, Record<string, string>?];

/** The reason the engine aborts with when its time budget runs out (application/attempts/provider-deadline.ts). */
export const deadlinePassed = () => new DOMException('The provider time budget ran out.', 'TimeoutError');

/** A nock reply function: the caller stops waiting (aborts `controller`) as the request arrives, then `reply`. */
export function abortOnArrival(controller: AbortController, reply: Reply): () => Reply {
  return () => {
    controller.abort();
    return reply;
  };
}

/** A nock reply function: the engine's deadline passes as the request arrives, then `reply`. */
export function deadlineOnArrival(controller: AbortController, reply: Reply): () => Reply {
  return () => {
    controller.abort(deadlinePassed());
    return reply;
  };
}
