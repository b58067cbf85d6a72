import { hubspot } from '@hubspot/ui-extensions';
import { readCardConfig } from '../../extensions/refund-card/card-config';
import { apiObjectType } from '../../extensions/shared/object-type';
import { createRefundApi } from '../../extensions/refund-card/refund-api';
import { apiError, attemptResult, transactionDetails } from './card-fixtures';

afterEach(() => jest.restoreAllMocks());

const config = readCardConfig({ transport: 'fetch', backendUrl: 'https://refunds.example.com/', functionName: 'refund_api' });
if (!config.ok) throw new Error(config.message);
const api = createRefundApi(config.config);
const deal = { objectType: 'deals', objectId: '1001' };

function answer(status: number, body: unknown) {
  return jest.spyOn(hubspot, 'fetch').mockResolvedValue(new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }));
}

describe('transport: hubspot.fetch to the self-hosted backend', () => {
  test('getTransaction: GET {backendUrl}/api/transactions/{objectType}/{objectId}, parsed', async () => {
    const spy = answer(200, transactionDetails());
    const result = await api.getTransaction(deal);
    expect(spy.mock.calls).toEqual([['https://refunds.example.com/api/transactions/deals/1001', { method: 'GET' }]]);
    expect(result).toEqual({ ok: true, status: 200, value: transactionDetails() });
  });

  test('refund: POST …/refunds with the body of the API, never a user id', async () => {
    const spy = answer(201, attemptResult());
    const result = await api.refund(deal, { amount: '12.50', reason: 'other', note: 'Goodwill', idempotencyKey: 'form-key-0001' });
    expect(spy.mock.calls).toEqual([
      ['https://refunds.example.com/api/transactions/deals/1001/refunds', { method: 'POST', body: { amount: '12.50', reason: 'other', note: 'Goodwill', idempotencyKey: 'form-key-0001' } }],
    ]);
    expect(result).toEqual({ ok: true, status: 201, value: attemptResult() });
  });

  test('refund without an amount (everything refundable) and without a note sends neither key', async () => {
    const spy = answer(202, attemptResult({ status: 'unknown' }));
    const result = await api.refund(deal, { reason: 'duplicate', idempotencyKey: 'form-key-0002' });
    expect(spy.mock.calls[0]?.[1]).toEqual({ method: 'POST', body: { reason: 'duplicate', idempotencyKey: 'form-key-0002' } });
    expect(result.ok && result.status).toBe(202);
  });

  test('void: POST …/voids', async () => {
    const spy = answer(201, attemptResult({ kind: 'void' }));
    await api.void({ objectType: '2-7654321', objectId: '42' }, { reason: 'duplicate', idempotencyKey: 'form-key-0003' });
    expect(spy.mock.calls).toEqual([
      ['https://refunds.example.com/api/transactions/2-7654321/42/voids', { method: 'POST', body: { reason: 'duplicate', idempotencyKey: 'form-key-0003' } }],
    ]);
  });

  test("an error answer becomes the backend's code, message and details", async () => {
    answer(422, apiError('AMOUNT_EXCEEDS_REFUNDABLE', 'Only 50.00 USD is left to refund.', { refundable: '50.00' }));
    expect(await api.refund(deal, { amount: '60.00', reason: 'duplicate', idempotencyKey: 'form-key-0004' })).toEqual({
      ok: false,
      error: { code: 'AMOUNT_EXCEEDS_REFUNDABLE', message: 'Only 50.00 USD is left to refund.', details: { refundable: '50.00' }, status: 422 },
    });
  });

  test("HubSpot's proxy envelope around a non-2xx answer is unwrapped to the backend's error", async () => {
    answer(502, {
      status: 'error',
      message: 'Bad gateway',
      category: 'BAD_GATEWAY',
      responseBody: apiError('NOT_PERMITTED', 'You may not refund.'),
      errors: [{ message: 'Unacceptable HTTP status 403 calling https://refunds.example.com/api/transactions/deals/1001/refunds' }],
    });
    const result = await api.refund(deal, { reason: 'duplicate', idempotencyKey: 'form-key-0005' });
    expect(result).toEqual({ ok: false, error: { code: 'NOT_PERMITTED', message: 'You may not refund.', status: 502 } });
  });

  test('a proxy timeout is "no answer": the outcome is unknown, retry with the same key', async () => {
    answer(504, { status: 'error', message: 'Gateway took too long to respond', category: 'GATEWAY_TIMEOUT' });
    const result = await api.refund(deal, { reason: 'duplicate', idempotencyKey: 'form-key-0006' });
    expect(result.ok === false && result.error.code).toBe('NO_ANSWER');
  });

  test.each([
    ['a 200 whose body misses a field', 200, { ...transactionDetails(), viewer: { canRefund: true } }],
    ['a 200 with an amount as a number', 200, { ...transactionDetails(), transaction: { ...transactionDetails().transaction, amount: 1200 } }],
    ['a 200 with an unknown refund status', 200, { ...transactionDetails(), transaction: { ...transactionDetails().transaction, refundStatus: 'refunded' } }],
    ['a body that is not JSON', 200, '<html>502 Bad Gateway</html>'],
    ['an error without a code', 500, { message: 'oops' }],
  ])('zod rejects %s: BAD_RESPONSE, not a crash', async (_case, status, body) => {
    answer(status, body);
    const result = await api.getTransaction(deal);
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.error.code).toBe('BAD_RESPONSE');
  });

  test('a rejected or throwing hubspot.fetch is "no answer"', async () => {
    jest.spyOn(hubspot, 'fetch').mockRejectedValue(new Error('Failed to fetch'));
    expect(await api.getTransaction(deal)).toEqual({ ok: false, error: { code: 'NO_ANSWER', message: 'The refund service could not be reached (Failed to fetch).', status: null } });
    jest.spyOn(hubspot, 'fetch').mockImplementation(() => {
      throw new ReferenceError('self is not defined');
    });
    expect(await api.getTransaction(deal)).toMatchObject({ ok: false, error: { code: 'NO_ANSWER' } });
  });

  test.each([
    ['0-3', 'deals'],
    ['0-1', 'contacts'],
    ['0-2', 'companies'],
    ['0-5', 'tickets'],
    ['2-1234567', '2-1234567'],
  ])('objectTypeId %s is sent as %s', (objectTypeId, objectType) => {
    expect(apiObjectType(objectTypeId)).toBe(objectType);
  });
});
