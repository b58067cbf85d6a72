import type { PaymentProvider, Settlement } from '../ports/payment-provider';
import { withBudget } from './attempts/provider-deadline';
import type { RefundDeps } from './refund-deps';

/** Asks a voiding provider whether a payment is still unsettled, within the provider time budget; never throws. */
export async function checkSettlement(
  deps: Pick<RefundDeps, 'providerTimeoutMs' | 'logger'>,
  provider: PaymentProvider,
  providerTransactionId: string,
): Promise<Settlement> {
  const voids = provider.voids;
  if (!voids) return { state: 'unknown', reason: `${provider.name} does not void payments.` };
  return withBudget<Settlement>(
    deps.providerTimeoutMs,
    (signal) => voids.settlement(providerTransactionId, signal),
    { state: 'unknown', reason: 'The payment provider did not answer in time.' },
    (error) => {
      deps.logger.error('settlement check threw', { provider: provider.name, error: String(error) });
      return { state: 'unknown', reason: 'The payment provider could not be asked.' };
    },
  );
}
