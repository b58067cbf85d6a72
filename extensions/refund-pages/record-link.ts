import { objectTypeIdOf } from '../shared/object-type';

/**
 * The record's page in HubSpot. A page's context gives the portal id but not the portal's data center, so the
 * link uses app.hubspot.com; an account hosted in HubSpot's EU data center lives at app-eu1.hubspot.com instead.
 */
export function recordUrl(portalId: number, objectType: string, objectId: string): string {
  return `https://app.hubspot.com/contacts/${portalId}/record/${encodeURIComponent(objectTypeIdOf(objectType))}/${encodeURIComponent(objectId)}`;
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
