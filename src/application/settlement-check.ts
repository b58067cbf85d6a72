import type { PaymentProvider, Settlement } from '../ports/payment-provider';
import { withBudget } from './attempts/provider-deadline';
import type { RefundDeps } from './refund-deps';

/**
 * Asks a voiding provider whether a payment is still unsettled, within the provider time budget; never throws.
 * When it cannot tell, the provider's own words (`detail`) go to the operator's log, the reason (ours) to the rep.
 */
export async function checkSettlement(
  deps: Pick<RefundDeps, 'providerTimeoutMs' | 'logger'>,
  provider: PaymentProvider,
  providerTransactionId: string,
): Promise<Settlement> {
  const voids = provider.voids;
  if (!voids) return { state: 'unknown', reason: `${provider.name} does not void payments.` };
  const settlement = await withBudget<Settlement>(
    deps.providerTimeoutMs,
    (signal) => voids.settlement(providerTransactionId, signal),
    { state: 'unknown', reason: 'The payment provider did not answer in time.' },
    (error) => {
      deps.logger.error('settlement check threw', { provider: provider.name, error: String(error) });
      return { state: 'unknown', reason: 'The payment provider could not be asked.' };
    },
  );
  if (settlement.state === 'unknown' && settlement.detail) {
    deps.logger.warn('settlement check inconclusive', { provider: provider.name, providerTransactionId, reason: settlement.reason, detail: settlement.detail });
  }
  return settlement;
}
