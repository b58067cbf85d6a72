import express, { type Request } from 'express';
import { getTransaction } from '../application/get-transaction';
import type { RefundDeps } from '../application/refund-deps';
import { requestRefund } from '../application/request-refund';
import { requestVoid } from '../application/request-void';
import { AppError } from '../domain/errors';
import { idempotencyKey } from '../domain/ids';
import { attemptStatus, invalidRequest } from '../contract/error-answers';
import { errorHandler } from './error-response';
import { identify, type IdentityOptions } from './identity';
import { refundBody, transactionParams, voidBody } from '../contract/request-schemas';

const BODY_LIMIT = '16kb';

export function createHttpApp(deps: RefundDeps, identity: Omit<IdentityOptions, 'clock'>, extraRoutes: Readonly<Record<string, express.Router>> = {}) {
  const app = express();
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

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.ledger.ping();
      res.json({ status: 'ok', crmBacklog: await deps.ledger.outboxBacklog() });
    } catch (error) {
      deps.logger.error('health check: the ledger does not answer', { error: error instanceof Error ? error.message : String(error) });
      res.status(503).json({ status: 'unavailable', error: { code: 'LEDGER_UNAVAILABLE', message: 'The ledger database is not answering.' } });
    }
  });

  const api = express.Router();
  api.use(
    express.json({
      limit: BODY_LIMIT,
      type: () => true,
      verify: (req, _res, buffer) => {
        (req as Request).rawBody = buffer.toString('utf8');
      },
    }),
  );
  api.use(identify({ ...identity, clock: deps.clock }));

  api.get('/transactions/:objectType/:objectId', async (req, res) => {
    const ref = parseRef(req);
    res.json(await getTransaction(deps, ref, actorOf(req)));
  });

  api.post('/transactions/:objectType/:objectId/refunds', async (req, res) => {
    const ref = parseRef(req);
    const body = refundBody.safeParse(req.body);
    if (!body.success) throw invalidRequest(body.error);
    const result = await requestRefund(deps, {
      transaction: ref,
      userId: actorOf(req),
      amount: body.data.amount,
      reason: body.data.reason,
      note: body.data.note,
      idempotencyKey: idempotencyKey(body.data.idempotencyKey),
    });
    res.status(attemptStatus(result)).json({ attempt: result.attempt, transaction: result.transaction });
  });

  api.post('/transactions/:objectType/:objectId/voids', async (req, res) => {
    const ref = parseRef(req);
    const body = voidBody.safeParse(req.body);
    if (!body.success) throw invalidRequest(body.error);
    const result = await requestVoid(deps, {
      transaction: ref,
      userId: actorOf(req),
      reason: body.data.reason,
      note: body.data.note,
      idempotencyKey: idempotencyKey(body.data.idempotencyKey),
    });
    res.status(attemptStatus(result)).json({ attempt: result.attempt, transaction: result.transaction });
  });

  app.use('/api', api);
  for (const [path, router] of Object.entries(extraRoutes)) app.use(path, router);
  app.use((_req, _res, next) => next(new AppError('NOT_FOUND', 'There is nothing at this address.')));
  app.use(errorHandler(deps.logger));
  return app;
}

function parseRef(req: Request) {
  const params = transactionParams.safeParse(req.params);
  if (!params.success) throw invalidRequest(params.error);
  return params.data;
}

function actorOf(req: Request) {
  if (!req.actor) throw new AppError('INVALID_SIGNATURE', 'The acting HubSpot user is unknown.');
  return req.actor;
}
