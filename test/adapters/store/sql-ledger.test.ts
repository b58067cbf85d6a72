import type { Database } from '../../../src/adapters/store/database';
import { migrate } from '../../../src/adapters/store/migrations';
import type { SqlLedger } from '../../../src/adapters/store/sql-ledger';
import { idempotencyKey, paymentId } from '../../../src/domain/ids';
import { changedTo, created, HOLD, PAYMENT_KEY, reserveWith, resetLedger, sighting, testLedger } from '../../support/ledger-fixtures';

const record = { objectType: 'deals', objectId: '1001' };
const declined = { kind: 'outcome', outcome: { status: 'failed', providerRefundId: null, failure: { code: 'card_declined', message: 'Declined' } } } as const;
const succeeded = (id = 're_1') => ({ kind: 'outcome', outcome: { status: 'succeeded', providerRefundId: id } }) as const;
const unknown = { kind: 'outcome', outcome: { status: 'unknown', failure: { code: 'provider_timeout', message: 'No answer' } } } as const;

describe('SqlLedger on PostgreSQL: reservations', () => {
  let ledger: SqlLedger;
  let db: Database;

  beforeAll(async () => {
    ({ ledger, db } = await testLedger());
  });
  beforeEach(() => resetLedger(db));
  afterAll(() => ledger.close());

  it('commits a pending attempt, holding its amount, before anything else happens', async () => {
    const result = created(await reserveWith(ledger, { draft: { amount: 1234n } }));
    expect(result.attempt).toMatchObject({ status: 'pending', amountMinor: 1234n, currency: 'USD', origin: 'app', transaction: record, neededApproval: false });
    expect(result.payment.totals).toEqual({ paidMinor: 5000n, refundedMinor: 0n, voidedMinor: 0n, inFlightMinor: 1234n, heldMinor: 0n });
    expect(result.isFullAmount).toBe(false);
    expect(result.delivery).toBeNull();
  });

  it('refuses more than is refundable and reports what is left', async () => {
    await reserveWith(ledger, { draft: { amount: 4000n } });
    expect(await reserveWith(ledger, { draft: { amount: 1001n } })).toEqual({ kind: 'exceeds_refundable', refundableMinor: 1000n });
  });

  it('resolves "remaining" to everything refundable under the lock', async () => {
    await reserveWith(ledger, { draft: { amount: 1500n } });
    expect(created(await reserveWith(ledger, { draft: { amount: 'remaining' } })).attempt.amountMinor).toBe(3500n);
    expect(await reserveWith(ledger, { draft: { amount: 'remaining' } })).toEqual({ kind: 'nothing_refundable' });
  });

  it('does not count failed attempts against the refundable amount, and keeps them', async () => {
    const first = created(await reserveWith(ledger, { draft: { amount: 5000n } }));
    expect(first.isFullAmount).toBe(true);
    await ledger.changeAttempt(first.attempt.id, declined, new Date());
    expect(created(await reserveWith(ledger, { draft: { amount: 5000n } })).payment.totals.inFlightMinor).toBe(5000n);
    expect((await ledger.listAttempts(first.attempt.paymentId, { limit: 10 })).attempts).toHaveLength(2);
  });

  it('holds the amount of unknown attempts and of requests awaiting approval', async () => {
    const first = created(await reserveWith(ledger, { draft: { amount: 3000n } }));
    await ledger.changeAttempt(first.attempt.id, unknown, new Date());
    const held = created(await reserveWith(ledger, { draft: { amount: 2000n }, judge: HOLD() }));
    expect(held.attempt).toMatchObject({ status: 'awaiting_approval', neededApproval: true, approvalReason: 'Above the limit.' });
    expect(held.payment.totals).toMatchObject({ inFlightMinor: 3000n, heldMinor: 2000n });
    expect(held.delivery).toMatchObject({ attempt: { id: held.attempt.id }, records: [record] });
    expect(await reserveWith(ledger, { draft: { amount: 1n } })).toEqual({ kind: 'exceeds_refundable', refundableMinor: 0n });
  });

  it('replays the same key with the same body and refuses it with another body', async () => {
    const key = idempotencyKey('form-key-1');
    const first = created(await reserveWith(ledger, { draft: { idempotencyKey: key } }));
    const replay = await reserveWith(ledger, { draft: { idempotencyKey: key } });
    expect(replay).toMatchObject({ kind: 'replayed', attempt: first.attempt });
    expect((await reserveWith(ledger, { draft: { idempotencyKey: key, fingerprint: 'fp-2' } })).kind).toBe('key_reused');
  });

  it('lets the same key be used on two different payments', async () => {
    const key = idempotencyKey('shared-key');
    expect((await reserveWith(ledger, { draft: { idempotencyKey: key } })).kind).toBe('created');
    const other = { key: { provider: 'stripe', providerTransactionId: 'pi_other' } as const, record: { objectType: 'deals', objectId: '2002' } };
    expect((await reserveWith(ledger, { sighting: other, draft: { idempotencyKey: key } })).kind).toBe('created');
  });

  it('asks the judge with the state read under the lock, and keeps nothing when it refuses', async () => {
    const seen: bigint[] = [];
    const result = await reserveWith(ledger, {
      draft: { amount: 700n },
      judge: (state) => {
        seen.push(state.amountMinor, state.payment.totals.paidMinor);
        return { kind: 'refuse', error: new Error('no') as never };
      },
    });
    expect(result.kind).toBe('refused');
    expect(seen).toEqual([700n, 5000n]);
    expect((await ledger.findPayment(PAYMENT_KEY))?.totals.inFlightMinor).toBe(0n);
  });

  it('keeps amounts beyond 2^53 exact', async () => {
    const huge = 999_999_999_999_999n;
    const result = created(await reserveWith(ledger, { sighting: { recordAmountMinor: huge }, draft: { amount: huge } }));
    expect(result.attempt.amountMinor).toBe(huge);
    expect(result.payment.totals.inFlightMinor).toBe(huge);
  });

  it('applies migrations once', async () => {
    expect(await migrate(db)).toEqual([]);
  });
});

