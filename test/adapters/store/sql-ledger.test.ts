import type { Database } from '../../../src/adapters/store/database';
import { migrate } from '../../../src/adapters/store/migrations';
import type { SqlLedger } from '../../../src/adapters/store/sql-ledger';
import { idempotencyKey } from '../../../src/domain/ids';
import { attemptRequest, testLedger, resetLedger } from '../../support/ledger-fixtures';

describe('SqlLedger on PostgreSQL', () => {
  let ledger: SqlLedger;
  let db: Database;

  beforeAll(async () => {
    ({ ledger, db } = await testLedger());
  });
  beforeEach(() => resetLedger(db));
  afterAll(() => ledger.close());

  it('commits a pending attempt before anything else happens', async () => {
    const result = await ledger.reserveAttempt(attemptRequest({ amount: 1234n }));
    expect(result.kind).toBe('created');
    const [stored] = await ledger.listAttempts({ objectType: 'deals', objectId: '1001' });
    expect(stored).toMatchObject({ status: 'pending', amountMinor: 1234n, currency: 'USD', reason: 'requested_by_customer' });
  });

  it('refuses more than is refundable and reports what is left', async () => {
    await ledger.reserveAttempt(attemptRequest({ amount: 4000n }));
    const result = await ledger.reserveAttempt(attemptRequest({ amount: 1001n }));
    expect(result).toEqual({ kind: 'exceeds_refundable', refundableMinor: 1000n });
  });

  it('resolves "remaining" to everything refundable under the lock', async () => {
    await ledger.reserveAttempt(attemptRequest({ amount: 1500n }));
    const result = await ledger.reserveAttempt(attemptRequest({ amount: 'remaining' }));
    expect(result.kind === 'created' && result.attempt.amountMinor).toBe(3500n);
    expect(await ledger.reserveAttempt(attemptRequest({ amount: 'remaining' }))).toEqual({ kind: 'nothing_refundable' });
  });

  it('does not count failed attempts against the refundable amount, and keeps them', async () => {
    const first = await ledger.reserveAttempt(attemptRequest({ amount: 5000n }));
    if (first.kind !== 'created') throw new Error('expected created');
    await ledger.completeAttempt(first.attempt.id, { status: 'failed', providerRefundId: null, failure: { code: 'card_declined', message: 'Declined' } }, new Date());
    const second = await ledger.reserveAttempt(attemptRequest({ amount: 5000n }));
    expect(second.kind).toBe('created');
    expect(await ledger.listAttempts({ objectType: 'deals', objectId: '1001' })).toHaveLength(2);
  });

  it('counts unknown attempts as holding their amount', async () => {
    const first = await ledger.reserveAttempt(attemptRequest({ amount: 5000n }));
    if (first.kind !== 'created') throw new Error('expected created');
    await ledger.completeAttempt(first.attempt.id, { status: 'unknown', failure: { code: 'timeout', message: 'No answer' } }, new Date());
    expect(await ledger.reserveAttempt(attemptRequest({ amount: 1n }))).toEqual({ kind: 'exceeds_refundable', refundableMinor: 0n });
  });

  it('enforces the per-refund cap', async () => {
    expect(await ledger.reserveAttempt(attemptRequest({ amount: 2000n, maxMinor: 1999n }))).toEqual({ kind: 'exceeds_limit', maxMinor: 1999n });
  });

  it('replays the same key with the same body and refuses it with another body', async () => {
    const key = idempotencyKey('form-key-1');
    const created = await ledger.reserveAttempt(attemptRequest({ idempotencyKey: key }));
    const replay = await ledger.reserveAttempt(attemptRequest({ idempotencyKey: key }));
    const reused = await ledger.reserveAttempt(attemptRequest({ idempotencyKey: key, fingerprint: 'fp-2' }));
    if (created.kind !== 'created') throw new Error('expected created');
    expect(replay).toEqual({ kind: 'replayed', attempt: created.attempt });
    expect(reused.kind).toBe('key_reused');
  });

  it('lets the same key be used on two different transactions', async () => {
    const key = idempotencyKey('shared');
    expect((await ledger.reserveAttempt(attemptRequest({ idempotencyKey: key }))).kind).toBe('created');
    const other = attemptRequest({ idempotencyKey: key, transaction: { objectType: 'deals', objectId: '2002' } });
    expect((await ledger.reserveAttempt(other)).kind).toBe('created');
  });

  it('never lets 20 concurrent partial refunds exceed the payment', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => ledger.reserveAttempt(attemptRequest({ amount: 700n }))));
    const created = results.filter((result) => result.kind === 'created');
    expect(created).toHaveLength(7);
    const attempts = await ledger.listAttempts({ objectType: 'deals', objectId: '1001' });
    expect(attempts.reduce((sum, attempt) => sum + attempt.amountMinor, 0n)).toBe(4900n);
  });

  it('creates exactly one attempt when one key arrives 10 times at once', async () => {
    const key = idempotencyKey('double-click');
    const results = await Promise.all(Array.from({ length: 10 }, () => ledger.reserveAttempt(attemptRequest({ idempotencyKey: key }))));
    expect(results.filter((result) => result.kind === 'created')).toHaveLength(1);
    expect(results.filter((result) => result.kind === 'replayed')).toHaveLength(9);
  });

  it('follows the transition table and refuses to leave a final state', async () => {
    const reserved = await ledger.reserveAttempt(attemptRequest());
    if (reserved.kind !== 'created') throw new Error('expected created');
    const id = reserved.attempt.id;
    const unknown = await ledger.completeAttempt(id, { status: 'unknown', failure: { code: 'timeout', message: 'No answer' } }, new Date());
    expect(unknown.completedAt).toBeNull();
    const done = await ledger.completeAttempt(id, { status: 'succeeded', providerRefundId: 're_123' }, new Date());
    expect(done).toMatchObject({ status: 'succeeded', providerRefundId: 're_123', failure: null });
    expect(done.completedAt).toBeInstanceOf(Date);
    await expect(ledger.completeAttempt(id, { status: 'failed', providerRefundId: null, failure: { code: 'x', message: 'x' } }, new Date())).rejects.toThrow(
      /cannot go from succeeded to failed/,
    );
    const events = await db.query<{ from_status: string | null; to_status: string }>('SELECT from_status, to_status FROM attempt_events ORDER BY id');
    expect(events).toEqual([
      { from_status: null, to_status: 'pending' },
      { from_status: 'pending', to_status: 'unknown' },
      { from_status: 'unknown', to_status: 'succeeded' },
    ]);
  });

  it('queues one CRM projection per transition and leases claimed jobs', async () => {
    const reserved = await ledger.reserveAttempt(attemptRequest());
    if (reserved.kind !== 'created') throw new Error('expected created');
    const now = new Date('2026-11-23T10:00:00Z');
    await ledger.completeAttempt(reserved.attempt.id, { status: 'succeeded', providerRefundId: 're_1' }, now);
    const [job] = await ledger.claimOutbox(now, 10, 30_000);
    expect(job).toMatchObject({ attemptId: reserved.attempt.id, tries: 1, transaction: { objectType: 'deals', objectId: '1001' } });
    expect(await ledger.claimOutbox(now, 10, 30_000)).toEqual([]);
    await ledger.retryOutbox(job!.id, now, 'HubSpot 503');
    expect(await ledger.claimOutbox(now, 10, 30_000)).toHaveLength(1);
    await ledger.completeOutbox(job!.id);
    expect(await ledger.outboxBacklog()).toBe(0);
  });

  it('keeps amounts beyond 2^53 exact', async () => {
    const huge = 999_999_999_999_999n;
    const result = await ledger.reserveAttempt(attemptRequest({ amount: huge, paidMinor: huge }));
    expect(result.kind === 'created' && result.attempt.amountMinor).toBe(huge);
  });

  it('applies migrations once', async () => {
    expect(await migrate(db)).toEqual([]);
  });
});

