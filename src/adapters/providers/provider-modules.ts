import type { ProviderLabels } from '../../application/provider-labels';
import { PAYMENT_PROVIDERS, type PaymentProviderName } from '../../domain/refund-reason';
import { authorizeNetModule } from './authorize-net/authorize-net-module';
import { manualModule } from './manual/manual-module';
import { nmiModule } from './nmi/nmi-module';
import { payPalModule } from './paypal/paypal-module';
import type { ProviderModule, SettingsOf } from './provider-module';
import { stripeModule } from './stripe/stripe-module';

/**
 * The one list of payment providers (design §2). Configuration, the app function's secrets, the composition root,
 * the sandbox and the card's labels are all derived from it: a new provider is its own folder and a line here (and
 * its name in the domain's union, which the type below holds this list to).
 */
export const PROVIDER_MODULES = {
  stripe: stripeModule,
  authorize_net: authorizeNetModule,
  nmi: nmiModule,
  paypal: payPalModule,
  manual: manualModule,
} as const satisfies { readonly [Name in PaymentProviderName]: { readonly name: Name } };

export type ProviderModules = typeof PROVIDER_MODULES;

/** Every provider's settings, null where it is not configured. */
export type ProviderSettings = { readonly [Name in PaymentProviderName]: SettingsOf<ProviderModules[Name]> | null };

export function providerModules(): readonly ProviderModule[] {
  return Object.values(PROVIDER_MODULES) as readonly ProviderModule[];
}

export function moduleOf(name: PaymentProviderName): ProviderModule {
  return PROVIDER_MODULES[name] as ProviderModule;
}

/** How each provider is named to people, for the notes, the reports and the card's labels. */
export function providerLabels(): ProviderLabels {
  return Object.fromEntries(PAYMENT_PROVIDERS.map((name) => [name, { label: PROVIDER_MODULES[name].label, dashboard: PROVIDER_MODULES[name].dashboard }])) as ProviderLabels;
}
