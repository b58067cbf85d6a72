import { hubSpotUserId } from '../../../src/domain/ids';
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
    await outbox.retry(job!.id, now, { error: 'HubSpot 503', waitingForCrm: true, noteSent: false });
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

  it("says when an earlier try may have made the attempt's note without keeping its id", async () => {
    const reserved = created(await reserveWith(ledger, { judge: HOLD() }));
    expect(reserved.delivery?.noteMayExist).toBe(false);
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);
    // its first try failed before the note: no note can exist
    await outbox.retry(reserved.delivery!.id, now, { error: 'HubSpot 503 on the properties', waitingForCrm: true, noteSent: false });
    const [second] = await outbox.claimDue(now, 10, 5_000);
    expect(second).toMatchObject({ tries: 2, noteMayExist: false, noteId: null });
    // the second try never reports (its process died): it may have made the note, and that is not forgotten
    const [third] = await outbox.claimDue(at(6_000), 10, 5_000);
    expect(third).toMatchObject({ tries: 3, noteMayExist: true });
    await outbox.retry(third!.id, at(6_000), { error: 'HubSpot 503 on the properties', waitingForCrm: true, noteSent: false });
    const [fourth] = await outbox.claimDue(at(6_000), 10, 5_000);
    expect(fourth).toMatchObject({ tries: 4, noteMayExist: true });
    await outbox.finish(fourth!, null, at(6_000));
    // a later change of the same attempt, its note id still unknown: an older job may have made the note
    const later = changedTo(await ledger.changeAttempt(reserved.attempt.id, { kind: 'cancel', decision: { decidedBy: { userId: hubSpotUserId('1') }, decidedAt: now, note: null } }, now, { deliverInline: true }));
    expect(later.delivery).toMatchObject({ tries: 1, noteMayExist: true, noteId: null });
    // the first write of another attempt: nothing before it
    const other = created(await reserveWith(ledger));
    const first = changedTo(await ledger.changeAttempt(other.attempt.id, succeeded, now, { deliverInline: true }));
    expect(first.delivery).toMatchObject({ tries: 1, noteMayExist: false });
  });

  it('claims a job waiting for HubSpot before it is due, as a probe, and wakes every waiting job at once', async () => {
    const now = new Date();
    const later = new Date(now.getTime() + 600_000);
    const jobs = [];
    for (let i = 0; i < 3; i += 1) {
      const reserved = created(await reserveWith(ledger));
      jobs.push(changedTo(await ledger.changeAttempt(reserved.attempt.id, succeeded, now, { deliverInline: true })).delivery!);
    }
    await outbox.retry(jobs[0]!.id, new Date(later.getTime() + 1_000), { error: 'HubSpot 503', waitingForCrm: true, noteSent: false });
    await outbox.retry(jobs[1]!.id, later, { error: 'HubSpot 503', waitingForCrm: true, noteSent: false });
    await outbox.retry(jobs[2]!.id, later, { error: 'HubSpot refused the note: 400', waitingForCrm: false, noteSent: true });
    expect(await outbox.claimDue(now, 10, 15_000)).toEqual([]);

    const probe = await outbox.claimWaiting(now, 15_000);
    expect(probe?.id).toBe(jobs[1]!.id);
    expect(await outbox.wakeWaiting(now)).toBe(1);
    expect((await outbox.claimDue(now, 10, 15_000)).map((job) => job.id)).toEqual([jobs[0]!.id]);
    expect(await outbox.claimWaiting(now, 15_000)).toBeNull();
  });

  it('drops the job of a record that is gone', async () => {
    const held = created(await reserveWith(ledger, { judge: HOLD() }));
    await outbox.drop(held.delivery!.id, new Date());
    expect(await outbox.backlog()).toBe(0);
  });
});