describe('SqlLedger.listUnresolved', () => {
  it('lists unknown and pending attempts older than a moment, oldest first, optionally of one transaction', async () => {
    const { ledger } = await testLedger({ now: () => new Date('2026-11-23T10:00:00Z') });
    const a = await ledger.reserveAttempt(attemptRequest({ amount: 100n }));
    const b = await ledger.reserveAttempt(attemptRequest({ amount: 100n }));
    const c = await ledger.reserveAttempt(attemptRequest({ amount: 100n, transaction: { objectType: 'deals', objectId: '2' } }));
    if (a.kind !== 'created' || b.kind !== 'created' || c.kind !== 'created') throw new Error('expected created');
    await ledger.completeAttempt(a.attempt.id, { status: 'unknown', failure: { code: 'provider_timeout', message: 'x' } }, new Date());
    await ledger.completeAttempt(b.attempt.id, { status: 'succeeded', providerRefundId: 're_1' }, new Date());
    const later = new Date('2026-11-23T10:05:00Z');
    expect((await ledger.listUnresolved(later, 10)).map((attempt) => attempt.id).sort()).toEqual([a.attempt.id, c.attempt.id].sort());
    expect((await ledger.listUnresolved(later, 10, { objectType: 'deals', objectId: '2' })).map((attempt) => attempt.id)).toEqual([c.attempt.id]);
    expect(await ledger.listUnresolved(new Date('2026-11-23T09:00:00Z'), 10)).toEqual([]);
    await ledger.close();
  });
});
