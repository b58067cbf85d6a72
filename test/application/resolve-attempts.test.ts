import { resolveAttempts } from '../../src/application/resolve-attempts';
import { never } from '../support/fake-provider';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

describe('resolveAttempts', () => {
  let backend: TestBackend;
  let http: HttpClient;
  const ref = { objectType: 'deals', objectId: '1001' };

  beforeAll(async () => {
    backend = await testBackend();
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  beforeEach(() => backend.reset());
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  async function unknownRefund(key: string) {
    backend.stripe.answer = never;
    const response = await http.request('POST', '/api/transactions/deals/1001/refunds?userId=1', { body: { amount: '40.00', reason: 'duplicate', idempotencyKey: key } });
    expect(response.status).toBe(202);
    return response.body.attempt.id as string;
  }
  const later = () => ({ ...backend.deps, clock: { now: () => new Date(Date.now() + 120_000) } });

  it('leaves young unknown attempts alone: the provider may still be working on them', async () => {
    await unknownRefund('resolve-key-01');
    expect(await resolveAttempts(backend.deps)).toEqual({ checked: 0, resolved: 0, stillOpen: 0 });
    expect(backend.stripe.lookups).toHaveLength(0);
  });

  it('records what the lookup finds, never sends the refund again, and updates the CRM', async () => {
    const id = await unknownRefund('resolve-key-02');
    backend.stripe.lookupAnswer = async () => ({ status: 'succeeded', providerRefundId: 're_found' });
    expect(await resolveAttempts(later())).toEqual({ checked: 1, resolved: 1, stillOpen: 0 });
    expect(backend.stripe.calls).toHaveLength(1);
    expect(backend.stripe.lookups[0]).toMatchObject({ attemptId: id, idempotencyKey: 'resolve-key-02', kind: 'refund', providerRefundId: null, amount: { minor: 4000n, currency: 'USD' } });
    const [attempt] = await backend.attemptsOf(ref);
    expect(attempt).toMatchObject({ status: 'succeeded', providerRefundId: 're_found' });
    // the CRM write follows the change, in the background
    await backend.deps.background.drain();
    expect(await backend.crm.propertiesOf(ref)).toMatchObject({ refund_status: 'partially_refunded', refunded_amount: '40.00' });
    const notes = await backend.crm.notesOf(ref);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.bodyHtml).toContain('Refund succeeded');
  });

  it('frees the amount when the provider never received the refund', async () => {
    await unknownRefund('resolve-key-03');
    backend.stripe.lookupAnswer = async () => ({ status: 'failed', providerRefundId: null, failure: { code: 'not_received_by_provider', message: 'Nothing was refunded.' } });
    await resolveAttempts(later());
    const read = await http.request('GET', '/api/transactions/deals/1001?userId=1');
    expect(read.body.transaction).toMatchObject({ refundable: '1200.00', refundStatus: 'not_refunded' });
    expect(read.body.attempts[0]).toMatchObject({ status: 'failed', failure: { code: 'not_received_by_provider' } });
  });

  it('keeps an attempt unknown while the lookup still cannot tell, and marks one found pending', async () => {
    await unknownRefund('resolve-key-04');
    expect(await resolveAttempts(later())).toEqual({ checked: 1, resolved: 0, stillOpen: 1 });
    backend.stripe.lookupAnswer = async () => ({ status: 'pending', providerRefundId: 're_slow' });
    expect(await resolveAttempts(later())).toEqual({ checked: 1, resolved: 1, stillOpen: 0 });
    expect(await resolveAttempts(later())).toEqual({ checked: 1, resolved: 0, stillOpen: 1 });
    const [attempt] = await backend.attemptsOf(ref);
    expect(attempt).toMatchObject({ status: 'pending', providerRefundId: 're_slow' });
  });
});
