import * as z from 'zod';
import type { TransactionRecordFields } from '../ports/crm-records';

/** Where a record keeps its payment (design §7). Defaults differ for deals, whose amount fields are HubSpot's own. */
export interface TransactionPropertyNames {
  readonly provider: string;
  readonly transactionId: string;
  readonly cardLast4: string;
  readonly amount: string;
  readonly currency: string;
}

const propertyName = z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, 'HubSpot property names are lowercase letters, digits and _');

/** TRANSACTION_PROPERTIES: overrides per object type, or under "*" for all, e.g. {"deals": {"amount": "net_amount"}} */
export const transactionPropertyOverridesSchema = z.record(
  z.string(),
  z
    .object({
      provider: propertyName,
      transactionId: propertyName,
      cardLast4: propertyName,
      amount: propertyName,
      currency: propertyName,
    })
    .partial()
    .strict(),
);
export type TransactionPropertyOverrides = z.infer<typeof transactionPropertyOverridesSchema>;

const COMMON = { provider: 'payment_provider', transactionId: 'payment_transaction_id', cardLast4: 'payment_card_last4' } as const;

export function propertyNamesFor(objectType: string, overrides: TransactionPropertyOverrides = {}): TransactionPropertyNames {
  const defaults =
    objectType === 'deals' || objectType === '0-3'
      ? { ...COMMON, amount: 'amount', currency: 'deal_currency_code' }
      : { ...COMMON, amount: 'payment_amount', currency: 'payment_currency' };
  return { ...defaults, ...overrides['*'], ...overrides[objectType] };
}

/** Every property the app reads, in a stable order (for the `properties` query parameter). */
export function propertyList(names: TransactionPropertyNames): string[] {
  return [names.provider, names.transactionId, names.cardLast4, names.amount, names.currency];
}

/** The payment fields of a record's properties; unset ones (null, "", blank or absent, as HubSpot returns them) are null. */
export function toTransactionFields(names: TransactionPropertyNames, properties: Readonly<Record<string, string | null>>): TransactionRecordFields {
  const read = (name: string): string | null => {
    const value = properties[name];
    return value === undefined || value === null || value.trim() === '' ? null : value;
  };
  return {
    provider: read(names.provider),
    providerTransactionId: read(names.transactionId),
    cardLast4: read(names.cardLast4),
    amount: read(names.amount),
    currency: read(names.currency),
  };
}
