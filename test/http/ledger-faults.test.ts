import pg from 'pg';
import { resolveAttempts } from '../../src/application/resolve-attempts';
import { AppError } from '../../src/domain/errors';
import type { Ledger } from '../../src/ports/ledger';
import { never } from '../support/fake-provider';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

const down = () => new AppError('LEDGER_UNAVAILABLE', 'The refund ledger is not answering right now. Try again in a minute.', { retryAfterSeconds: 30 });
let counter = 0;
const key = () => `fault-key-${(counter += 1).toString().padStart(4, '0')}`;

/** The ledger failing under a request (design §3: record first; a timeout is not a failure), over HTTP. */
describe('requests when the ledger fails', () => {
  let backend: TestBackend;
  let http: HttpClient;

  beforeAll(async () => {
    backend = await testBackend({}, { database: { lockTimeoutMs: 300 } });
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  beforeEach(() => backend.reset());
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  const refund = () => http.request('POST', '/api/transactions/deals/1001/refunds?userId=1', { body: { amount: '10.00', reason: 'duplicate', idempotencyKey: key() } });

  it('answers 503 with a retry hint, sending nothing, while a payment\'s lock is held too long', async () => {
    await http.request('GET', '/api/transactions/deals/1001?userId=1');
    const holder = new pg.Client(backend.url);
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT * FROM payments FOR UPDATE');
      const busy = await fetch(`${http.url}/api/transactions/deals/1001/refunds?userId=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ amount: '10.00', reason: 'duplicate', idempotencyKey: key() }),
      });
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('2');
      const body = (await busy.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('LEDGER_UNAVAILABLE');
      expect(body.error.message).toMatch(/busy with other refunds.*nothing was sent/i);
      expect(backend.stripe.calls).toHaveLength(0);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect((await refund()).status).toBe(201);
  });

  it('says nothing was sent when the reservation cannot be committed', async () => {
    const ledger: Ledger = { ...backend.deps.ledger, seePayment: backend.deps.ledger.seePayment.bind(backend.deps.ledger), reserveAttempt: () => Promise.reject(down()) };
    const broken = await startHttp({ ...backend.deps, ledger }, { clientSecret: null, allowUnsigned: true });
    try {
      const answer = await broken.request('POST', '/api/transactions/deals/1001/refunds?userId=1', { body: { amount: '10.00', reason: 'duplicate', idempotencyKey: key() } });
      expect(answer).toMatchObject({ status: 503, body: { error: { code: 'LEDGER_UNAVAILABLE', message: expect.stringMatching(/Nothing was sent to the payment provider\.$/) } } });
      expect(backend.stripe.calls).toHaveLength(0);
    } finally {
      await broken.close();
    }
  });

  it('keeps a sent refund whose outcome could not be recorded in flight, says so, and the resolver settles it', async () => {
    const real = backend.deps.ledger;
    const ledger: Ledger = Object.assign(Object.create(Object.getPrototypeOf(real)) as Ledger, real, { changeAttempt: () => Promise.reject(down()) });
    const broken = await startHttp({ ...backend.deps, ledger }, { clientSecret: null, allowUnsigned: true });
    try {
      const answer = await broken.request('POST', '/api/transactions/deals/1001/refunds?userId=1', { body: { amount: '10.00', reason: 'duplicate', idempotencyKey: key() } });
      expect(answer.status).toBe(202);
      expect(answer.body.attempt).toMatchObject({ status: 'unknown', failure: { code: 'outcome_not_recorded' } });
      expect(backend.stripe.calls).toHaveLength(1);
    } finally {
      await broken.close();
    }
    const [attempt] = await backend.attemptsOf({ objectType: 'deals', objectId: '1001' });
    expect(attempt?.status).toBe('pending');
    backend.stripe.lookupAnswer = async () => ({ status: 'succeeded', providerRefundId: 're_found' });
    const later = { ...backend.deps, clock: { now: () => new Date(Date.now() + 120_000) } };
    expect(await resolveAttempts(later)).toMatchObject({ resolved: 1 });
    expect((await backend.attemptsOf({ objectType: 'deals', objectId: '1001' }))[0]).toMatchObject({ status: 'succeeded', providerRefundId: 're_found' });
  });

  it('never looks up an attempt another instance may still be sending, whatever the caller asks', async () => {
    backend.stripe.answer = never;
    const pending = refund();
    // the attempt is recorded and sent; its provider has not answered
    while (backend.stripe.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await resolveAttempts(backend.deps, { olderThanMs: 0 })).toEqual({ checked: 0, resolved: 0, stillOpen: 0 });
    expect(backend.stripe.lookups).toHaveLength(0);
    await pending;
  });
});
