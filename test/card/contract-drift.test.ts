import * as z from 'zod';
import { approvalPageSchema, exportLinkSchema, refundListPageSchema, summarySchema } from '../../extensions/refund-pages/report-schemas';
import { policyHistoryPageSchema, policyOptionsSchema, policyProblemsSchema, policyViewSchema, versionConflictSchema } from '../../extensions/refund-settings/policy-schemas';
import { apiErrorBodySchema, attemptPageSchema, attemptResultSchema, transactionDetailsSchema } from '../../extensions/shared/api-schemas';
import { httpTestBackend } from '../support/test-backend';

/**
 * The card and the pages keep their own copy of the backend's JSON contract (each is built and shipped
 * alone). Here real answers of the real backend go through their schemas: each must parse, and carry no field
 * the schema does not declare, so that neither side can change without the other noticing.
 */
function undeclared(schema: z.ZodType, value: unknown, path = ''): string[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return value === null || value === undefined ? [] : undeclared(schema.unwrap() as z.ZodType, value, path);
  if (schema instanceof z.ZodRecord && value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => undeclared(schema.valueType as z.ZodType, inner, `${path}.${key}`));
  }
  if (schema instanceof z.ZodArray && Array.isArray(value)) return value.flatMap((item, index) => undeclared(schema.element as z.ZodType, item, `${path}[${index}]`));
  if (schema instanceof z.ZodObject && value && typeof value === 'object') {
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([key, inner]) => (shape[key] ? undeclared(shape[key], inner, `${path}.${key}`) : [`${path}.${key}`]));
  }
  return [];
}

function expectContract(schema: z.ZodType, answer: { status: number; body: unknown }): void {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new Error(`an answer (${answer.status}) cannot be read: ${JSON.stringify(parsed.error.issues)}`);
  expect(undeclared(schema, answer.body)).toEqual([]);
}

/** Team 7 refunds up to 500.00 USD at a time and 900.00 a day; team 9 (Mona, user 4) approves above. */
const driftBackend = () =>
  httpTestBackend(
    { clientSecret: null, allowUnsigned: true },
    { overrides: { maxDeclinesPerHour: 1000 }, policy: { refunders: { teamIds: ['7'] }, approvers: { teamIds: ['9'] }, limits: { USD: { perRefund: '500.00', perDay: '900.00' } } } },
  );

describe('the card\'s schemas against the real backend\'s answers', () => {
  const env = driftBackend();
  let counter = 0;
  const key = () => `drift-key-${(counter += 1).toString().padStart(4, '0')}`;

  it('reads every kind of answer the card asks for', async () => {
    const refund = (amount: string, user = '2') =>
      env.http.request('POST', `/api/transactions/deals/1001/refunds?userId=${user}`, { body: { amount, reason: 'requested_by_customer', note: 'n', idempotencyKey: key() } });
    const sent = await refund('100.00');
    expectContract(attemptResultSchema, sent);
    const toReject = await refund('501.00');
    expectContract(attemptResultSchema, await env.http.request('POST', `/api/attempts/${toReject.body.attempt.id}/reject?userId=4`, { body: { note: 'no' } }));
    const toCancel = await refund('502.00');
    expectContract(attemptResultSchema, await env.http.request('POST', `/api/attempts/${toCancel.body.attempt.id}/cancel?userId=2`));
    const held = await refund('600.00');
    expect(held.status).toBe(202);
    expectContract(attemptResultSchema, held);
    expectContract(attemptResultSchema, await env.http.request('POST', `/api/attempts/${held.body.attempt.id}/approve?userId=4`, { body: { note: 'ok' } }));
    env.backend.stripe.answer = async () => ({ status: 'failed', providerRefundId: null, failure: { code: 'card_declined', message: 'The bank refused.' } });
    expectContract(attemptResultSchema, await refund('1.00'));
    for (let n = 0; n < 20; n += 1) await refund('0.01');

    const read = await env.http.request('GET', '/api/transactions/deals/1001?userId=2');
    expectContract(transactionDetailsSchema, read);
    expect(read.body.attempts.map((attempt: { status: string }) => attempt.status)).toEqual(expect.arrayContaining(['failed']));
    expectContract(attemptPageSchema, await env.http.request('GET', `/api/transactions/deals/1001/attempts?userId=2&cursor=${read.body.attemptsCursor}`));
    expectContract(transactionDetailsSchema, await env.http.request('GET', '/api/transactions/deals/1001?userId=3'));

    for (const error of [
      await env.http.request('POST', '/api/transactions/deals/1001/refunds?userId=3', { body: { amount: '1', reason: 'duplicate', idempotencyKey: key() } }),
      await refund('99999.00'),
      await env.http.request('POST', '/api/transactions/deals/1001/refunds?userId=2', { body: { amount: '1', reason: 'other', idempotencyKey: key() } }),
      await env.http.request('GET', '/api/transactions/deals/424242?userId=2'),
    ]) {
      expect(error.status).toBeGreaterThanOrEqual(400);
      expectContract(apiErrorBodySchema, error);
    }
  });
});

