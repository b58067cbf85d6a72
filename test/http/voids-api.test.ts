import { providerRegistry } from '../../src/adapters/providers/provider-registry';
import { createManualProvider } from '../../src/adapters/providers/manual/manual-provider';
import type { ProviderVoidRequest, Settlement } from '../../src/ports/payment-provider';
import { fakeProvider } from '../support/fake-provider';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

describe('voids over HTTP', () => {
  const nmi = fakeProvider('nmi');
  let settlement: Settlement = { state: 'unsettled' };
  const voidCalls: ProviderVoidRequest[] = [];
  const withVoids = {
    ...nmi,
    voids: {
      settlement: async () => settlement,
      void: async (request: ProviderVoidRequest) => {
        voidCalls.push(request);
        return { status: 'succeeded' as const, providerRefundId: `void-${voidCalls.length}` };
      },
    },
  };
  let backend: TestBackend;
  let http: HttpClient;
  const path = (suffix = '') => `/api/transactions/deals/7001${suffix}?userId=1`;
  const body = (key: string) => ({ reason: 'duplicate', idempotencyKey: key });

  beforeAll(async () => {
    backend = await testBackend({ providers: providerRegistry([withVoids, createManualProvider()]) });
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  beforeEach(async () => {
    await backend.reset();
    await backend.addDeal('7001', { payment_provider: 'nmi', payment_transaction_id: '7654321098', amount: '80.00', deal_currency_code: 'USD' });
    settlement = { state: 'unsettled' };
    voidCalls.length = 0;
    nmi.calls.length = 0;
  });
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  it('offers and performs a void of an unsettled payment, for the whole amount', async () => {
    expect((await http.request('GET', path())).body.viewer.canVoid).toBe(true);
    const response = await http.request('POST', path('/voids'), { body: body('void-key-0001') });
    expect(response.status).toBe(201);
    expect(response.body.attempt).toMatchObject({ kind: 'void', amount: '80.00', status: 'succeeded', providerRefundId: 'void-1' });
    expect(response.body.transaction).toMatchObject({ refundable: '0.00', refundStatus: 'voided', refunded: '0.00' });
    expect(voidCalls[0]).toMatchObject({ providerTransactionId: '7654321098', amount: { minor: 8000n, currency: 'USD' }, idempotencyKey: 'void-key-0001' });
    expect((await http.request('POST', path('/voids'), { body: body('void-key-0001') })).status).toBe(200);
    expect(voidCalls).toHaveLength(1);
    const [note] = await backend.crm.notesOf({ objectType: 'deals', objectId: '7001' });
    expect(note?.bodyHtml).toContain('Void succeeded');
  });

  it('refuses a void once the payment is settled, and does not offer it', async () => {
    settlement = { state: 'settled' };
    expect((await http.request('GET', path())).body.viewer.canVoid).toBe(false);
    const response = await http.request('POST', path('/voids'), { body: body('void-key-0002') });
    expect(response.status).toBe(422);
    expect(response.body.error).toMatchObject({ code: 'TRANSACTION_NOT_REFUNDABLE', message: expect.stringMatching(/already settled: refund it instead/) });
    expect(voidCalls).toHaveLength(0);
  });

  it('refuses a void after a partial refund', async () => {
    await http.request('POST', path('/refunds'), { body: { amount: '10.00', reason: 'duplicate', idempotencyKey: 'partial-key-01' } });
    expect((await http.request('GET', path())).body.viewer.canVoid).toBe(false);
    const response = await http.request('POST', path('/voids'), { body: body('void-key-0003') });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(/refund the rest instead/);
  });

  it('refuses a void when settlement cannot be checked', async () => {
    settlement = { state: 'unknown', reason: 'no answer' };
    const response = await http.request('POST', path('/voids'), { body: body('void-key-0004') });
    expect(response.body.error.message).toMatch(/could not be checked \(no answer\)/);
  });

  it('refuses to void through a provider that does not void', async () => {
    const response = await http.request('POST', '/api/transactions/deals/1005/voids?userId=1', { body: body('void-key-0005') });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(/manual payments cannot be voided/);
  });

  it('validates the body like a refund', async () => {
    expect((await http.request('POST', path('/voids'), { body: { reason: 'other', idempotencyKey: 'void-key-0006' } })).status).toBe(400);
    expect((await http.request('POST', path('/voids'), { body: { ...body('void-key-0007'), amount: '1.00' } })).status).toBe(400);
  });
});
