import express from 'express';
import { getPolicy, type PolicyDeps, policyHistory, savePolicy } from '../../application/policy/manage-policy';
import { policyOptions } from '../../application/policy/policy-options';
import { invalidRequest } from '../../contract/error-answers';
import { pageQuery, policyBody } from '../../contract/request-schemas';
import { AppError } from '../../domain/errors';
import { actorOf } from '../identity';

/** The refund policy (design §7): super admins read it, save a new version over the one they read, and see its history. */
export function policyRoutes(deps: PolicyDeps & Parameters<typeof policyOptions>[0]): express.Router {
  const router = express.Router();

  router.get('/policy', async (req, res) => {
    res.json(await getPolicy(deps, actorOf(req)));
  });

  router.put('/policy', async (req, res) => {
    const body = policyBody.safeParse(req.body);
    if (!body.success) throw invalidRequest(body.error);
    const { view } = await savePolicy(deps, actorOf(req), { policy: body.data.policy, version: body.data.version });
    res.json(view);
  });

  router.get('/policy/options', async (req, res) => {
    res.json(await policyOptions(deps, actorOf(req)));
  });

  router.get('/policy/history', async (req, res) => {
    const page = pageQuery.safeParse(req.query);
    if (!page.success) throw invalidRequest(page.error);
    const before = page.data.cursor === undefined ? null : Number(page.data.cursor);
    if (before !== null && !(Number.isInteger(before) && before > 0)) {
      throw new AppError('INVALID_REQUEST', 'The cursor is not one this API gave out: start again from the first page.', { field: 'cursor' });
    }
    res.json(await policyHistory(deps, actorOf(req), { limit: page.data.limit, beforeVersion: before }));
  });

  return router;
}
