import type { PaymentProviderName } from '../domain/refund-reason';

/** How each provider is named to people, from its module: "Stripe", and where refunds are made outside the app. */
export type ProviderLabels = Readonly<Record<PaymentProviderName, { readonly label: string; readonly dashboard: string | null }>>;

/** Where a refund the app did not make was made, in words: "in the Stripe Dashboard". */
export function madeIn(labels: ProviderLabels, provider: PaymentProviderName): string {
  const { label, dashboard } = labels[provider];
  return dashboard ? `in ${dashboard}` : `outside the app, through ${label}`;
}
