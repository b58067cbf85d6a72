import type { CrmSchema, SchemaChange } from '../ports/crm-schema';
import { REFUND_PROPERTY_GROUP, REFUND_PROPERTIES } from './crm-write/refund-property-definitions';

/** Creates the "refunds" group and the refund properties on every configured object type; idempotent. */
export async function setupCrm(schema: CrmSchema, objectTypes: readonly string[]): Promise<{ changes: SchemaChange[]; changed: number }> {
  const changes: SchemaChange[] = [];
  for (const objectType of objectTypes) {
    changes.push(...(await schema.ensureProperties(objectType, REFUND_PROPERTY_GROUP, REFUND_PROPERTIES)));
  }
  return { changes, changed: changes.filter((change) => change.kind !== 'unchanged').length };
}
