import { hubspot, StatisticsItem } from '@hubspot/ui-extensions';
import { readCardConfig } from '../../extensions/refund-card/card-config';
import { createRefundApi } from '../../extensions/refund-card/refund-api';
import { renderCard, SERVERLESS_CONFIG, useCardClock } from './card-driver';
import { apiError, attemptResult, transactionDetails } from './card-fixtures';

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const config = readCardConfig({ transport: 'serverless', functionName: 'refund_api' });
if (!config.ok) throw new Error(config.message);
const api = createRefundApi(config.config);
const deal = { objectType: 'deals', objectId: '1001' };

describe('transport: hubspot.serverless to the app function "refund_api"', () => {
  test('get: operation, objectType and objectId as parameters; the answer is { status, body }', async () => {
    const spy = jest.spyOn(hubspot, 'serverless').mockResolvedValue({ status: 200, body: transactionDetails() });
    expect(await api.getTransaction(deal)).toEqual({ ok: true, status: 200, value: transactionDetails() });
    expect(spy.mock.calls).toEqual([['refund_api', { parameters: { operation: 'get', objectType: 'deals', objectId: '1001' } }]]);
  });

  test('refund: the HTTP API body goes in parameters.body', async () => {
    const spy = jest.spyOn(hubspot, 'serverless').mockResolvedValue({ status: 201, body: attemptResult() });
    const result = await api.refund(deal, { amount: '12.50', reason: 'requested_by_customer', idempotencyKey: 'form-key-0101' });
    expect(spy.mock.calls).toEqual([
      ['refund_api', { parameters: { operation: 'refund', objectType: 'deals', objectId: '1001', body: { amount: '12.50', reason: 'requested_by_customer', idempotencyKey: 'form-key-0101' } } }],
    ]);
    expect(result).toEqual({ ok: true, status: 201, value: attemptResult() });
  });

  test('void: operation "void"', async () => {
    const spy = jest.spyOn(hubspot, 'serverless').mockResolvedValue({ status: 202, body: attemptResult({ kind: 'void', status: 'unknown' }) });
    const result = await api.void(deal, { reason: 'other', note: 'Ordered twice', idempotencyKey: 'form-key-0102' });
    expect(spy.mock.calls).toEqual([
      ['refund_api', { parameters: { operation: 'void', objectType: 'deals', objectId: '1001', body: { reason: 'other', note: 'Ordered twice', idempotencyKey: 'form-key-0102' } } }],
    ]);
    expect(result.ok && result.value.attempt.status).toBe('unknown');
  });

  test('an error status carries the API error, e.g. no identity from HubSpot', async () => {
    jest.spyOn(hubspot, 'serverless').mockResolvedValue({ status: 401, body: apiError('INVALID_SIGNATURE', 'HubSpot did not say who is acting.') });
    expect(await api.getTransaction(deal)).toEqual({ ok: false, error: { code: 'INVALID_SIGNATURE', message: 'HubSpot did not say who is acting.', status: 401 } });
  });

  test.each([
    ['no { status, body } envelope', transactionDetails()],
    ['a body that does not match the contract', { status: 200, body: { transaction: {} } }],
    ['nothing at all', undefined],
  ])('zod rejects %s: BAD_RESPONSE', async (_case, answer) => {
    jest.spyOn(hubspot, 'serverless').mockResolvedValue(answer);
    const result = await api.getTransaction(deal);
    expect(result.ok === false && result.error.code).toBe('BAD_RESPONSE');
  });

  test('a function that fails to run is "no answer"', async () => {
    jest.spyOn(hubspot, 'serverless').mockRejectedValue({ status: 500, message: 'Function timed out' });
    expect(await api.refund(deal, { reason: 'duplicate', idempotencyKey: 'form-key-0103' })).toEqual({
      ok: false,
      error: { code: 'NO_ANSWER', message: 'The refund service could not be reached (Function timed out).', status: null },
    });
  });

  test('the card uses the function when configured so, and never hubspot.fetch', async () => {
    useCardClock();
    const serverless = jest.spyOn(hubspot, 'serverless').mockResolvedValue({ status: 200, body: transactionDetails() });
    const fetch = jest.spyOn(hubspot, 'fetch');
    const card = renderCard({ config: SERVERLESS_CONFIG, objectTypeId: '2-7654321', objectId: 42 });
    await card.waitFor(() => card.findByTestId(StatisticsItem, 'summary-paid'));
    expect(serverless).toHaveBeenCalledWith('refund_api', { parameters: { operation: 'get', objectType: '2-7654321', objectId: '42' } });
    expect(fetch).not.toHaveBeenCalled();
  });
});