describe("the settings page's and the home page's schemas against the real backend's answers", () => {
  const env = driftBackend();
  const ADMIN = '1';
  const MANAGER = '4';

  it('reads the policy, its options, a save, its history and every kind of refusal', async () => {
    const read = await env.http.request('GET', `/api/policy?userId=${ADMIN}`);
    expectContract(policyViewSchema, read);
    expectContract(policyOptionsSchema, await env.http.request('GET', `/api/policy/options?userId=${ADMIN}`));
    const changed = { ...read.body.policy, approvalExpiresAfterHours: 24, limits: { ...read.body.policy.limits, JPY: { perRefund: '50000' } } };
    expectContract(policyViewSchema, await env.http.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { policy: changed, version: read.body.version } }));
    expectContract(policyHistoryPageSchema, await env.http.request('GET', `/api/policy/history?userId=${ADMIN}&limit=1`));

    const invalid = await env.http.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { policy: { ...changed, refunders: { userIds: ['x'] }, colour: 'red' }, version: 2 } });
    expectContract(apiErrorBodySchema, invalid);
    expectContract(policyProblemsSchema, { status: invalid.status, body: invalid.body.error.details });
    const conflict = await env.http.request('PUT', `/api/policy?userId=${ADMIN}`, { body: { policy: { ...changed, approvalExpiresAfterHours: 12 }, version: 1 } });
    expect(conflict.body.error.code).toBe('POLICY_VERSION_CONFLICT');
    expectContract(versionConflictSchema, { status: conflict.status, body: conflict.body.error.details });
    expectContract(apiErrorBodySchema, await env.http.request('GET', `/api/policy?userId=2`));
  });

  it('reads the approval queue, the list, every grouping of the totals and the export link', async () => {
    let n = 0;
    const refund = (amount: string) =>
      env.http.request('POST', '/api/transactions/deals/1001/refunds?userId=2', { body: { amount, reason: 'requested_by_customer', note: 'n', idempotencyKey: `pages-drift-${(n += 1)}` } });
    await refund('10.00');
    const held = await refund('600.00');
    expect(held.status).toBe(202);
    expect((await refund('550.00')).status).toBe(202);
    const queue = await env.http.request('GET', `/api/approvals?userId=${MANAGER}&limit=1`);
    expectContract(approvalPageSchema, queue);
    expect(queue.body.nextCursor).toEqual(expect.any(String));
    expectContract(approvalPageSchema, await env.http.request('GET', `/api/approvals?userId=${MANAGER}&cursor=${queue.body.nextCursor}`));
    expectContract(approvalPageSchema, await env.http.request('GET', '/api/approvals?userId=2'));
    expectContract(attemptResultSchema, await env.http.request('POST', `/api/attempts/${held.body.attempt.id}/reject?userId=${MANAGER}`, { body: { note: 'no' } }));

    const list = await env.http.request('GET', `/api/refunds?userId=${MANAGER}&limit=1`);
    expectContract(refundListPageSchema, list);
    expectContract(refundListPageSchema, await env.http.request('GET', `/api/refunds?userId=${MANAGER}&cursor=${list.body.nextCursor}&status=succeeded&reason=requested_by_customer`));
    for (const groupBy of ['reason', 'requestedBy', 'provider', 'currency', 'status']) {
      const totals = await env.http.request('GET', `/api/refunds/summary?userId=${MANAGER}&groupBy=${groupBy}`);
      expectContract(summarySchema, totals);
      expect(totals.body.results.length).toBeGreaterThan(0);
    }
    expectContract(exportLinkSchema, await env.http.request('GET', `/api/refunds/export-link?userId=${MANAGER}&currency=USD`));
    expectContract(apiErrorBodySchema, await env.http.request('GET', '/api/refunds?userId=2'));
  });
});
