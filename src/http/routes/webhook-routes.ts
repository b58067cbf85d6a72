import express from 'express';
import { handleWebhook } from '../../application/provider-events/handle-webhook';
import type { RefundDeps } from '../../application/refund-deps';
import { AppError, isAppError } from '../../domain/errors';
import type { WebhookEndpoint } from '../../ports/provider-webhooks';
import { sendError } from '../error-response';

/** Provider events can carry a whole Charge or dispute: far more than the API's 16 kB bodies, far less than this. */
const WEBHOOK_BODY_LIMIT = '1mb';

/**
 * POST /webhooks/{provider} (design §7): signed by the provider, not by HubSpot. The body is kept as the exact bytes that
 * arrived, whatever their media type, since every provider signs those bytes; a signature that does not verify is 400
 * INVALID_SIGNATURE and changes nothing.
 */
export function webhookRoutes(deps: RefundDeps, endpoints: readonly WebhookEndpoint[]): express.Router {
  const byPath = new Map(endpoints.map((endpoint) => [endpoint.path, endpoint]));
  const router = express.Router();
  router.post('/:provider', express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), async (req, res) => {
    const endpoint = byPath.get(String(req.params.provider));
    if (!endpoint) throw new AppError('NOT_FOUND', `There are no webhooks at this address: POST /webhooks/${[...byPath.keys()].join('|')}.`);
    const raw: unknown = req.body;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
    try {
      const applied = await handleWebhook(deps, endpoint, { body: Buffer.isBuffer(raw) ? raw : Buffer.alloc(0), headers, receivedAt: deps.clock.now() });
      res.json({ received: true, eventId: applied.eventId, duplicate: applied.duplicate, outcome: applied.outcome });
    } catch (error) {
      // A refused signature is the sender's mistake (400), not a missing HubSpot identity (401).
      if (isAppError(error) && error.code === 'INVALID_SIGNATURE') return sendError(res, error, 400);
      throw error;
    }
  });
  return router;
}
