import * as z from 'zod';
import { apiErrorBodySchema, attemptPageSchema, attemptResultSchema, transactionDetailsSchema } from '../../extensions/shared/api-schemas';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

/**
 * The card keeps its own copy of the backend's JSON contract (it is built and shipped alone). Here real
 * answers of the real backend go through the card's schemas: each must parse, and carry no field the
 * card's schema does not declare, so that neither side can change without the other noticing.
 */
function undeclared(schema: z.ZodType, value: unknown, path = ''): string[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return value === null || value === undefined ? [] : undeclared(schema.unwrap() as z.ZodType, value, path);
  if (schema instanceof z.ZodArray && Array.isArray(value)) return value.flatMap((item, index) => undeclared(schema.element as z.ZodType, item, `${path}[${index}]`));
  if (schema instanceof z.ZodObject && value && typeof value === 'object') {
    const shape = schema.shape as Record<string, z.ZodType>;
    return Object.entries(value).flatMap(([key, inner]) => (shape[key] ? undeclared(shape[key], inner, `${path}.${key}`) : [`${path}.${key}`]));
  }
  return [];
}

function expectContract(schema: z.ZodType, answer: { status: number; body: unknown }): void {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new Error(`the card cannot read an answer (${answer.status}): ${JSON.stringify(parsed.error.issues)}`);
  expect(undeclared(schema, answer.body)).toEqual([]);
}

describe('the card\'s schemas against the real backend\'s answers', () => {
  let backend: TestBackend;
  let http: HttpClient;
  let counter = 0;
  const key = () => `drift-key-${(counter += 1).toString().padStart(4, '0')}`;

  beforeAll(async () => {
    backend = await testBackend({ maxDeclinesPerHour: 1000 }, { policy: { refunders: { teamIds: ['7'] }, approvers: { teamIds: ['9'] }, limits: { USD: { perRefund: '500.00', perDay: '900.00' } } } });
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  it('reads every kind of answer the card asks for', async () => {
    const refund = (amount: string, user = '2') =>
      http.request('POST', `/api/transactions/deals/1001/refunds?userId=${user}`, { body: { amount, reason: 'requested_by_customer', note: 'n', idempotencyKey: key() } });
    const sent = await refund('100.00');
    expectContract(attemptResultSchema, sent);
    const toReject = await refund('501.00');
    expectContract(attemptResultSchema, await http.request('POST', `/api/attempts/${toReject.body.attempt.id}/reject?userId=4`, { body: { note: 'no' } }));
    const toCancel = await refund('502.00');
    expectContract(attemptResultSchema, await http.request('POST', `/api/attempts/${toCancel.body.attempt.id}/cancel?userId=2`));
    const held = await refund('600.00');
    expect(held.status).toBe(202);
    expectContract(attemptResultSchema, held);
    expectContract(attemptResultSchema, await http.request('POST', `/api/attempts/${held.body.attempt.id}/approve?userId=4`, { body: { note: 'ok' } }));
    backend.stripe.answer = async () => ({ status: 'failed', providerRefundId: null, failure: { code: 'card_declined', message: 'The bank refused.' } });
    expectContract(attemptResultSchema, await refund('1.00'));
    for (let n = 0; n < 20; n += 1) await refund('0.01');

    const read = await http.request('GET', '/api/transactions/deals/1001?userId=2');
    expectContract(transactionDetailsSchema, read);
    expect(read.body.attempts.map((attempt: { status: string }) => attempt.status)).toEqual(expect.arrayContaining(['failed']));
    expectContract(attemptPageSchema, await http.request('GET', `/api/transactions/deals/1001/attempts?userId=2&cursor=${read.body.attemptsCursor}`));
    expectContract(transactionDetailsSchema, await http.request('GET', '/api/transactions/deals/1001?userId=3'));

    for (const error of [
      await http.request('POST', '/api/transactions/deals/1001/refunds?userId=3', { body: { amount: '1', reason: 'duplicate', idempotencyKey: key() } }),
      await refund('99999.00'),
      await http.request('POST', '/api/transactions/deals/1001/refunds?userId=2', { body: { amount: '1', reason: 'other', idempotencyKey: key() } }),
      await http.request('GET', '/api/transactions/deals/424242?userId=2'),
    ]) {
      expect(error.status).toBeGreaterThanOrEqual(400);
      expectContract(apiErrorBodySchema, error);
    }
  });
});
