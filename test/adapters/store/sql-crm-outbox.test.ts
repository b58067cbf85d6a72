import type { Database } from '../../../src/adapters/store/database';
import { SqlCrmOutbox } from '../../../src/adapters/store/sql-crm-outbox';
import type { SqlLedger } from '../../../src/adapters/store/sql-ledger';
import { changedTo, created, HOLD, reserveWith, resetLedger, testLedger } from '../../support/ledger-fixtures';

const succeeded = { kind: 'outcome', outcome: { status: 'succeeded', providerRefundId: 're_1' } } as const;

describe('SqlCrmOutbox', () => {
  let ledger: SqlLedger;
  let db: Database;
  let outbox: SqlCrmOutbox;

  beforeAll(async () => {
    ({ ledger, db } = await testLedger());
    outbox = new SqlCrmOutbox(db);
  });
  beforeEach(() => resetLedger(db));
  afterAll(() => ledger.close());

  it('queues one CRM write per change, with what the write needs, and leases claimed jobs', async () => {
    const reserved = created(await reserveWith(ledger));
    const now = new Date();
    await ledger.changeAttempt(reserved.attempt.id, succeeded, now);
    const [job] = await outbox.claimDue(now, 10, 30_000);
    expect(job).toMatchObject({ tries: 1, attempt: { id: reserved.attempt.id, status: 'succeeded' }, noteId: null, records: [{ objectType: 'deals', objectId: '1001' }] });
    expect(job!.payment.totals.refundedMinor).toBe(1000n);
    expect(await outbox.claimDue(now, 10, 30_000)).toEqual([]);
    await outbox.retry(job!.id, now, 'HubSpot 503');
    const [again] = await outbox.claimDue(now, 10, 30_000);
    expect(again?.tries).toBe(2);
    await outbox.finish(again!, '777', now);
    expect(await outbox.backlog()).toBe(0);
    const [row] = await db.query<{ crm_note_id: string }>('SELECT crm_note_id FROM refund_attempts WHERE id = $1', [reserved.attempt.id]);
    expect(row?.crm_note_id).toBe('777');
  });

  it('claims a change delivered inline for its caller, and hands it to the worker when the lease ends', async () => {
    const reserved = created(await reserveWith(ledger));
    const now = new Date();
    const change = changedTo(await ledger.changeAttempt(reserved.attempt.id, succeeded, now, { deliverInline: true }));
    expect(change.delivery).toMatchObject({ tries: 1, attempt: { status: 'succeeded' }, payment: { refundCount: 1 } });
    expect(await outbox.claimDue(now, 10, 15_000)).toEqual([]);
    expect(await outbox.claimDue(new Date(now.getTime() + 16_000), 10, 15_000)).toHaveLength(1);
  });

  it('queues a refresh of the properties when the payment changed after a job read it', async () => {
    const first = created(await reserveWith(ledger));
    const second = created(await reserveWith(ledger));
    const now = new Date();
    const one = changedTo(await ledger.changeAttempt(first.attempt.id, succeeded, now, { deliverInline: true }));
    changedTo(await ledger.changeAttempt(second.attempt.id, succeeded, now, { deliverInline: true }));
    await outbox.finish(one.delivery!, null, now);
    const [refresh] = await outbox.claimDue(now, 10, 15_000);
    expect(refresh).toMatchObject({ attempt: null, payment: { refundCount: 2 } });
  });

  it('drops the job of a record that is gone', async () => {
    const held = created(await reserveWith(ledger, { judge: HOLD() }));
    await outbox.drop(held.delivery!.id, new Date());
    expect(await outbox.backlog()).toBe(0);
  });
});
