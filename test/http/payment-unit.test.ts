import { syncCrm } from '../../src/application/crm-write/sync-crm';
import { type HttpClient, httpTestBackend } from '../support/test-backend';

const ADMIN = '1';
let counter = 0;
const key = () => `unit-key-${(counter += 1).toString().padStart(4, '0')}`;
const refund = (http: HttpClient, objectType: string, id: string, amount?: string) =>
  http.request('POST', `/api/transactions/${objectType}/${id}/refunds?userId=${ADMIN}`, { body: { ...(amount ? { amount } : {}), reason: 'duplicate', idempotencyKey: key() } });

/** The unit is the payment, not the record (design §3), over HTTP as the card would use it. */
describe('one payment, whatever the records say', () => {
  const setup = httpTestBackend({ clientSecret: null, allowUnsigned: true });

  it('lets two records that point at one payment refund it only once between them', async () => {
    await setup.backend.addDeal('6001', { payment_provider: 'stripe', payment_transaction_id: 'pi_shared_by_two', amount: '100.00', deal_currency_code: 'USD' });
    await setup.backend.addDeal('6002', { payment_provider: 'stripe', payment_transaction_id: 'pi_shared_by_two', amount: '100.00', deal_currency_code: 'USD' });
    expect((await refund(setup.http, 'deals', '6001')).body.transaction).toMatchObject({ refunded: '100.00', refundable: '0.00' });
    const second = await refund(setup.http, 'deals', '6002');
    expect(second).toMatchObject({ status: 422, body: { error: { code: 'TRANSACTION_NOT_REFUNDABLE' } } });
    const read = await setup.http.request('GET', `/api/transactions/deals/6002?userId=${ADMIN}`);
    expect(read.body.transaction).toMatchObject({ refunded: '100.00', refundable: '0.00', refundStatus: 'fully_refunded' });
    expect(read.body.attempts).toHaveLength(1);
    // the newly seen record gets the payment's properties from the outbox worker
    await syncCrm(setup.backend.deps);
    expect(await setup.backend.crm.propertiesOf({ objectType: 'deals', objectId: '6002' })).toMatchObject({ refund_status: 'fully_refunded', refunded_amount: '100.00' });
    expect(setup.backend.stripe.calls).toHaveLength(1);
  });

  it('treats deal, deals and 0-3 as one record', async () => {
    const first = await refund(setup.http, 'deals', '1001', '1000.00');
    expect(first.status).toBe(201);
    const firstKey = `unit-key-${counter.toString().padStart(4, '0')}`;
    const alias = await refund(setup.http, '0-3', '1001', '200.01');
    expect(alias.body).toMatchObject({ error: { code: 'AMOUNT_EXCEEDS_REFUNDABLE', details: { refundable: '200.00' } } });
    expect((await refund(setup.http, 'deal', '1001', '200.00')).body.transaction).toMatchObject({ objectType: 'deals', refundable: '0.00' });
    const sameKey = await setup.http.request('POST', `/api/transactions/0-3/1001/refunds?userId=${ADMIN}`, { body: { amount: '1000.00', reason: 'duplicate', idempotencyKey: firstKey } });
    expect(sameKey.status).toBe(200);
    expect(setup.backend.stripe.calls).toHaveLength(2);
  });

  it('keeps the amount paid when the record is raised after a full manual refund, and warns', async () => {
    const full = await refund(setup.http, 'deals', '1005');
    expect(full.body.transaction).toMatchObject({ amount: '250.00', refunded: '250.00', refundable: '0.00' });
    await setup.backend.db.query(`UPDATE sandbox_records SET properties = properties || '{"amount":"400.00"}' WHERE object_id = '1005'`);
    const read = await setup.http.request('GET', `/api/transactions/deals/1005?userId=${ADMIN}`);
    expect(read.body.transaction).toMatchObject({
      amount: '250.00',
      refundable: '0.00',
      warnings: [{ code: 'amount_mismatch', message: 'The record says USD 400.00, but the payment was USD 250.00 when first seen: refunds go by the payment.' }],
    });
    expect((await refund(setup.http, 'deals', '1005')).body.error.code).toBe('TRANSACTION_NOT_REFUNDABLE');
  });

  it('refuses a record whose currency is not the payment\'s, and says why', async () => {
    await setup.http.request('GET', `/api/transactions/deals/1001?userId=${ADMIN}`);
    await setup.backend.db.query(`UPDATE sandbox_records SET properties = properties || '{"deal_currency_code":"EUR"}' WHERE object_id = '1001'`);
    const read = await setup.http.request('GET', `/api/transactions/deals/1001?userId=${ADMIN}`);
    expect(read.body.transaction.warnings).toEqual([{ code: 'currency_mismatch', message: expect.stringMatching(/The record says EUR, but the payment was in USD/) }]);
    expect((await refund(setup.http, 'deals', '1001', '1.00')).body.error).toMatchObject({ code: 'TRANSACTION_NOT_REFUNDABLE', details: { property: 'currency' } });
  });

  it('takes the provider\'s own figure of what was paid when the provider can tell, records it, and asks only once', async () => {
    const asked: string[] = [];
    setup.backend.stripe.paidAmount = async (id) => {
      asked.push(id);
      return { minor: 100000n, currency: 'USD' };
    };
    try {
      const read = await setup.http.request('GET', `/api/transactions/deals/1001?userId=${ADMIN}`);
      const warning = { code: 'amount_mismatch', message: 'The record says USD 1200.00, but the provider says the payment was USD 1000.00: refunds go by the payment.' };
      expect(read.body.transaction).toMatchObject({ amount: '1000.00', refundable: '1000.00', warnings: [warning] });
      expect(await setup.backend.db.query('SELECT paid_minor, paid_source FROM payments WHERE provider_transaction_id = $1', ['pi_3SandboxAnnualPlan0001'])).toEqual([
        { paid_minor: 100000n, paid_source: 'provider' },
      ]);
      // The figure is final: later reads take it from the ledger, and refunds go by it, not by the record.
      const again = await setup.http.request('GET', `/api/transactions/deals/1001?userId=${ADMIN}`);
      expect(again.body.transaction).toMatchObject({ amount: '1000.00', warnings: [warning] });
      expect(asked).toEqual(['pi_3SandboxAnnualPlan0001']);
      expect((await refund(setup.http, 'deals', '1001', '1000.01')).body.error).toMatchObject({ code: 'AMOUNT_EXCEEDS_REFUNDABLE', details: { refundable: '1000.00' } });
    } finally {
      delete setup.backend.stripe.paidAmount;
    }
  });

  it('keeps the amount first seen when the provider cannot tell yet, and asks again on the next read', async () => {
    const figures: (bigint | null)[] = [null, 120000n];
    setup.backend.stripe.paidAmount = async () => {
      const minor = figures.shift() ?? null;
      return minor === null ? null : { minor, currency: 'USD' };
    };
    try {
      const first = await setup.http.request('GET', `/api/transactions/deals/1001?userId=${ADMIN}`);
      expect(first.body.transaction).toMatchObject({ amount: '1200.00', warnings: [] });
      expect(await setup.backend.db.query('SELECT paid_source FROM payments')).toEqual([{ paid_source: 'record' }]);
      const second = await setup.http.request('GET', `/api/transactions/deals/1001?userId=${ADMIN}`);
      expect(second.body.transaction).toMatchObject({ amount: '1200.00', warnings: [] });
      expect(await setup.backend.db.query('SELECT paid_source FROM payments')).toEqual([{ paid_source: 'provider' }]);
      expect(figures).toEqual([]);
    } finally {
      delete setup.backend.stripe.paidAmount;
    }
  });

  it('pages the history: the read returns the latest 20, the rest comes with the cursor', async () => {
    for (let n = 0; n < 23; n += 1) await refund(setup.http, 'deals', '1001', '1.00');
    const read = await setup.http.request('GET', `/api/transactions/deals/1001?userId=${ADMIN}`);
    expect(read.body.attempts).toHaveLength(20);
    const more = await setup.http.request('GET', `/api/transactions/deals/1001/attempts?userId=${ADMIN}&cursor=${read.body.attemptsCursor}`);
    expect(more.body.results).toHaveLength(3);
    expect(more.body.nextCursor).toBeNull();
    expect(new Set([...read.body.attempts, ...more.body.results].map((attempt: { id: string }) => attempt.id)).size).toBe(23);
  });

  it('stops sending attempts for a payment declined too often in the last hour', async () => {
    setup.backend.stripe.answer = async () => ({ status: 'failed', providerRefundId: null, failure: { code: 'card_declined', message: 'The bank refused.' } });
    for (let n = 0; n < 10; n += 1) expect((await refund(setup.http, 'deals', '1001', '1.00')).body.attempt.status).toBe('failed');
    const refused = await refund(setup.http, 'deals', '1001', '1.00');
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'TRANSACTION_NOT_REFUNDABLE', details: { reason: 'too_many_declines' } } } });
    expect(setup.backend.stripe.calls).toHaveLength(10);
  });
});
