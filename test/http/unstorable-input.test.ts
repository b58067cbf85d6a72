import { httpTestBackend, startHttp, testBackend } from '../support/test-backend';

const PATH = '/api/transactions/deals/1001/refunds?userId=1';

/** Input the database cannot hold is the caller's mistake: 400 naming the field, never a 500 (issue 11, item 6). */
describe('text PostgreSQL cannot store', () => {
  const setup = httpTestBackend({ clientSecret: null, allowUnsigned: true });

  it.each([
    ['a NUL character in the note', '{"amount":"1.00","reason":"other","note":"refund\\u0000 approved","idempotencyKey":"nul-note-0001"}', 'note'],
    ['a lone high surrogate in the note', '{"amount":"1.00","reason":"other","note":"broken \\ud800 text","idempotencyKey":"surrogate-0001"}', 'note'],
    ['a lone low surrogate in the note', '{"amount":"1.00","reason":"other","note":"\\udc00","idempotencyKey":"surrogate-0002"}', 'note'],
    ['a NUL character in the amount', '{"amount":"1.00\\u0000","reason":"duplicate","idempotencyKey":"nul-amount-01"}', 'amount'],
  ])('answers %s with 400 INVALID_REQUEST and details.field', async (_label, raw, field) => {
    const response = await setup.http.request('POST', PATH, { rawBody: raw });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'INVALID_REQUEST', details: { field } });
    expect(setup.backend.stripe.calls).toEqual([]);
    expect(await setup.backend.attemptsOf({ objectType: 'deals', objectId: '1001' })).toEqual([]);
  });

  it('stores a note with characters outside the Basic Multilingual Plane (a valid surrogate pair)', async () => {
    const raw = '{"amount":"1.00","reason":"other","note":"customer sent \\ud83d\\udcb8 twice","idempotencyKey":"emoji-note-01"}';
    const response = await setup.http.request('POST', PATH, { rawBody: raw });
    expect(response.status).toBe(201);
    expect(response.body.attempt.note).toBe('customer sent 💸 twice');
  });
});

describe('text the database refuses anyway', () => {
  it('is 400, not 500, when the ledger reports an invalid byte sequence (SQLSTATE 22021)', async () => {
    const base = await testBackend();
    const ledger = Object.create(base.deps.ledger) as typeof base.deps.ledger;
    ledger.reserveAttempt = () => Promise.reject(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }));
    const http = await startHttp({ ...base.deps, ledger }, { clientSecret: null, allowUnsigned: true });
    try {
      const response = await http.request('POST', PATH, { body: { amount: '1.00', reason: 'duplicate', idempotencyKey: 'db-refused-01' } });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('INVALID_REQUEST');
      expect(JSON.stringify(response.body)).not.toMatch(/byte sequence|UTF8/);
    } finally {
      await http.close();
      await base.close();
    }
  });
});