describe('SqlLedger: the payment is the unit', () => {
  let ledger: SqlLedger;
  let db: Database;

  beforeAll(async () => {
    ({ ledger, db } = await testLedger());
  });
  beforeEach(() => resetLedger(db));
  afterAll(() => ledger.close());

  it('shares one refundable amount between two records that point at the same payment', async () => {
    created(await reserveWith(ledger, { sighting: { record: { objectType: 'deals', objectId: '1' } }, draft: { amount: 5000n } }));
    expect(await reserveWith(ledger, { sighting: { record: { objectType: 'deals', objectId: '2' } }, draft: { amount: 1n } })).toEqual({
      kind: 'exceeds_refundable',
      refundableMinor: 0n,
    });
    const links = await db.query<{ object_id: string }>('SELECT object_id FROM payment_records ORDER BY object_id');
    expect(links.map((link) => link.object_id)).toEqual(['1', '2']);
  });

  it('fixes the amount paid at first sight: a record raised later refunds nothing more', async () => {
    const now = new Date();
    const seen = await ledger.seePayment(sighting({ recordAmountMinor: 5000n }), now);
    const raised = await ledger.seePayment(sighting({ recordAmountMinor: 9000n }), now);
    expect(raised.id).toBe(seen.id);
    expect(raised.totals.paidMinor).toBe(5000n);
    expect(raised.paidSource).toBe('record');
    expect(await reserveWith(ledger, { sighting: { recordAmountMinor: 9000n }, draft: { amount: 5001n } })).toEqual({ kind: 'exceeds_refundable', refundableMinor: 5000n });
  });

  it('reads a known payment through a known record without writing: no row lock, so nothing waits for the disk', async () => {
    await ledger.seePayment(sighting({ recordAmountMinor: 5000n }), new Date());
    const [first] = await db.query<{ xmin: string }>('SELECT xmin::text FROM payment_records');
    await ledger.seePayment(sighting({ recordAmountMinor: 5000n }), new Date());
    // a lock taken by ON CONFLICT DO UPDATE would leave its transaction id in xmax
    expect(await db.query('SELECT xmin::text, xmax::text FROM payment_records')).toEqual([{ xmin: first?.xmin, xmax: '0' }]);
    // a changed record amount is still written
    await ledger.seePayment(sighting({ recordAmountMinor: 6000n }), new Date());
    expect(await db.query('SELECT record_amount_minor FROM payment_records')).toEqual([{ record_amount_minor: 6000n }]);
  });

  it('takes the provider\'s own figure over the record\'s', async () => {
    const seen = await ledger.seePayment(sighting({ recordAmountMinor: 5000n }), new Date());
    const confirmed = await ledger.recordProviderAmount(seen.id, 4200n, new Date());
    expect(confirmed).toMatchObject({ paidSource: 'provider', totals: { paidMinor: 4200n } });
    expect(await reserveWith(ledger, { draft: { amount: 4201n } })).toEqual({ kind: 'exceeds_refundable', refundableMinor: 4200n });
  });

  it('refuses to compare amounts across currencies', async () => {
    await ledger.seePayment(sighting({ currency: 'USD' }), new Date());
    expect(await reserveWith(ledger, { sighting: { currency: 'EUR' } })).toEqual({ kind: 'currency_changed', paymentCurrency: 'USD' });
  });

  it('counts recent declines of the payment for the judge', async () => {
    for (let n = 0; n < 3; n += 1) {
      const attempt = created(await reserveWith(ledger, { draft: { amount: 100n } }));
      await ledger.changeAttempt(attempt.attempt.id, declined, new Date());
    }
    let declines = -1;
    await reserveWith(ledger, {
      judge: (state) => {
        declines = state.recentDeclines;
        return { kind: 'send' };
      },
      options: { declinesSince: new Date(Date.now() - 60_000) },
    });
    expect(declines).toBe(3);
  });

  it('sums a refunder\'s unapproved refunds of the window, without approved, failed or other people\'s', async () => {
    const since = new Date(Date.now() - 60_000);
    const mine = created(await reserveWith(ledger, { draft: { amount: 100n } }));
    await ledger.changeAttempt(mine.attempt.id, succeeded(), new Date());
    created(await reserveWith(ledger, { draft: { amount: 200n } }));
    const failed = created(await reserveWith(ledger, { draft: { amount: 400n } }));
    await ledger.changeAttempt(failed.attempt.id, declined, new Date());
    created(await reserveWith(ledger, { draft: { amount: 800n }, judge: HOLD() }));
    created(await reserveWith(ledger, { draft: { amount: 1600n, requestedBy: { userId: '8' as never } } }));
    expect(await ledger.usedSince('7' as never, 'USD', since)).toBe(300n);
    let used = -1n;
    await reserveWith(ledger, { draft: { amount: 1n }, options: { daily: { userId: '7' as never, since } }, judge: (state) => ((used = state.usedTodayMinor), { kind: 'send' }) });
    expect(used).toBe(300n);
  });

  it('pages a payment\'s attempts newest first', async () => {
    const ids = [];
    for (let n = 0; n < 5; n += 1) ids.push(created(await reserveWith(ledger, { draft: { amount: 10n } })).attempt.id);
    const payment = paymentId((await ledger.findPayment(PAYMENT_KEY))!.id);
    const first = await ledger.listAttempts(payment, { limit: 3 });
    const second = await ledger.listAttempts(payment, { limit: 3, cursor: first.nextCursor });
    expect([...first.attempts, ...second.attempts].map((attempt) => attempt.id)).toEqual([...ids].reverse());
    expect(second.nextCursor).toBeNull();
    await expect(ledger.listAttempts(payment, { limit: 3, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });
});

describe('SqlLedger: changes through the transition table', () => {
  let ledger: SqlLedger;
  let db: Database;

  beforeAll(async () => {
    ({ ledger, db } = await testLedger());
  });
  beforeEach(() => resetLedger(db));
  afterAll(() => ledger.close());

  it('moves an attempt along, keeps the totals, logs each event, and lets a success fail late', async () => {
    const reserved = created(await reserveWith(ledger, { draft: { amount: 1000n } }));
    const id = reserved.attempt.id;
    const timedOut = changedTo(await ledger.changeAttempt(id, unknown, new Date()));
    expect(timedOut.attempt.completedAt).toBeNull();
    expect(timedOut.payment.lastAttemptStatus).toBe('unknown');
    const done = changedTo(await ledger.changeAttempt(id, succeeded('re_123'), new Date()));
    expect(done.attempt).toMatchObject({ status: 'succeeded', providerRefundId: 're_123', failure: null });
    expect(done.payment).toMatchObject({ refundCount: 1, lastRefundReason: 'requested_by_customer', totals: { refundedMinor: 1000n, inFlightMinor: 0n } });
    const late = changedTo(await ledger.changeAttempt(id, { kind: 'outcome', outcome: { status: 'failed', providerRefundId: 're_123', failure: { code: 'refund_failed_late', message: 'The bank returned it.' } } }, new Date()));
    expect(late.payment).toMatchObject({ refundCount: 0, lastRefundAt: null, lastRefundReason: null, totals: { refundedMinor: 0n } });
    expect((await ledger.changeAttempt(id, succeeded('re_9'), new Date())).kind).toBe('not_allowed');
    const events = await db.query<{ from_status: string | null; to_status: string }>('SELECT from_status, to_status FROM attempt_events ORDER BY id');
    expect(events).toEqual([
      { from_status: null, to_status: 'pending' },
      { from_status: 'pending', to_status: 'unknown' },
      { from_status: 'unknown', to_status: 'succeeded' },
      { from_status: 'succeeded', to_status: 'failed' },
    ]);
  });

  it('counts a succeeded void as voided, not as money refunded', async () => {
    const voided = created(await reserveWith(ledger, { draft: { kind: 'void', amount: 5000n } }));
    const done = changedTo(await ledger.changeAttempt(voided.attempt.id, succeeded('void_1'), new Date()));
    expect(done.payment.totals).toMatchObject({ refundedMinor: 0n, voidedMinor: 5000n });
    expect(done.payment.refundCount).toBe(0);
    expect(await reserveWith(ledger, { draft: { amount: 'remaining' } })).toEqual({ kind: 'nothing_refundable' });
  });

  it('approves a held request into pending, with who and when, and only once', async () => {
    const held = created(await reserveWith(ledger, { draft: { amount: 2000n }, judge: HOLD() }));
    const decision = { decidedBy: { userId: '1' as never, name: 'Ada Admin' }, decidedAt: new Date(), note: 'fine' };
    const approved = changedTo(await ledger.changeAttempt(held.attempt.id, { kind: 'approve', decision }, new Date()));
    expect(approved.attempt).toMatchObject({ status: 'pending', approval: { decidedBy: { userId: '1', name: 'Ada Admin' }, note: 'fine' } });
    expect(approved.payment.totals).toMatchObject({ heldMinor: 0n, inFlightMinor: 2000n });
    expect(approved.payment.nextExpiryAt).toBeNull();
    expect((await ledger.changeAttempt(held.attempt.id, { kind: 'approve', decision }, new Date())).kind).toBe('not_allowed');
  });

  it('refuses to approve a request the payment no longer has room for', async () => {
    const held = created(await reserveWith(ledger, { draft: { amount: 4000n }, judge: HOLD() }));
    await ledger.recordProviderAmount(held.payment.id, 3000n, new Date());
    const result = await ledger.changeAttempt(held.attempt.id, { kind: 'approve', decision: { decidedBy: { userId: '1' as never }, decidedAt: new Date(), note: null } }, new Date());
    expect(result).toMatchObject({ kind: 'no_longer_fits', refundableMinor: 3000n });
  });

  it('lets exactly one of an approval and a cancel win when they race', async () => {
    for (let round = 0; round < 5; round += 1) {
      await resetLedger(db);
      const held = created(await reserveWith(ledger, { draft: { amount: 1000n }, judge: HOLD() }));
      const decision = { decidedBy: { userId: '1' as never }, decidedAt: new Date(), note: null };
      const results = await Promise.all([
        ledger.changeAttempt(held.attempt.id, { kind: 'approve', decision }, new Date()),
        ledger.changeAttempt(held.attempt.id, { kind: 'cancel', decision: { ...decision, decidedBy: { userId: '7' as never } } }, new Date()),
        ledger.changeAttempt(held.attempt.id, { kind: 'expire' }, new Date()),
      ]);
      expect(results.filter((result) => result.kind === 'changed')).toHaveLength(1);
      const payment = await ledger.findPayment(PAYMENT_KEY);
      expect(payment!.totals.heldMinor).toBe(0n);
      expect(payment!.totals.inFlightMinor === 1000n).toBe(results[0]!.kind === 'changed');
    }
  });

  it('expires requests nobody decided in time, and their amount is refundable again', async () => {
    const soon = new Date(Date.now() + 60_000);
    const held = created(await reserveWith(ledger, { draft: { amount: 5000n }, judge: HOLD(soon) }));
    expect(held.payment.nextExpiryAt).toEqual(soon);
    expect(await ledger.expireDue(new Date(), 10)).toBe(0);
    expect(await ledger.expireDue(new Date(soon.getTime() + 1), 10)).toBe(1);
    const [attempt] = (await ledger.listAttempts(held.payment.id, { limit: 1 })).attempts;
    expect(attempt?.status).toBe('expired');
    expect(created(await reserveWith(ledger, { draft: { amount: 5000n } })).payment.totals.heldMinor).toBe(0n);
  });

  it('expires due requests when the payment is seen', async () => {
    const past = new Date(Date.now() - 1000);
    created(await reserveWith(ledger, { draft: { amount: 5000n }, judge: HOLD(past) }));
    const seen = await ledger.seePayment(sighting(), new Date());
    expect(seen.totals.heldMinor).toBe(0n);
    expect(seen.lastAttemptStatus).toBe('expired');
  });

  it('lists requests awaiting approval oldest first, without the viewer\'s own', async () => {
    const a = created(await reserveWith(ledger, { draft: { amount: 100n }, judge: HOLD() }));
    const b = created(await reserveWith(ledger, { draft: { amount: 100n, requestedBy: { userId: '8' as never } }, judge: HOLD() }));
    const all = await ledger.listAwaitingApproval({ limit: 10 });
    expect(all.items.map((item) => item.attempt.id)).toEqual([a.attempt.id, b.attempt.id]);
    const others = await ledger.listAwaitingApproval({ limit: 10, excludeRequester: '7' as never });
    expect(others.items.map((item) => item.attempt.id)).toEqual([b.attempt.id]);
    const first = await ledger.listAwaitingApproval({ limit: 1 });
    expect((await ledger.listAwaitingApproval({ limit: 1, cursor: first.nextCursor })).items.map((item) => item.attempt.id)).toEqual([b.attempt.id]);
  });

  it('lists unknown and pending attempts older than a moment, oldest first, optionally of one payment', async () => {
    const a = created(await reserveWith(ledger, { draft: { amount: 100n } }));
    const b = created(await reserveWith(ledger, { draft: { amount: 100n } }));
    await ledger.changeAttempt(a.attempt.id, unknown, new Date());
    await ledger.changeAttempt(b.attempt.id, succeeded(), new Date());
    const later = new Date(Date.now() + 60_000);
    expect((await ledger.listUnresolved(later, 10)).map((attempt) => attempt.id)).toEqual([a.attempt.id]);
    expect(await ledger.listUnresolved(later, 10, paymentId('00000000-0000-0000-0000-000000000000'))).toEqual([]);
    expect(await ledger.listUnresolved(new Date(Date.now() - 60_000), 10)).toEqual([]);
  });
});
