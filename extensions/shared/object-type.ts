/**
 * HubSpot's context names a record's type by id ("0-3"); the backend's URLs and answers use the API name
 * ("deals"). Custom objects ("2-…") keep their id, which the backend accepts as is (/tmp/card-function-protocol.md).
 * The ids are HubSpot's object type ids (https://developers.hubspot.com/docs/guides/api/crm/understanding-the-crm).
 */
const STANDARD_OBJECT_TYPES: readonly (readonly [id: string, name: string])[] = [
  ['0-1', 'contacts'],
  ['0-2', 'companies'],
  ['0-3', 'deals'],
  ['0-5', 'tickets'],
  ['0-101', 'commerce_payments'],
];

export function apiObjectType(objectTypeId: string): string {
  return STANDARD_OBJECT_TYPES.find(([id]) => id === objectTypeId)?.[1] ?? objectTypeId;
}

/** The other way round, for a link to the record: "deals" → "0-3"; anything else (a custom "2-123") as it is. */
export function objectTypeIdOf(apiName: string): string {
  return STANDARD_OBJECT_TYPES.find(([, name]) => name === apiName)?.[0] ?? apiName;
}

export interface TransactionRef {
  readonly objectType: string;
  readonly objectId: string;
}
