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
    await outbox.retry(job!, now, { error: 'HubSpot 503', waitingForCrm: true, noteSent: false });
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
    await outbox.retry(reserved.delivery!, now, { error: 'HubSpot 503 on the properties', waitingForCrm: true, noteSent: false });
    const [second] = await outbox.claimDue(now, 10, 5_000);
    expect(second).toMatchObject({ tries: 2, noteMayExist: false, noteId: null });
    // the second try never reports (its process died): it may have made the note, and that is not forgotten
    const [third] = await outbox.claimDue(at(6_000), 10, 5_000);
    expect(third).toMatchObject({ tries: 3, noteMayExist: true });
    await outbox.retry(third!, at(6_000), { error: 'HubSpot 503 on the properties', waitingForCrm: true, noteSent: false });
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
    await outbox.retry(jobs[0]!, new Date(later.getTime() + 1_000), { error: 'HubSpot 503', waitingForCrm: true, noteSent: false });
    await outbox.retry(jobs[1]!, later, { error: 'HubSpot 503', waitingForCrm: true, noteSent: false });
    await outbox.retry(jobs[2]!, later, { error: 'HubSpot refused the note: 400', waitingForCrm: false, noteSent: true });
    expect(await outbox.claimDue(now, 10, 15_000)).toEqual([]);

    const probe = await outbox.claimWaiting(now, 15_000);
    expect(probe?.id).toBe(jobs[1]!.id);
    expect(await outbox.wakeWaiting(now)).toBe(1);
    expect((await outbox.claimDue(now, 10, 15_000)).map((job) => job.id)).toEqual([jobs[0]!.id]);
    expect(await outbox.claimWaiting(now, 15_000)).toBeNull();
  });

  it('writes one job of an attempt at a time: the newest, which carries the older ones and what they may have left', async () => {
    const reserved = created(await reserveWith(ledger));
    const now = new Date();
    const at = (ms: number) => new Date(now.getTime() + ms);
    const unknown = { kind: 'outcome', outcome: { status: 'unknown', failure: { code: 'provider_timeout', message: 'No answer.' } } } as const;
    // job 1 failed before its note; job 2 is being written inline
    const first = changedTo(await ledger.changeAttempt(reserved.attempt.id, unknown, now, { deliverInline: true })).delivery!;
    await outbox.retry(first, now, { error: 'HubSpot 503 on the properties', waitingForCrm: true, noteSent: false });
    const second = changedTo(await ledger.changeAttempt(reserved.attempt.id, succeeded, now, { deliverInline: true })).delivery!;
    expect(second).toMatchObject({ tries: 1, noteMayExist: false });
    // while job 2 is written, neither job of the attempt can be claimed, and a third change is left to the worker
    expect(await outbox.claimDue(now, 10, 5_000)).toEqual([]);
    const third = changedTo(await ledger.changeAttempt(reserved.attempt.id, { kind: 'outcome', outcome: { status: 'failed', providerRefundId: 're_1', failure: { code: 'refund_failed_late', message: 'Failed.' } } }, now, { deliverInline: true }));
    expect(third.delivery).toBeNull();
    // job 2 dies unreported: once its claim runs out, only the newest job is claimed, knowing a note may exist
    const [taken] = await outbox.claimDue(at(6_000), 10, 5_000);
    expect(taken).toMatchObject({ tries: 1, noteMayExist: true, attempt: { status: 'failed' } });
    await outbox.finish(taken!, '901', at(6_000));
    expect(await outbox.backlog()).toBe(0);
  });

  it('a try that was taken over reports its note but leaves the job to the try that holds it', async () => {
    const reserved = created(await reserveWith(ledger));
    const now = new Date();
    const mine = changedTo(await ledger.changeAttempt(reserved.attempt.id, succeeded, now, { deliverInline: true })).delivery!;
    const [theirs] = await outbox.claimDue(new Date(now.getTime() + 6_000), 10, 5_000);
    expect(theirs?.tries).toBe(2);
    await outbox.retry(mine, now, { error: 'HubSpot 503', waitingForCrm: true, noteSent: true });
    await outbox.extend(mine, new Date(now.getTime() + 60_000));
    expect(await outbox.claimWaiting(now, 5_000)).toBeNull();
    expect(await outbox.claimDue(new Date(now.getTime() + 10_000), 10, 5_000)).toEqual([]);
    await outbox.finish(mine, '902', now);
    expect(await outbox.backlog()).toBe(1);
    const [row] = await db.query<{ crm_note_id: string; note_may_exist: boolean }>(
      'SELECT a.crm_note_id, o.note_may_exist FROM refund_attempts a JOIN crm_outbox o ON o.attempt_id = a.id WHERE a.id = $1',
      [reserved.attempt.id],
    );
    expect(row).toEqual({ crm_note_id: '902', note_may_exist: true });
  });

  it('drops the job of a record that is gone', async () => {
    const held = created(await reserveWith(ledger, { judge: HOLD() }));
    await outbox.drop(held.delivery!.id, new Date());
    expect(await outbox.backlog()).toBe(0);
  });
});
