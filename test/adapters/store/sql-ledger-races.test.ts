import type { Database } from '../../../src/adapters/store/database';
import type { SqlLedger } from '../../../src/adapters/store/sql-ledger';
import { hubSpotUserId, idempotencyKey } from '../../../src/domain/ids';
import type { Verdict } from '../../../src/ports/ledger';
import { PAYMENT_KEY, reserveWith, resetLedger, testLedger } from '../../support/ledger-fixtures';

/** Many requests at once, as several instances or a double-clicking rep would send them, on real PostgreSQL. */
describe('SqlLedger under concurrent reservations', () => {
  let ledger: SqlLedger;
  let db: Database;

  beforeAll(async () => {
    // Enough connections for every request to be in flight at once: the locks, not the pool, make them queue.
    ({ ledger, db } = await testLedger());
  });
  beforeEach(() => resetLedger(db));
  afterAll(() => ledger.close());

  it('never lets 20 concurrent partial refunds exceed the payment', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => reserveWith(ledger, { draft: { amount: 700n } })));
    expect(results.filter((result) => result.kind === 'created')).toHaveLength(7);
    expect((await ledger.findPayment(PAYMENT_KEY))?.totals.inFlightMinor).toBe(4900n);
  });

  it('creates exactly one attempt when one key arrives 10 times at once', async () => {
    const key = idempotencyKey('double-click');
    const results = await Promise.all(Array.from({ length: 10 }, () => reserveWith(ledger, { draft: { idempotencyKey: key } })));
    expect(results.filter((result) => result.kind === 'created')).toHaveLength(1);
    expect(results.filter((result) => result.kind === 'replayed')).toHaveLength(9);
  });

  it('never lets one refunder pass a daily limit with 20 concurrent refunds on five payments', async () => {
    const limit = 2500n;
    const since = new Date(Date.now() - 86_400_000);
    const judge = (state: { usedTodayMinor: bigint; amountMinor: bigint }): Verdict =>
      state.usedTodayMinor + state.amountMinor <= limit ? { kind: 'send' } : { kind: 'hold', expiresAt: new Date(Date.now() + 3_600_000), request: { limit: 'per_day', message: 'daily' } };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        reserveWith(ledger, {
          sighting: { key: { provider: 'stripe', providerTransactionId: `pi_daily_${n % 5}` }, record: { objectType: 'deals', objectId: String(100 + (n % 5)) } },
          draft: { amount: 300n },
          options: { daily: { userId: hubSpotUserId('7'), since } },
          judge,
        }),
      ),
    );
    const sent = results.filter((result) => result.kind === 'created' && result.attempt.status === 'pending');
    const held = results.filter((result) => result.kind === 'created' && result.attempt.status === 'awaiting_approval');
    expect(sent).toHaveLength(8);
    expect(held).toHaveLength(12);
    expect(await ledger.usedSince(hubSpotUserId('7'), 'USD', since)).toBe(2400n);
  });

  it('shares one payment between a record\'s aliases and a second record under concurrent refunds', async () => {
    const records = [
      { objectType: 'deals', objectId: '1' },
      { objectType: 'deals', objectId: '2' },
      { objectType: 'commerce_payments', objectId: '3' },
    ];
    const results = await Promise.all(Array.from({ length: 12 }, (_, n) => reserveWith(ledger, { sighting: { record: records[n % 3]! }, draft: { amount: 1000n } })));
    expect(results.filter((result) => result.kind === 'created')).toHaveLength(5);
    expect((await ledger.findPayment(PAYMENT_KEY))?.totals.inFlightMinor).toBe(5000n);
  });
});
