import type { AttemptKind, RefundReason } from './api-schemas';

export const REASON_OPTIONS: readonly { readonly value: RefundReason; readonly label: string }[] = [
  { value: 'duplicate', label: 'Duplicate payment' },
  { value: 'fraudulent', label: 'Fraudulent' },
  { value: 'requested_by_customer', label: 'Requested by the customer' },
  { value: 'other', label: 'Other (explain in the note)' },
];

export function reasonLabel(reason: RefundReason): string {
  switch (reason) {
    case 'duplicate':
      return 'Duplicate payment';
    case 'fraudulent':
      return 'Fraudulent';
    case 'requested_by_customer':
      return 'Requested by the customer';
    case 'other':
      return 'Other';
    default:
      return unreachable(reason);
  }
}

export function kindLabel(kind: AttemptKind): string {
  switch (kind) {
    case 'refund':
      return 'Refund';
    case 'void':
      return 'Void';
    default:
      return unreachable(kind);
  }
}

const PROVIDER_NAMES: Readonly<Record<string, string>> = {
  stripe: 'Stripe',
  authorize_net: 'Authorize.net',
  nmi: 'NMI',
  paypal: 'PayPal',
  manual: 'Manual (paid offline)',
};

export function providerLabel(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

/** Where a refund made outside the app was made (the backend's provider modules hold the same words). */
const PROVIDER_DASHBOARDS: Readonly<Record<string, string>> = {
  stripe: 'the Stripe Dashboard',
  authorize_net: 'the Authorize.net Merchant Interface',
  nmi: 'the NMI Merchant Control Panel',
  paypal: 'PayPal',
};

export function dashboardLabel(provider: string): string | null {
  return PROVIDER_DASHBOARDS[provider] ?? null;
}

/** A person the backend named, or where a refund made outside the app came from: "Made in the Stripe Dashboard". */
export function personLabel(person: { readonly userId: string; readonly name: string | null; readonly email: string | null } | null, provider?: string): string {
  if (!person) {
    const dashboard = provider ? dashboardLabel(provider) : null;
    return dashboard ? `Made in ${dashboard}` : `Made outside the app${provider ? `, through ${providerLabel(provider)}` : ''}`;
  }
  return person.name ?? person.email ?? `HubSpot user ${person.userId}`;
}

/** The failure code of a refund that the provider reported failed after it had succeeded (the backend's union names it). */
export const LATE_FAILURE = 'refund_failed_late';

export function unreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
