import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

describe('concurrent requests', () => {
  let backend: TestBackend;
  let http: HttpClient;

  beforeAll(async () => {
    backend = await testBackend();
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  beforeEach(() => backend.reset());
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  it('never lets 20 concurrent partial refunds together exceed the payment', async () => {
    backend.stripe.answer = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { status: 'succeeded', providerRefundId: `re_${Math.random()}` };
    };
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http.request('POST', '/api/transactions/deals/1001/refunds?userId=1', { body: { amount: '70.00', reason: 'duplicate', idempotencyKey: `concurrent-${i}-key` } }),
      ),
    );
    const created = responses.filter((response) => response.status === 201);
    expect(created).toHaveLength(17);
    expect(responses.filter((response) => response.status === 422).every((response) => response.body.error.code === 'AMOUNT_EXCEEDS_REFUNDABLE')).toBe(true);
    expect(backend.stripe.calls).toHaveLength(17);
    const read = await http.request('GET', '/api/transactions/deals/1001?userId=1');
    expect(read.body.transaction).toMatchObject({ refunded: '1190.00', refundable: '10.00' });
  });

  it('makes exactly one provider call when one key arrives 10 times at once', async () => {
    const body = { amount: '25.00', reason: 'duplicate', idempotencyKey: 'double-click-key' };
    const responses = await Promise.all(Array.from({ length: 10 }, () => http.request('POST', '/api/transactions/deals/1001/refunds?userId=2', { body })));
    expect(backend.stripe.calls).toHaveLength(1);
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 200)).toHaveLength(9);
    expect(new Set(responses.map((response) => response.body.attempt.id)).size).toBe(1);
  });
});
