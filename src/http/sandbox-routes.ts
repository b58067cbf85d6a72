import express from 'express';
import type { SandboxCrm } from '../adapters/sandbox/sandbox-crm';
import { AppError } from '../domain/errors';
import { invalidRequest } from '../contract/error-answers';
import { transactionParams } from '../contract/request-schemas';

/**
 * Sandbox mode only: lists the demo records and users, and shows what the app wrote to a record (refund
 * properties and timeline notes), which in production a rep sees on the HubSpot record itself.
 */
export function sandboxRoutes(crm: SandboxCrm) {
  const router = express.Router();
  router.get('/crm/:objectType', async (req, res) => {
    const params = transactionParams.pick({ objectType: true }).safeParse(req.params);
    if (!params.success) throw invalidRequest(params.error);
    const [records, users] = await Promise.all([crm.listRecords(params.data.objectType), crm.listUsers()]);
    res.json({ results: records, users });
  });
  router.get('/crm/:objectType/:objectId', async (req, res) => {
    const params = transactionParams.safeParse(req.params);
    if (!params.success) throw invalidRequest(params.error);
    const properties = await crm.propertiesOf(params.data);
    if (!properties) throw new AppError('TRANSACTION_NOT_FOUND', `No ${params.data.objectType} record ${params.data.objectId} in the sandbox CRM.`);
    res.json({ properties, notes: await crm.notesOf(params.data) });
  });
  return router;
}
