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

/** A person the backend named, or where a refund made outside the app came from. */
export function personLabel(person: { readonly userId: string; readonly name: string | null; readonly email: string | null } | null, provider?: string): string {
  if (!person) return `${provider ? providerLabel(provider) : 'Provider'} dashboard`;
  return person.name ?? person.email ?? `HubSpot user ${person.userId}`;
}

export function unreachable(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
