import express, { type Request } from 'express';
import { approveRequest } from '../../application/approvals/approve-request';
import { listApprovals } from '../../application/approvals/list-approvals';
import { cancelRequest, rejectRequest } from '../../application/approvals/settle-request';
import type { RefundDeps } from '../../application/refund-deps';
import { attemptStatus, invalidRequest } from '../../contract/error-answers';
import { approveBody, attemptParams, cancelBody, pageQuery, rejectBody } from '../../contract/request-schemas';
import { attemptId } from '../../domain/ids';
import { actorOf } from '../identity';

/** Approvals (design §5, §7): the viewer's queue, and approve, reject or cancel a request. */
export function approvalRoutes(deps: RefundDeps): express.Router {
  const router = express.Router();

  router.get('/approvals', async (req, res) => {
    const page = pageQuery.safeParse(req.query);
    if (!page.success) throw invalidRequest(page.error);
    res.json(await listApprovals(deps, actorOf(req), { limit: page.data.limit, cursor: page.data.cursor ?? null }));
  });

  router.post('/attempts/:attemptId/approve', async (req, res) => {
    const id = parseId(req);
    const body = approveBody.safeParse(req.body ?? {});
    if (!body.success) throw invalidRequest(body.error);
    const result = await approveRequest(deps, id, actorOf(req), body.data.note?.trim() || null);
    res.status(attemptStatus(result)).json({ attempt: result.attempt, transaction: result.transaction });
  });

  router.post('/attempts/:attemptId/reject', async (req, res) => {
    const id = parseId(req);
    const body = rejectBody.safeParse(req.body ?? {});
    if (!body.success) throw invalidRequest(body.error);
    const result = await rejectRequest(deps, id, actorOf(req), body.data.note);
    res.status(200).json({ attempt: result.attempt, transaction: result.transaction });
  });

  router.post('/attempts/:attemptId/cancel', async (req, res) => {
    const id = parseId(req);
    const body = cancelBody.safeParse(req.body);
    if (!body.success) throw invalidRequest(body.error);
    const result = await cancelRequest(deps, id, actorOf(req));
    res.status(200).json({ attempt: result.attempt, transaction: result.transaction });
  });

  return router;
}

function parseId(req: Request) {
  const params = attemptParams.safeParse(req.params);
  if (!params.success) throw invalidRequest(params.error);
  return attemptId(params.data.attemptId);
}
