import { randomBytes } from 'node:crypto';
import express from 'express';
import { exportKeyOf } from '../application/reports/export-token';
import type { RefundDeps } from '../application/refund-deps';
import { AppError } from '../domain/errors';
import { errorHandler } from './error-response';
import { identify, type IdentityOptions } from './identity';
import { parseJsonBody, readJsonBody } from './json-body';
import { loopbackHostOnly } from './loopback-host';
import { approvalRoutes } from './routes/approval-routes';
import { policyRoutes } from './routes/policy-routes';
import { exportDownloadRoute, reportRoutes } from './routes/report-routes';
import { transactionRoutes } from './routes/transaction-routes';
import { webhookRoutes } from './routes/webhook-routes';
import type { WebhookEndpoint } from '../ports/provider-webhooks';

const BODY_LIMIT = '16kb';

export function createHttpApp(
  deps: RefundDeps,
  identity: Omit<IdentityOptions, 'clock'>,
  extraRoutes: Readonly<Record<string, express.Router>> = {},
  webhooks: readonly WebhookEndpoint[] = [],
) {
  const app = express();
  const exportKey = exportKeyOf(identity.clientSecret, () => randomBytes(32));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      deps.logger.info('http', { method: req.method, path: req.path, status: res.statusCode, ms, userId: req.actor });
    });
    next();
  });
  // Signed by their providers, not by HubSpot, and trusting no user id: a tunnel to a sandbox (stripe listen, ngrok) reaches them.
  app.use('/webhooks', webhookRoutes(deps, webhooks));
  if (identity.allowUnsigned) app.use(loopbackHostOnly);

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.ledger.ping();
      res.json({ status: 'ok', crmBacklog: await deps.outbox.backlog() });
    } catch (error) {
      deps.logger.error('health check: the ledger does not answer', { error: error instanceof Error ? error.message : String(error) });
      res.status(503).json({ status: 'unavailable', error: { code: 'LEDGER_UNAVAILABLE', message: 'The ledger database is not answering.' } });
    }
  });

  const api = express.Router();
  api.use(readJsonBody(BODY_LIMIT), identify({ ...identity, clock: deps.clock }), parseJsonBody);
  api.use(transactionRoutes(deps));
  api.use(approvalRoutes(deps));
  api.use(policyRoutes(deps));
  api.use(reportRoutes(deps, exportKey, identity.publicUrl));

  app.use('/api', api);
  app.use('/exports', exportDownloadRoute(deps, exportKey));
  for (const [path, router] of Object.entries(extraRoutes)) app.use(path, router);
  app.use((_req, _res, next) => next(new AppError('NOT_FOUND', 'There is nothing at this address.')));
  app.use(errorHandler(deps.logger));
  return app;
}
