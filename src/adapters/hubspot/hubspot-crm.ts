import type { AccountDirectory } from '../../ports/account-directory';
import type { CrmAccount } from '../../ports/crm-account';
import type { CrmRecords } from '../../ports/crm-records';
import type { CrmSchema } from '../../ports/crm-schema';
import type { CrmTimeline } from '../../ports/crm-timeline';
import type { UserDirectory } from '../../ports/user-directory';
import type { TransactionPropertyOverrides } from '../crm-property-names';
import { createHubSpotAccount } from './hubspot-account';
import { type HubSpotClientOptions, createHubSpotClient } from './hubspot-client';
import { createHubSpotRecords } from './hubspot-records';
import { createHubSpotSchema } from './hubspot-schema';
import { createHubSpotTimeline } from './hubspot-timeline';
import { createHubSpotAccountDirectory } from './hubspot-account-directory';
import { createHubSpotUsers } from './hubspot-users';

export interface HubSpotCrmOptions extends HubSpotClientOptions {
  readonly propertyOverrides?: TransactionPropertyOverrides;
}

export type HubSpotCrm = CrmRecords & CrmTimeline & UserDirectory & CrmSchema & AccountDirectory & CrmAccount;

/** Every HubSpot port over one client (one token, one base URL, one retry budget). */
export function createHubSpotCrm(options: HubSpotCrmOptions): HubSpotCrm {
  const client = createHubSpotClient(options);
  return {
    ...createHubSpotRecords(client, options.propertyOverrides),
    ...createHubSpotTimeline(client),
    ...createHubSpotUsers(client),
    ...createHubSpotSchema(client),
    ...createHubSpotAccountDirectory(client),
    ...createHubSpotAccount(client),
  };
}
