import { never } from '../support/fake-provider';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

const REP = '2';
const ADMIN = '1';
const NO_ACCESS = '3';
const deal1001 = '/api/transactions/deals/1001';
const refunds = (id = '1001', user = REP) => `/api/transactions/deals/${id}/refunds?userId=${user}`;
let keyCounter = 0;
const key = () => `test-key-${(keyCounter += 1).toString().padStart(4, '0')}`;

describe('refund HTTP API (sandbox identity)', () => {
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

  it('reads a transaction with its refund history and what the viewer may do', async () => {
    const response = await http.request('GET', `${deal1001}?userId=${REP}`);
    expect(response).toEqual({
      status: 200,
      body: {
        transaction: {
          objectType: 'deals', objectId: '1001', provider: 'stripe', providerTransactionId: 'pi_3SandboxAnnualPlan0001',
          currency: 'USD', amount: '1200.00', refunded: '0.00', refundable: '1200.00', refundStatus: 'not_refunded', warnings: [], dispute: null,
        },
        attempts: [],
        attemptsCursor: null,
        viewer: {
          canRefund: true, canVoid: false, canApprove: false, approvalAbove: '500.00', approvalBy: 'a super admin',
          maxRefundAmount: null, dailyRemaining: null, noteRequiredFor: ['other'], denyReason: null,
        },
      },
    });
  });

  it('refunds part of a payment, records it, and writes the record and a note back to the CRM', async () => {
    const response = await http.request('POST', refunds(), { body: { amount: '120.5', reason: 'requested_by_customer', note: 'Seat <b>removed</b> & credited', idempotencyKey: key() } });
    expect(response.status).toBe(201);
    expect(response.body.attempt).toMatchObject({
      kind: 'refund', amount: '120.50', currency: 'USD', status: 'succeeded', reason: 'requested_by_customer',
      note: 'Seat <b>removed</b> & credited', providerRefundId: 're_fake_1', failure: null,
      requestedBy: { userId: REP, name: 'Rita Rep', email: 'rita.rep@example.com' },
    });
    expect(response.body.transaction).toMatchObject({ refunded: '120.50', refundable: '1079.50', refundStatus: 'partially_refunded' });
    const [call] = backend.stripe.calls;
    expect(call).toMatchObject({ providerTransactionId: 'pi_3SandboxAnnualPlan0001', amount: { minor: 12050n, currency: 'USD' }, isFullAmount: false, reason: 'requested_by_customer' });
    expect(call?.idempotencyKey).toBe(`test-key-${keyCounter.toString().padStart(4, '0')}`);

    const properties = await backend.crm.propertiesOf({ objectType: 'deals', objectId: '1001' });
    expect(properties).toMatchObject({
      refund_status: 'partially_refunded', refunded_amount: '120.50', refund_count: '1',
      last_refund_reason: 'requested_by_customer', last_refund_attempt_status: 'succeeded',
    });
    expect(properties?.last_refund_at).toBe(response.body.attempt.completedAt);
    const notes = await backend.crm.notesOf({ objectType: 'deals', objectId: '1001' });
    expect(notes).toHaveLength(1);
    expect(notes[0]?.bodyHtml).toContain('Seat &#60;b&#62;removed&#60;/b&#62; &#38; credited');
    expect(notes[0]?.bodyHtml).not.toContain('<b>removed');
    expect(notes[0]?.bodyHtml).toContain('re_fake_1');
  });

  it('takes several partial refunds up to the total, then refuses more', async () => {
    for (const amount of ['500', '500', '200']) {
      expect((await http.request('POST', refunds('1001', ADMIN), { body: { amount, reason: 'duplicate', idempotencyKey: key() } })).status).toBe(201);
    }
    const over = await http.request('POST', refunds('1001', ADMIN), { body: { amount: '0.01', reason: 'duplicate', idempotencyKey: key() } });
    expect(over).toEqual({ status: 422, body: { error: { code: 'AMOUNT_EXCEEDS_REFUNDABLE', message: 'At most USD 0.00 can still be refunded.', details: { refundable: '0.00' } } } });
    const everything = await http.request('POST', refunds('1001', ADMIN), { body: { reason: 'duplicate', idempotencyKey: key() } });
    expect(everything).toEqual({ status: 422, body: { error: { code: 'TRANSACTION_NOT_REFUNDABLE', message: expect.stringMatching(/Nothing is left to refund/), details: { refundable: '0.00' } } } });
    const read = await http.request('GET', `${deal1001}?userId=${ADMIN}`);
    expect(read.body.transaction).toMatchObject({ refunded: '1200.00', refundable: '0.00', refundStatus: 'fully_refunded' });
    expect(read.body.attempts.map((a: { amount: string }) => a.amount)).toEqual(['200.00', '500.00', '500.00']);
  });

  it('refunds everything refundable when the amount is omitted, and says so to the provider', async () => {
    const response = await http.request('POST', refunds('1001', ADMIN), { body: { reason: 'fraudulent', idempotencyKey: key() } });
    expect(response.status).toBe(201);
    expect(response.body.attempt.amount).toBe('1200.00');
    expect(backend.stripe.calls[0]?.isFullAmount).toBe(true);
  });

  it('refuses an amount over the refundable with what is left', async () => {
    await http.request('POST', refunds('1001', ADMIN), { body: { amount: '1000', reason: 'duplicate', idempotencyKey: key() } });
    const response = await http.request('POST', refunds('1001', ADMIN), { body: { amount: '200.01', reason: 'duplicate', idempotencyKey: key() } });
    expect(response).toEqual({ status: 422, body: { error: { code: 'AMOUNT_EXCEEDS_REFUNDABLE', message: 'At most USD 200.00 can still be refunded.', details: { refundable: '200.00' } } } });
    expect(backend.stripe.calls).toHaveLength(1);
  });

  it('answers a repeated key with the original attempt and refuses it with another body', async () => {
    const body = { amount: '10.00', reason: 'duplicate', idempotencyKey: key() };
    const first = await http.request('POST', refunds(), { body });
    const again = await http.request('POST', refunds(), { body: { ...body, amount: '10' } });
    expect(again).toEqual({ status: 200, body: first.body });
    const reused = await http.request('POST', refunds(), { body: { ...body, amount: '11.00' } });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', details: { attemptId: first.body.attempt.id } });
    expect(backend.stripe.calls).toHaveLength(1);
  });

  it('records a provider decline as a failed attempt, not an HTTP error, and keeps the amount refundable', async () => {
    backend.stripe.answer = async () => ({ status: 'failed', providerRefundId: null, failure: { code: 'payment_disputed', message: 'The customer disputed this payment.', detail: { stripeRequestId: 'req_1' } } });
    const response = await http.request('POST', refunds(), { body: { amount: '10.00', reason: 'duplicate', idempotencyKey: key() } });
    expect(response.status).toBe(201);
    expect(response.body.attempt).toMatchObject({ status: 'failed', failure: { code: 'payment_disputed', message: 'The customer disputed this payment.' } });
    expect(response.body.attempt.failure).not.toHaveProperty('detail');
    expect(response.body.transaction).toMatchObject({ refundable: '1200.00', refundStatus: 'not_refunded' });
    expect(await backend.crm.propertiesOf({ objectType: 'deals', objectId: '1001' })).toMatchObject({ last_refund_attempt_status: 'failed', refund_count: '0' });
  });

  it('records a provider that never answers as unknown (202) and holds the amount', async () => {
    backend.stripe.answer = never;
    const response = await http.request('POST', refunds(), { body: { amount: '10.00', reason: 'duplicate', idempotencyKey: key() } });
    expect(response.status).toBe(202);
    expect(response.body.attempt).toMatchObject({ status: 'unknown', failure: { code: 'provider_timeout' } });
    expect(response.body.transaction).toMatchObject({ refundable: '1190.00', refundStatus: 'refund_pending' });
    expect(backend.stripe.calls[0]?.signal.aborted).toBe(true);
  });

  it('keeps a provider-side pending refund pending', async () => {
    backend.stripe.answer = async () => ({ status: 'pending', providerRefundId: 're_pending' });
    const response = await http.request('POST', refunds(), { body: { amount: '10.00', reason: 'duplicate', idempotencyKey: key() } });
    expect(response.status).toBe(201);
    expect(response.body.attempt).toMatchObject({ status: 'pending', providerRefundId: 're_pending', completedAt: null });
  });

  it('records a manual refund without calling any provider', async () => {
    const response = await http.request('POST', refunds('1005'), { body: { reason: 'requested_by_customer', idempotencyKey: key() } });
    expect(response.status).toBe(201);
    expect(response.body.attempt).toMatchObject({ status: 'succeeded', amount: '250.00' });
    expect(backend.stripe.calls).toHaveLength(0);
    const [note] = await backend.crm.notesOf({ objectType: 'deals', objectId: '1005' });
    expect(note?.bodyHtml).toContain('outside any payment system');
  });

  it('handles zero-decimal currencies', async () => {
    const ok = await http.request('POST', refunds('1002', ADMIN), { body: { amount: '5000', reason: 'duplicate', idempotencyKey: key() } });
    expect(ok.body.attempt).toMatchObject({ amount: '5000', currency: 'JPY' });
    const bad = await http.request('POST', refunds('1002', ADMIN), { body: { amount: '10.5', reason: 'duplicate', idempotencyKey: key() } });
    expect(bad).toEqual({ status: 400, body: { error: { code: 'INVALID_REQUEST', message: 'JPY has no decimals: enter a whole amount.', details: { field: 'amount', currency: 'JPY' } } } });
  });

  it("refuses an amount the provider's currency rules cannot take, before recording it", async () => {
    const response = await http.request('POST', refunds('1004', ADMIN), { body: { amount: '1.234', reason: 'duplicate', idempotencyKey: key() } });
    expect(response).toEqual({ status: 400, body: { error: { code: 'INVALID_REQUEST', message: 'KWD amounts must end in 0 here.', details: { field: 'amount', currency: 'KWD' } } } });
    expect(await backend.attemptsOf({ objectType: 'deals', objectId: '1004' })).toEqual([]);
  });

  describe('permissions', () => {
    it('refuses a user the policy does not name, and tells the card why', async () => {
      const read = await http.request('GET', `${deal1001}?userId=${NO_ACCESS}`);
      expect(read.body.viewer).toEqual({
        canRefund: false, canVoid: false, canApprove: false, approvalAbove: null, approvalBy: null, maxRefundAmount: null, dailyRemaining: null, noteRequiredFor: ['other'],
        denyReason: expect.stringMatching(/super admin/),
      });
      const response = await http.request('POST', refunds('1001', NO_ACCESS), { body: { amount: '1', reason: 'duplicate', idempotencyKey: key() } });
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('NOT_PERMITTED');
      expect(backend.stripe.calls).toHaveLength(0);
    });

    it('holds a refund above the per-refund limit for an approver (202), sending nothing', async () => {
      const response = await http.request('POST', refunds(), { body: { amount: '500.01', reason: 'duplicate', idempotencyKey: key() } });
      expect(response.status).toBe(202);
      expect(response.body.attempt).toMatchObject({ status: 'awaiting_approval', approvalReason: 'Above the limit of USD 500.00 per refund.', expiresAt: expect.any(String) });
      expect(response.body.transaction).toMatchObject({ refundable: '699.99', refundStatus: 'refund_awaiting_approval' });
      expect(backend.stripe.calls).toHaveLength(0);
    });

    it('refuses a refund above the limit, with the limit, when the policy names no approvers', async () => {
      await backend.reset({ refunders: { teamIds: ['7'] }, approvers: { superAdmins: false }, limits: { USD: { perRefund: '500.00' } } });
      const response = await http.request('POST', refunds(), { body: { amount: '500.01', reason: 'duplicate', idempotencyKey: key() } });
      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({ code: 'NOT_PERMITTED', details: { maxRefundAmount: '500.00' } });
      expect(response.body.error.message).toMatch(/names no approvers/);
    });

    it('refuses a user unknown to the account', async () => {
      const response = await http.request('POST', refunds('1001', '999'), { body: { amount: '1', reason: 'duplicate', idempotencyKey: key() } });
      expect(response.status).toBe(403);
    });
  });

  describe('errors', () => {
    it('404s a missing record and an object type that is not enabled', async () => {
      expect((await http.request('GET', `/api/transactions/deals/424242?userId=${REP}`)).body.error.code).toBe('TRANSACTION_NOT_FOUND');
      const contacts = await http.request('GET', `/api/transactions/contacts/1001?userId=${REP}`);
      expect(contacts.status).toBe(404);
      expect(contacts.body.error.code).toBe('TRANSACTION_NOT_FOUND');
    });

    it('422s a record without a usable payment', async () => {
      await backend.addDeal('5001', { dealname: 'No payment', amount: '10' });
      const response = await http.request('POST', refunds('5001', ADMIN), { body: { reason: 'duplicate', idempotencyKey: key() } });
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'TRANSACTION_NOT_REFUNDABLE', details: { property: 'provider' } });
    });

    it('422s a payment id the provider cannot have issued', async () => {
      await backend.addDeal('5002', { payment_provider: 'stripe', payment_transaction_id: 'bad_123', amount: '10', deal_currency_code: 'USD' });
      const response = await http.request('POST', refunds('5002', ADMIN), { body: { reason: 'duplicate', idempotencyKey: key() } });
      expect(response.body.error).toMatchObject({ code: 'TRANSACTION_NOT_REFUNDABLE', details: { property: 'transactionId' } });
    });

    it('503s a provider without credentials before recording anything', async () => {
      await backend.addDeal('5003', { payment_provider: 'paypal', payment_transaction_id: '2GG279541U471931P', amount: '10', deal_currency_code: 'USD' });
      const response = await http.request('POST', refunds('5003', ADMIN), { body: { reason: 'duplicate', idempotencyKey: key() } });
      expect(response.status).toBe(503);
      expect(response.body.error).toMatchObject({ code: 'PROVIDER_NOT_CONFIGURED', details: { provider: 'paypal' } });
      expect(await backend.attemptsOf({ objectType: 'deals', objectId: '5003' })).toEqual([]);
    });

    it('404s unknown routes with the error shape', async () => {
      expect(await http.request('GET', '/nope')).toEqual({ status: 404, body: { error: { code: 'NOT_FOUND', message: expect.any(String) } } });
    });

    it('answers /healthz', async () => {
      expect(await http.request('GET', '/healthz')).toEqual({ status: 200, body: { status: 'ok', crmBacklog: 0 } });
    });
  });
});
