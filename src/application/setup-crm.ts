import type { CrmAccount } from '../ports/crm-account';
import type { CrmSchema, SchemaChange } from '../ports/crm-schema';
import { REFUND_PROPERTY_GROUP, REFUND_PROPERTIES } from './crm-write/refund-property-definitions';

export interface SetupReport {
  /** the HubSpot account the token belongs to: HUBSPOT_PORTAL_ID; null in sandbox mode */
  readonly portalId: string | null;
  readonly changes: SchemaChange[];
  readonly changed: number;
}

/** Names the HubSpot account, then creates the "refunds" group and the refund properties on every configured object type; idempotent. */
export async function setupCrm(crm: { readonly schema: CrmSchema; readonly account: CrmAccount }, objectTypes: readonly string[]): Promise<SetupReport> {
  const portalId = await crm.account.portalId();
  const changes: SchemaChange[] = [];
  for (const objectType of objectTypes) {
    changes.push(...(await crm.schema.ensureProperties(objectType, REFUND_PROPERTY_GROUP, REFUND_PROPERTIES)));
  }
  return { portalId, changes, changed: changes.filter((change) => change.kind !== 'unchanged').length };
}
