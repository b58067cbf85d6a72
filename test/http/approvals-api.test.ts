import { AppError } from '../../src/domain/errors';
import type { Ledger } from '../../src/ports/ledger';
import { httpTestBackend, startHttp } from '../support/test-backend';

const ADMIN = '1';
const REP = '2';
const NO_ACCESS = '3';
const MANAGER = '4';
const refunds = (id = '1001', user = REP) => `/api/transactions/deals/${id}/refunds?userId=${user}`;
let counter = 0;
const key = () => `approval-key-${(counter += 1).toString().padStart(4, '0')}`;

/** Team 7 refunds up to 500 USD at once and 800 a day; super admins and team 9 (Mona) approve above. */
const POLICY = {
  refunders: { superAdmins: true, teamIds: ['7'] },
  approvers: { superAdmins: true, teamIds: ['9'] },
  limits: { USD: { perRefund: '500.00', perDay: '800.00' } },
  otherCurrencies: 'needs_approval',
  approvalExpiresAfterHours: 24,
};

describe('approvals over HTTP (design §5, §7)', () => {
  const setup = httpTestBackend({ clientSecret: null, allowUnsigned: true }, { policy: POLICY });

  async function request(amount: string, user = REP, id = '1001') {
    const response = await setup.http.request('POST', refunds(id, user), { body: { amount, reason: 'requested_by_customer', note: 'Goodwill', idempotencyKey: key() } });
    expect(response.status).toBe(202);
    return response.body.attempt as { id: string; status: string; expiresAt: string };
  }

  it('tells the rep before submitting where approval starts, who gives it and what is left today', async () => {
    const read = await setup.http.request('GET', `/api/transactions/deals/1001?userId=${REP}`);
    expect(read.body.viewer).toMatchObject({ canRefund: true, canApprove: false, approvalAbove: '500.00', dailyRemaining: '800.00', approvalBy: 'a super admin or a member of team 9' });
    await setup.http.request('POST', refunds(), { body: { amount: '450', reason: 'duplicate', idempotencyKey: key() } });
    const after = await setup.http.request('GET', `/api/transactions/deals/1001?userId=${REP}`);
    expect(after.body.viewer).toMatchObject({ approvalAbove: '350.00', dailyRemaining: '350.00' });
    expect((await setup.http.request('GET', `/api/transactions/deals/1001?userId=${MANAGER}`)).body.viewer).toMatchObject({ canRefund: false, canApprove: true });
  });

  it('keeps an approved refund that was sent but whose outcome the ledger could not take in flight, and says so', async () => {
    const held = await request('600.00');
    const real = setup.backend.deps.ledger;
    const down = new AppError('LEDGER_UNAVAILABLE', 'The refund ledger is not answering right now. Try again in a minute.', { retryAfterSeconds: 30 });
    const ledger: Ledger = Object.assign(Object.create(Object.getPrototypeOf(real)) as Ledger, real, {
      changeAttempt: (...args: Parameters<Ledger['changeAttempt']>) => (args[1].kind === 'outcome' ? Promise.reject(down) : real.changeAttempt(...args)),
    });
    const broken = await startHttp({ ...setup.backend.deps, ledger }, { clientSecret: null, allowUnsigned: true });
    try {
      const approved = await broken.request('POST', `/api/attempts/${held.id}/approve?userId=${MANAGER}`, { body: {} });
      expect(approved.status).toBe(202);
      expect(approved.body.attempt).toMatchObject({ id: held.id, status: 'unknown', failure: { code: 'outcome_not_recorded' } });
    } finally {
      await broken.close();
    }
    expect(setup.backend.stripe.calls).toHaveLength(1);
    expect((await setup.backend.attemptsOf({ objectType: 'deals', objectId: '1001' }))[0]).toMatchObject({ id: held.id, status: 'pending' });
  });

  it('holds an over-limit refund, lists it for approvers only, and approving runs it with the requester\'s key', async () => {
    const held = await request('600.00');
    expect(held.status).toBe('awaiting_approval');
    expect(setup.backend.stripe.calls).toHaveLength(0);
    const properties = await setup.backend.crm.propertiesOf({ objectType: 'deals', objectId: '1001' });
    expect(properties).toMatchObject({ refund_status: 'refund_awaiting_approval', last_refund_attempt_status: 'awaiting_approval' });

    expect((await setup.http.request('GET', `/api/approvals?userId=${REP}`)).body).toEqual({ results: [], nextCursor: null });
    const queue = await setup.http.request('GET', `/api/approvals?userId=${MANAGER}`);
    expect(queue.body.results).toHaveLength(1);
    expect(queue.body.results[0]).toMatchObject({
      attempt: { id: held.id, amount: '600.00', status: 'awaiting_approval', requestedBy: { userId: REP, name: 'Rita Rep' }, note: 'Goodwill', approvalReason: 'Above the limit of USD 500.00 per refund.' },
      transaction: { objectType: 'deals', objectId: '1001', refundable: '600.00' },
    });

    const approved = await setup.http.request('POST', `/api/attempts/${held.id}/approve?userId=${MANAGER}`, { body: { note: 'OK for goodwill' } });
    expect(approved.status).toBe(201);
    expect(approved.body.attempt).toMatchObject({ id: held.id, status: 'succeeded', approval: { decidedBy: { userId: MANAGER, name: 'Mona Manager' }, note: 'OK for goodwill' } });
    expect(approved.body.transaction).toMatchObject({ refunded: '600.00', refundable: '600.00', refundStatus: 'partially_refunded' });
    expect(setup.backend.stripe.calls).toHaveLength(1);
    expect(setup.backend.stripe.calls[0]).toMatchObject({ attemptId: held.id, amount: { minor: 60000n }, reason: 'requested_by_customer' });
    const [note] = await setup.backend.crm.notesOf({ objectType: 'deals', objectId: '1001' });
    expect(note?.bodyHtml).toContain('Approved by:</strong> Mona Manager (mona.manager@example.com)');
    expect(note?.bodyHtml).toContain('Refund succeeded');
    const again = await setup.http.request('POST', `/api/attempts/${held.id}/approve?userId=${ADMIN}`, { body: {} });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'ATTEMPT_NOT_AWAITING_APPROVAL', details: { status: 'succeeded' } } } });
    expect(setup.backend.stripe.calls).toHaveLength(1);
  });

  it('does not let anyone approve their own request, nor a non-approver approve', async () => {
    await setup.backend.reset({ ...POLICY, limitSuperAdmins: true });
    const own = await request('600.00', ADMIN);
    expect((await setup.http.request('POST', `/api/attempts/${own.id}/approve?userId=${ADMIN}`, { body: {} })).body.error).toMatchObject({ code: 'NOT_PERMITTED', message: expect.stringMatching(/own request/) });
    const held = await request('600.00');
    const byRep = await setup.http.request('POST', `/api/attempts/${held.id}/approve?userId=${NO_ACCESS}`, { body: {} });
    expect(byRep).toMatchObject({ status: 403, body: { error: { code: 'NOT_PERMITTED' } } });
    expect(setup.backend.stripe.calls).toHaveLength(0);
  });

  it('rejects with a required note, and the amount is refundable again', async () => {
    const held = await request('600.00');
    const noNote = await setup.http.request('POST', `/api/attempts/${held.id}/reject?userId=${MANAGER}`, { body: {} });
    expect(noNote).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST', details: { field: 'note' } } } });
    const blank = await setup.http.request('POST', `/api/attempts/${held.id}/reject?userId=${MANAGER}`, { body: { note: '   ' } });
    expect(blank.body.error.details.field).toBe('note');
    const rejected = await setup.http.request('POST', `/api/attempts/${held.id}/reject?userId=${MANAGER}`, { body: { note: 'Refunded by cheque already' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body.attempt).toMatchObject({ status: 'rejected', approval: { decidedBy: { userId: MANAGER }, note: 'Refunded by cheque already' } });
    expect(rejected.body.transaction).toMatchObject({ refundable: '1200.00', refundStatus: 'not_refunded' });
    expect(await setup.backend.crm.propertiesOf({ objectType: 'deals', objectId: '1001' })).toMatchObject({ last_refund_attempt_status: 'rejected' });
  });

  it('lets only the requester cancel, with no body needed', async () => {
    const held = await request('600.00');
    expect((await setup.http.request('POST', `/api/attempts/${held.id}/cancel?userId=${MANAGER}`)).body.error).toMatchObject({ code: 'NOT_PERMITTED' });
    const canceled = await setup.http.request('POST', `/api/attempts/${held.id}/cancel?userId=${REP}`);
    expect(canceled).toMatchObject({ status: 200, body: { attempt: { status: 'canceled', approval: { decidedBy: { userId: REP } } } } });
    expect((await setup.http.request('POST', `/api/attempts/${held.id}/approve?userId=${MANAGER}`, { body: {} })).body.error).toMatchObject({
      code: 'ATTEMPT_NOT_AWAITING_APPROVAL',
      message: expect.stringMatching(/requester canceled it/),
    });
  });

  it('expires unanswered requests, on read and on approval', async () => {
    const held = await request('600.00');
    setup.backend.clock.set(new Date(Date.parse(held.expiresAt) + 1000));
    const late = await setup.http.request('POST', `/api/attempts/${held.id}/approve?userId=${MANAGER}`, { body: {} });
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'ATTEMPT_NOT_AWAITING_APPROVAL', details: { status: 'expired' } } } });
    const read = await setup.http.request('GET', `/api/transactions/deals/1001?userId=${REP}`);
    expect(read.body.attempts[0]).toMatchObject({ id: held.id, status: 'expired' });
    expect(read.body.transaction.refundable).toBe('1200.00');
    expect(setup.backend.stripe.calls).toHaveLength(0);
  });

  it('counts only unapproved refunds toward the daily limit, and holds the one that would pass it', async () => {
    await setup.http.request('POST', refunds(), { body: { amount: '500', reason: 'duplicate', idempotencyKey: key() } });
    const overDay = await setup.http.request('POST', refunds(), { body: { amount: '300.01', reason: 'duplicate', idempotencyKey: key() } });
    expect(overDay.status).toBe(202);
    expect(overDay.body.attempt.approvalReason).toBe('Above the daily limit of USD 800.00 (USD 500.00 already refunded in the last 24 hours).');
  });

  it('404s an unknown attempt and 400s a malformed id', async () => {
    expect((await setup.http.request('POST', `/api/attempts/7f000000-0000-4000-8000-000000000000/approve?userId=${MANAGER}`, { body: {} })).body.error.code).toBe('ATTEMPT_NOT_FOUND');
    expect((await setup.http.request('POST', `/api/attempts/not-a-uuid/approve?userId=${MANAGER}`, { body: {} })).status).toBe(400);
  });

  it('refuses an approval the payment no longer has room for', async () => {
    const held = await request('1000.00', REP, '1001');
    await setup.backend.db.query("UPDATE payments SET paid_minor = 90000, paid_source = 'provider'");
    const approved = await setup.http.request('POST', `/api/attempts/${held.id}/approve?userId=${MANAGER}`, { body: {} });
    expect(approved).toMatchObject({ status: 422, body: { error: { code: 'AMOUNT_EXCEEDS_REFUNDABLE', details: { refundable: '900.00' } } } });
    expect(setup.backend.stripe.calls).toHaveLength(0);
  });
});
