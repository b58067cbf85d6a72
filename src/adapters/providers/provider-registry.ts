import type { PaymentProviderName } from '../../domain/refund-reason';
import type { PaymentProvider, PaymentProviders } from '../../ports/payment-provider';

export function providerRegistry(providers: readonly PaymentProvider[]): PaymentProviders & { readonly names: PaymentProviderName[] } {
  const byName = new Map(providers.map((provider) => [provider.name, provider]));
  return {
    names: [...byName.keys()],
    get: (name) => byName.get(name) ?? null,
  };
}
