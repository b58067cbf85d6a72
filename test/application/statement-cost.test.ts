import { randomUUID } from 'node:crypto';
import { requestRefund } from '../../src/application/request-refund/request-refund';
import type { Database } from '../../src/adapters/store/database';
import { SqlCrmOutbox } from '../../src/adapters/store/sql-crm-outbox';
import { SqlLedger } from '../../src/adapters/store/sql-ledger';
import { hubSpotUserId, idempotencyKey } from '../../src/domain/ids';
import { type TestBackend, testBackend } from '../support/test-backend';

/** Every statement the ledger sends, counted: a refund's cost must not grow with the payment's history. */
function counting(db: Database): { db: Database; count: () => number; onOutcomesLane: () => number; reset: () => void } {
  let n = 0;
  let onOutcomesLane = 0;
  const counted: Database = {
    query: (text, params) => {
      n += 1;
      return db.query(text, params);
    },
    urgent: {
      query: (text, params) => {
        n += 1;
        return db.urgent.query(text, params);
      },
    },
    outcomes: {
      query: (text, params) => {
        n += 1;
        onOutcomesLane += 1;
        return db.outcomes.query(text, params);
      },
    },
    transaction: (work, options) =>
      db.transaction((tx) => {
        n += 2; // BEGIN (with its lock, in one round trip) and COMMIT
        return work({ query: (text, params) => ((n += 1), tx.query(text, params)) });
      }, options),
    close: () => db.close(),
  };
  return {
    db: counted,
    count: () => n,
    onOutcomesLane: () => onOutcomesLane,
    reset: () => {
      n = 0;
      onOutcomesLane = 0;
    },
  };
}

describe('what a refund costs the ledger', () => {
  let backend: TestBackend;
  let meter: ReturnType<typeof counting>;

  beforeAll(async () => {
    backend = await testBackend();
    meter = counting(backend.db);
  });
  beforeEach(() => backend.reset());
  afterAll(() => backend.close());

  async function refund(userId: string, amount: string): Promise<number> {
    const deps = { ...backend.deps, ledger: new SqlLedger(meter.db, backend.clock), outbox: new SqlCrmOutbox(meter.db) };
    meter.reset();
    await requestRefund(deps, { transaction: { objectType: 'deals', objectId: '1001' }, userId: hubSpotUserId(userId), amount, reason: 'duplicate', note: undefined, idempotencyKey: idempotencyKey(randomUUID()) });
    await deps.background.drain();
    return meter.count();
  }

  it('is at most 6 statements, request and CRM write-back together, and the same after 200 earlier attempts', async () => {
    const first = await refund('1', '1.00');
    // BEGIN, state under the payment's lock, insert, COMMIT, the outcome with its CRM job, the job done
    expect(first).toBe(6);
    // the sender's record of Stripe's answer, on the connections that do not wait for the disk
    expect(meter.onOutcomesLane()).toBe(1);
    for (let n = 0; n < 200; n += 1) await refund('1', '0.01');
    expect(await refund('1', '1.00')).toBe(first);
  });

  it('is the same for a rep under a daily limit: the refunder\'s lock rides with BEGIN', async () => {
    await backend.reset({ refunders: { teamIds: ['7'] }, limits: { USD: { perRefund: '500.00', perDay: '1000.00' } } });
    expect(await refund('2', '1.00')).toBeLessThanOrEqual(6);
  });
});
