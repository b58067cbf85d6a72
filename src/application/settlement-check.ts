import type { PaymentProvider, Settlement } from '../ports/payment-provider';
import type { RefundDeps } from './refund-deps';

/** Asks a voiding provider whether a payment is still unsettled, within the provider time budget; never throws. */
export async function checkSettlement(
  deps: Pick<RefundDeps, 'providerTimeoutMs' | 'logger'>,
  provider: PaymentProvider,
  providerTransactionId: string,
): Promise<Settlement> {
  if (!provider.voids) return { state: 'unknown', reason: `${provider.name} does not void payments.` };
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Settlement>((resolve) => {
    timer = setTimeout(() => {
      resolve({ state: 'unknown', reason: 'The payment provider did not answer in time.' });
      controller.abort();
    }, deps.providerTimeoutMs);
  });
  try {
    return await Promise.race([provider.voids.settlement(providerTransactionId, controller.signal), deadline]);
  } catch (error) {
    deps.logger.error('settlement check threw', { provider: provider.name, error: String(error) });
    return { state: 'unknown', reason: 'The payment provider could not be asked.' };
  } finally {
    clearTimeout(timer);
  }
}
