import { objectTypeIdOf } from '../shared/object-type';

/**
 * The record's page in HubSpot. A page's context gives the portal id but not the portal's data center: the host
 * comes from the build (HUBSPOT_UI_DOMAIN, which `npm run setup` prints), app-eu1.hubspot.com for the EU one.
 */
export function recordUrl(where: { readonly portalId: number; readonly uiDomain: string }, objectType: string, objectId: string): string {
  return `https://${where.uiDomain}/contacts/${where.portalId}/record/${encodeURIComponent(objectTypeIdOf(objectType))}/${encodeURIComponent(objectId)}`;
}

const RECORD_NAMES: Readonly<Record<string, string>> = {
  deals: 'Deal',
  contacts: 'Contact',
  companies: 'Company',
  tickets: 'Ticket',
  commerce_payments: 'Payment',
};

/** "Deal 1001", or "Record 2-123/77" for a type without a name here. */
export function recordLabel(objectType: string, objectId: string): string {
  const name = RECORD_NAMES[objectType];
  return name ? `${name} ${objectId}` : `Record ${objectType}/${objectId}`;
}
