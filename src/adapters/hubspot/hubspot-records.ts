import { AppError } from '../../domain/errors';
import type { TransactionRef } from '../../domain/ids';
import type { CrmRecords, RefundProperties, TransactionRecordFields } from '../../ports/crm-records';
import { type TransactionPropertyOverrides, propertyList, propertyNamesFor } from '../crm-property-names';
import { type HubSpotClient, malformedResponse, unexpectedResponse } from './hubspot-client';
import { toTransactionFields } from '../crm-property-names';
import { objectPath, refundPropertiesBody, simplePublicObjectSchema, zodIssues } from './hubspot-mapping';

/**
 * Transaction records through crm-objects-v3, one call per operation:
 * GET /crm/v3/objects/{objectType}/{objectId}?properties=…&archived=false and PATCH of the same path.
 */
export function createHubSpotRecords(client: HubSpotClient, overrides: TransactionPropertyOverrides = {}): CrmRecords {
  return {
    async readTransaction(ref: TransactionRef): Promise<TransactionRecordFields | null> {
      const names = propertyNamesFor(ref.objectType, overrides);
      const query = [...propertyList(names).map((name) => ['properties', name] as const), ['archived', 'false'] as const];
      const response = await client.send({ method: 'GET', path: objectPath(ref), query });
      if (response.status === 404) return null;
      if (response.status !== 200) throw unexpectedResponse(response, 'read the record');
      const record = simplePublicObjectSchema.safeParse(response.body);
      if (!record.success) throw malformedResponse('read the record', zodIssues(record.error));
      return toTransactionFields(names, record.data.properties);
    },

    async writeRefundProperties(ref: TransactionRef, properties: RefundProperties): Promise<void> {
      const response = await client.send({ method: 'PATCH', path: objectPath(ref), body: refundPropertiesBody(properties) });
      if (response.status === 404) {
        throw new AppError('NOT_FOUND', 'The HubSpot record no longer exists.', { status: 404, objectType: ref.objectType, objectId: ref.objectId });
      }
      if (response.status !== 200) throw unexpectedResponse(response, "write the record's refund properties");
    },
  };
}
