import type { CrmAccount } from '../ports/crm-account';
import type { CrmSchema, SchemaChange } from '../ports/crm-schema';
import { REFUND_PROPERTY_GROUP, REFUND_PROPERTIES } from './crm-write/refund-property-definitions';

export interface SetupReport {
  /** the HubSpot account the token belongs to: HUBSPOT_PORTAL_ID; null in sandbox mode */
  readonly portalId: string | null;
  /** where the account's HubSpot app lives (HUBSPOT_UI_DOMAIN for the build); null in sandbox mode */
  readonly uiDomain: string | null;
  readonly changes: SchemaChange[];
  readonly changed: number;
}

/** Names the HubSpot account, then creates the "refunds" group and the refund properties on every configured object type; idempotent. */
export async function setupCrm(crm: { readonly schema: CrmSchema; readonly account: CrmAccount }, objectTypes: readonly string[]): Promise<SetupReport> {
  const account = await crm.account.details();
  const changes: SchemaChange[] = [];
  for (const objectType of objectTypes) {
    changes.push(...(await crm.schema.ensureProperties(objectType, REFUND_PROPERTY_GROUP, REFUND_PROPERTIES)));
  }
  return { portalId: account?.portalId ?? null, uiDomain: account?.uiDomain ?? null, changes, changed: changes.filter((change) => change.kind !== 'unchanged').length };
}
