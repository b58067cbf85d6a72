import type { PaymentProvider } from '../../src/ports/payment-provider';
import { deadlinePassed } from '../support/provider-timing';

/**
 * The engine's deadline, passed on cue: every call to the adapter gets a signal that aborts with the engine's own
 * timeout reason when `pass` is called (a driver calls it as the request reaches nock), besides the engine's signal.
 * So "the provider never answered" needs no timer that a loaded machine could make fire before the request was sent.
 */
export function deadlineRelay(): { relay(provider: PaymentProvider): PaymentProvider; pass(): void } {
  const running = new Set<AbortController>();
  const call = async <R extends { signal: AbortSignal }, T>(request: R, run: (request: R) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    running.add(controller);
    try {
      return await run({ ...request, signal: AbortSignal.any([request.signal, controller.signal]) });
    } finally {
      running.delete(controller);
    }
  };
  return {
    relay(provider) {
      const { voids } = provider;
      return {
        ...provider,
        refund: (request) => call(request, (linked) => provider.refund(linked)),
        lookup: (request) => call(request, (linked) => provider.lookup(linked)),
        ...(voids ? { voids: { settlement: voids.settlement, void: (request) => call(request, (linked) => voids.void(linked)) } } : {}),
      };
    },
    pass() {
      for (const controller of running) controller.abort(deadlinePassed());
    },
  };
}
