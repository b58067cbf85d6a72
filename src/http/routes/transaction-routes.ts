import express, { type Request } from 'express';
import { getAttempts, getTransaction } from '../../application/get-transaction';
import type { RefundDeps } from '../../application/refund-deps';
import { requestRefund } from '../../application/request-refund/request-refund';
import { requestVoid } from '../../application/request-void/request-void';
import { attemptStatus, invalidRequest } from '../../contract/error-answers';
import { pageQuery, refundBody, transactionParams, voidBody } from '../../contract/request-schemas';
import { idempotencyKey } from '../../domain/ids';
import { actorOf } from '../identity';

/** The card's routes (design §7): a record's payment and attempts, its refunds and voids. */
export function transactionRoutes(deps: RefundDeps): express.Router {
  const router = express.Router();

  router.get('/transactions/:objectType/:objectId', async (req, res) => {
    res.json(await getTransaction(deps, parseRef(req), actorOf(req)));
  });

  router.get('/transactions/:objectType/:objectId/attempts', async (req, res) => {
    const ref = parseRef(req);
    actorOf(req);
    const page = pageQuery.safeParse(req.query);
    if (!page.success) throw invalidRequest(page.error);
    res.json(await getAttempts(deps, ref, page.data.cursor ?? null));
  });

  router.post('/transactions/:objectType/:objectId/refunds', async (req, res) => {
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

  router.post('/transactions/:objectType/:objectId/voids', async (req, res) => {
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

  return router;
}

function parseRef(req: Request) {
  const params = transactionParams.safeParse(req.params);
  if (!params.success) throw invalidRequest(params.error);
  return params.data;
}
