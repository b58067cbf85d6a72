/**
 * HubSpot names its standard objects three ways: singular, plural and object type id (CRM objects v3
 * accepts each in `{objectType}`; the ids are HubSpot's "object type IDs" table,
 * https://developers.hubspot.com/docs/guides/api/crm/understanding-the-crm). One record is one record under
 * any of them: they are stored and compared under the plural name. Custom objects ("2-123") stay as they are.
 */
const STANDARD: readonly (readonly [string, string, string])[] = [
  ['contacts', 'contact', '0-1'],
  ['companies', 'company', '0-2'],
  ['deals', 'deal', '0-3'],
  ['tickets', 'ticket', '0-5'],
  ['line_items', 'line_item', '0-8'],
  ['quotes', 'quote', '0-14'],
  ['invoices', 'invoice', '0-53'],
  ['orders', 'order', '0-123'],
  ['carts', 'cart', '0-142'],
  ['commerce_payments', 'commerce_payment', '0-101'],
  ['subscriptions', 'subscription', '0-69'],
];

const CANONICAL: ReadonlyMap<string, string> = new Map(STANDARD.flatMap(([plural, singular, id]) => [[plural, plural], [singular, plural], [id, plural]]));

export function canonicalObjectType(objectType: string): string {
  const name = objectType.trim().toLowerCase();
  return CANONICAL.get(name) ?? name;
}
