import * as z from 'zod';
import type { CrmAccount, CrmAccountDetails } from '../../ports/crm-account';
import { type HubSpotClient, malformedResponse, unexpectedResponse } from './hubspot-client';
import { zodIssues } from './hubspot-mapping';

// PortalInformationResponse: the id is an int32, uiDomain a required string (account-info v3 spec,
// HubSpot/HubSpot-public-api-spec-collection; "Retrieve account details" in HubSpot's API reference).
const accountDetailsSchema = z.object({ portalId: z.number().int().nonnegative(), uiDomain: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i) });

/** GET /account-info/v3/details, which needs only the `oauth` scope the app already has (account info v3 spec). */
export function createHubSpotAccount(client: HubSpotClient): CrmAccount {
  return {
    async details(): Promise<CrmAccountDetails> {
      const response = await client.send({ method: 'GET', path: '/account-info/v3/details' });
      if (response.status !== 200) throw unexpectedResponse(response, 'read the account details');
      const details = accountDetailsSchema.safeParse(response.body);
      if (!details.success) throw malformedResponse('read the account details', zodIssues(details.error));
      return { portalId: String(details.data.portalId), uiDomain: details.data.uiDomain.toLowerCase() };
    },
  };
}
