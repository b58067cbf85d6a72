import type { Database } from '../../../src/adapters/store/database';
import { SqlPolicyStore } from '../../../src/adapters/store/sql-policy-store';
import { hubSpotUserId } from '../../../src/domain/ids';
import { DEFAULT_POLICY_DOCUMENT, parsePolicy } from '../../../src/domain/policy';
import { resetLedger, testDatabase } from '../../support/ledger-fixtures';

describe('SqlPolicyStore', () => {
  let db: Database;
  let store: SqlPolicyStore;
  const ada = { userId: hubSpotUserId('1'), name: 'Ada Admin', email: 'ada@example.com' };
  const tighter = (() => {
    const parsed = parsePolicy({ limits: { USD: { perRefund: '100.00' } } });
    if (!parsed.ok) throw new Error('invalid');
    return parsed.document;
  })();

  beforeAll(async () => {
    ({ db } = await testDatabase());
    store = new SqlPolicyStore(db);
  });
  beforeEach(() => resetLedger(db));
  afterAll(() => db.close());

  it('keeps versions with who and when, newest first', async () => {
    expect(await store.current()).toBeNull();
    const first = await store.save(DEFAULT_POLICY_DOCUMENT, 0, 'default', null, new Date('2026-12-01T10:00:00Z'));
    const second = await store.save(tighter, 1, 'settings', ada, new Date('2026-12-01T11:00:00Z'));
    expect(first).toMatchObject({ version: 1, source: 'default', updatedBy: null });
    expect(second).toMatchObject({ version: 2, source: 'settings', updatedBy: ada, document: { limits: { USD: { perRefund: '100.00' } } } });
    expect((await store.current())?.version).toBe(2);
    expect((await store.history({ limit: 10 })).map((version) => version.version)).toEqual([2, 1]);
    expect((await store.history({ limit: 10, beforeVersion: 2 })).map((version) => version.version)).toEqual([1]);
  });

  it('saves over the version read only: a stale or concurrent save is a conflict', async () => {
    await store.save(DEFAULT_POLICY_DOCUMENT, 0, 'default', null, new Date());
    expect(await store.save(tighter, 0, 'settings', ada, new Date())).toBe('conflict');
    expect(await store.save(tighter, 7, 'settings', ada, new Date())).toBe('conflict');
    const raced = await Promise.all(Array.from({ length: 5 }, () => store.save(tighter, 1, 'settings', ada, new Date())));
    expect(raced.filter((result) => result !== 'conflict')).toHaveLength(1);
  });
});
