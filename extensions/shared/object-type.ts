/**
 * HubSpot's context names the record's type by id ("0-3"); the backend's URLs use the API name ("deals").
 * Custom objects ("2-…") keep their id, which the backend accepts as is (/tmp/card-function-protocol.md).
 */
const STANDARD_OBJECT_TYPES: Readonly<Record<string, string>> = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-5': 'tickets',
};

export function apiObjectType(objectTypeId: string): string {
  return STANDARD_OBJECT_TYPES[objectTypeId] ?? objectTypeId;
}

export interface TransactionRef {
  readonly objectType: string;
  readonly objectId: string;
}
