import type { Money } from '../../../domain/money';

// AnetApiSchema.xsd types transId as numericString.
const TRANSACTION_ID = /^\d+$/;
const WHAT_IS_NEEDED = 'An Authorize.net refund needs the Transaction ID of the payment: digits only, as the Merchant Interface shows it.';

export function isTransactionId(id: string): boolean {
  return TRANSACTION_ID.test(id) && !/^0+$/.test(id);
}

export function describeInvalidTransactionId(providerTransactionId: string): string | null {
  if (isTransactionId(providerTransactionId)) return null;
  const id = providerTransactionId.trim();
  if (id === '') return `The record has no Authorize.net transaction id. ${WHAT_IS_NEEDED}`;
  if (/^0+$/.test(id)) return `"${id}" is what Authorize.net answers when no transaction was created, so there is no payment to refund. ${WHAT_IS_NEEDED}`;
  if (id !== providerTransactionId && isTransactionId(id)) return 'The Authorize.net transaction id on the record has spaces around it. Remove them and try again.';
  const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
  return `"${shown}" is not an Authorize.net transaction id. ${WHAT_IS_NEEDED}`;
}

// Authorize.net processes these currencies, one per merchant account (AUD, USD, CAD, EUR, GBP, NZD:
// https://github.com/eventespresso/event-espresso-core/issues/579, from Authorize.net's AIM guide). All
// have two decimals, as our minor units do, so every amount in them is sent exactly.
const ACCEPTED_CURRENCIES: ReadonlySet<string> = new Set(['USD', 'CAD', 'GBP', 'EUR', 'AUD', 'NZD']);

export function describeUnsupportedAmount(amount: Money): string | null {
  if (!ACCEPTED_CURRENCIES.has(amount.currency)) {
    return `Authorize.net does not process ${amount.currency}; it takes USD, CAD, GBP, EUR, AUD or NZD, in the currency of the merchant account. Refund this payment another way.`;
  }
  if (amount.minor <= 0n) return 'The refund amount must be greater than zero.';
  return null;
}

/** The XSD allows 4 to 16 characters; a linked refund takes exactly the last four digits. */
export function isCardLast4(value: string): boolean {
  return /^\d{4}$/.test(value);
}
