import { randomUUID } from 'node:crypto';
import type { PaymentProviderName } from '../../domain/refund-reason';
import type { PaymentProvider, ProviderOutcome } from '../../ports/payment-provider';

/**
 * Sandbox stand-in for a provider that has no credentials: nothing leaves the machine. The demo
 * transaction ids pick the behaviour, so that every outcome can be seen without an account:
 * "…decline…" is refused, "…pending…" settles later, "…timeout…" never answers (→ unknown), and for
 * providers that void, "…unsettled…" can still be voided.
 */
export function createSimulatedProvider(name: PaymentProviderName, simulation: { readonly voids: boolean }): PaymentProvider {
  return {
    name,
    ...(simulation.voids
      ? {
          voids: {
            settlement: async (id: string) => (id.toLowerCase().includes('unsettled') ? { state: 'unsettled' as const } : { state: 'settled' as const }),
            void: async (request: { attemptId: string }) => ({ status: 'succeeded' as const, providerRefundId: `sandbox_void_${request.attemptId.slice(0, 8)}` }),
          },
        }
      : {}),
    describeInvalidTransactionId: () => null,
    describeUnsupportedAmount: () => null,
    async refund(request): Promise<ProviderOutcome> {
      const id = request.providerTransactionId.toLowerCase();
      const refundId = `sandbox_re_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      if (id.includes('timeout')) {
        await new Promise<void>((resolve) => request.signal.addEventListener('abort', () => resolve(), { once: true }));
        return { status: 'unknown', failure: { code: 'provider_timeout', message: 'The simulated provider never answered.' } };
      }
      if (simulation.voids && id.includes('unsettled')) {
        return {
          status: 'failed',
          providerRefundId: null,
          failure: {
            code: 'not_settled',
            message: 'This payment is not settled yet, so it cannot be refunded: void the whole transaction now, or refund after settlement (usually within 24 hours).',
            detail: { simulated: 'true' },
          },
        };
      }
      if (id.includes('decline')) {
        return {
          status: 'failed',
          providerRefundId: null,
          failure: {
            code: 'card_declined',
            message: "The customer's bank refused the refund. Refund another way (for example a manual refund) or contact the customer.",
            detail: { simulated: 'true' },
          },
        };
      }
      if (id.includes('pending')) return { status: 'pending', providerRefundId: refundId, message: 'Settles in a few days.' };
      return { status: 'succeeded', providerRefundId: refundId };
    },
    /** A refund that timed out is found to have gone through, as usually happens. */
    async lookup(request): Promise<ProviderOutcome> {
      return { status: 'succeeded', providerRefundId: request.providerRefundId ?? `sandbox_re_${request.attemptId.replace(/-/g, '').slice(0, 20)}` };
    },
  };
}
