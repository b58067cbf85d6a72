import { outboxBackoffMs } from '../../../src/application/crm-write/deliver-job';
import { syncCrm } from '../../../src/application/crm-write/sync-crm';
import { CRM_WRITE_LEASE_MS } from '../../../src/ports/crm-outbox';
import { AppError } from '../../../src/domain/errors';
import { changedTo, created, reserveWith } from '../../support/ledger-fixtures';
import { type TestBackend, testBackend } from '../../support/test-backend';

const ref = { objectType: 'deals', objectId: '1001' };

describe('syncCrm', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await testBackend();
  });
  beforeEach(() => backend.reset());
  afterAll(() => backend.close());

  async function reserved() {
    return created(await reserveWith(backend.deps.ledger, { sighting: { record: ref, recordAmountMinor: 120000n } }));
  }

  it('rewrites the same note when an unknown attempt is resolved, instead of adding one', async () => {
    const { attempt } = await reserved();
    await backend.deps.ledger.changeAttempt(attempt.id, { kind: 'outcome', outcome: { status: 'unknown', failure: { code: 'provider_timeout', message: 'No answer in 10 s.' } } }, new Date());
    expect(await syncCrm(backend.deps)).toEqual({ delivered: 1, failed: 0 });
    const [first] = await backend.crm.notesOf(ref);
    expect(first?.bodyHtml).toContain('outcome unknown');
    expect(await backend.crm.propertiesOf(ref)).toMatchObject({ refund_status: 'refund_pending', last_refund_attempt_status: 'unknown', refunded_amount: '0.00' });

    await backend.deps.ledger.changeAttempt(attempt.id, { kind: 'outcome', outcome: { status: 'succeeded', providerRefundId: 're_late' } }, new Date());
    expect(await syncCrm(backend.deps)).toEqual({ delivered: 1, failed: 0 });
    const notes = await backend.crm.notesOf(ref);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.id).toBe(first?.id);
    expect(notes[0]?.bodyHtml).toContain('Refund succeeded');
    expect(notes[0]?.bodyHtml).toContain('re_late');
    expect(await backend.crm.propertiesOf(ref)).toMatchObject({ refund_status: 'partially_refunded', refunded_amount: '10.00', refund_count: '1' });
  });

  it('writes the payment\'s properties on every record that points at it', async () => {
    const other = { objectType: 'deals', objectId: '1002' };
    await reserveWith(backend.deps.ledger, { sighting: { record: other, recordAmountMinor: 120000n }, draft: { amount: 1n } });
    const { attempt } = await reserved();
    await backend.deps.ledger.changeAttempt(attempt.id, { kind: 'outcome', outcome: { status: 'succeeded', providerRefundId: 're_1' } }, new Date());
    await syncCrm(backend.deps);
    expect(await backend.crm.propertiesOf(other)).toMatchObject({ refund_status: 'refund_pending', refunded_amount: '10.00', refund_count: '1' });
    expect(await backend.crm.notesOf(other)).toEqual([]);
  });

  it('backs off 5 s, 10 s, 20 s … up to 15 minutes', () => {
    expect([1, 2, 3, 4, 20].map(outboxBackoffMs)).toEqual([5_000, 10_000, 20_000, 40_000, 900_000]);
  });
});

describe('syncCrm when HubSpot has lost things', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await testBackend();
  });
  beforeEach(() => backend.reset());
  afterAll(() => backend.close());

  async function succeededAttempt() {
    const { attempt } = created(await reserveWith(backend.deps.ledger, { sighting: { record: ref, recordAmountMinor: 120000n } }));
    return changedTo(await backend.deps.ledger.changeAttempt(attempt.id, { kind: 'outcome', outcome: { status: 'succeeded', providerRefundId: 're_1' } }, new Date()));
  }

  it('skips a record deleted in HubSpot instead of retrying forever', async () => {
    await succeededAttempt();
    const gone = new AppError('NOT_FOUND', 'The HubSpot record no longer exists.', { status: 404, objectType: 'deals', objectId: '1001' });
    const deps = { ...backend.deps, records: { readTransaction: backend.crm.readTransaction.bind(backend.crm), writeRefundProperties: () => Promise.reject(gone) }, timeline: { createNote: () => Promise.reject(gone), updateNote: () => Promise.reject(gone), findNote: () => Promise.reject(gone) } };
    expect(await syncCrm(deps)).toEqual({ delivered: 1, failed: 0 });
    expect(await backend.deps.outbox.backlog()).toBe(0);
  });

  it('writes a new note when ours was deleted', async () => {
    const { attempt } = await succeededAttempt();
    await backend.db.query("UPDATE refund_attempts SET crm_note_id = '999' WHERE id = $1", [attempt.id]);
    const timeline = {
      createNote: backend.crm.createNote.bind(backend.crm),
      findNote: backend.crm.findNote.bind(backend.crm),
      updateNote: () => Promise.reject(new AppError('NOT_FOUND', 'The timeline note no longer exists in HubSpot.', { status: 404, noteId: '999' })),
    };
    expect(await syncCrm({ ...backend.deps, timeline })).toEqual({ delivered: 1, failed: 0 });
    const notes = await backend.crm.notesOf(ref);
    expect(notes).toHaveLength(1);
    const [row] = await backend.db.query<{ crm_note_id: string }>('SELECT crm_note_id FROM refund_attempts WHERE id = $1', [attempt.id]);
    expect(row?.crm_note_id).toBe(notes[0]?.id);
  });

  it('a retry adopts the note its first try made but could not keep, instead of adding a second one', async () => {
    const { attempt } = await succeededAttempt();
    let finishes = 0;
    const real = backend.deps.outbox;
    const outbox: typeof real = Object.assign(Object.create(real) as typeof real, {
      finish: (...args: Parameters<typeof real.finish>) =>
        ++finishes === 1 ? Promise.reject(new AppError('LEDGER_UNAVAILABLE', 'The refund ledger is not answering right now.')) : real.finish(...args),
    });
    expect(await syncCrm({ ...backend.deps, outbox })).toEqual({ delivered: 0, failed: 1 });
    expect(await backend.crm.notesOf(ref)).toHaveLength(1);

    await backend.db.query('UPDATE crm_outbox SET next_attempt_at = now() WHERE delivered_at IS NULL');
    expect(await syncCrm({ ...backend.deps, outbox })).toEqual({ delivered: 1, failed: 0 });
    const notes = await backend.crm.notesOf(ref);
    expect(notes).toHaveLength(1);
    const [row] = await backend.db.query<{ crm_note_id: string }>('SELECT crm_note_id FROM refund_attempts WHERE id = $1', [attempt.id]);
    expect(row?.crm_note_id).toBe(notes[0]?.id);
  });

  it('after an outage, one write that goes through makes every write that waited for HubSpot due at once', async () => {
    for (let i = 0; i < 3; i += 1) await succeededAttempt();
    let down = true;
    const unavailable = new AppError('CRM_UNAVAILABLE', 'HubSpot did not answer.');
    const records = {
      readTransaction: backend.crm.readTransaction.bind(backend.crm),
      writeRefundProperties: (...args: Parameters<typeof backend.crm.writeRefundProperties>) => (down ? Promise.reject(unavailable) : backend.crm.writeRefundProperties(...args)),
    };
    expect(await syncCrm({ ...backend.deps, records })).toEqual({ delivered: 0, failed: 3 });
    // backed off: nothing is due for 5 s, and HubSpot is back
    down = false;
    expect(await syncCrm({ ...backend.deps, records })).toEqual({ delivered: 3, failed: 0 });
    expect(await backend.deps.outbox.backlog()).toBe(0);
  });

  it('does not keep trying early a write HubSpot refuses the app access for', async () => {
    await succeededAttempt();
    const refused = new AppError('CRM_UNAVAILABLE', "The app may not write in HubSpot; ask a HubSpot super admin to check the app's access.", { status: 403 });
    const records = { readTransaction: backend.crm.readTransaction.bind(backend.crm), writeRefundProperties: () => Promise.reject(refused) };
    expect(await syncCrm({ ...backend.deps, records })).toEqual({ delivered: 0, failed: 1 });
    expect(await syncCrm({ ...backend.deps, records })).toEqual({ delivered: 0, failed: 0 });
  });

  it('keeps trying a waiting write early while HubSpot stays down, one a run', async () => {
    for (let i = 0; i < 2; i += 1) await succeededAttempt();
    const unavailable = new AppError('CRM_UNAVAILABLE', 'HubSpot did not answer.');
    const records = { readTransaction: backend.crm.readTransaction.bind(backend.crm), writeRefundProperties: () => Promise.reject(unavailable) };
    expect(await syncCrm({ ...backend.deps, records })).toEqual({ delivered: 0, failed: 2 });
    expect(await syncCrm({ ...backend.deps, records })).toEqual({ delivered: 0, failed: 1 });
    expect(await backend.deps.outbox.backlog()).toBe(2);
  });

  it('keeps its claim while HubSpot is slow, so that no other worker takes the job meanwhile', async () => {
    await succeededAttempt();
    const real = backend.deps.outbox;
    let extended: () => void = () => undefined;
    const wasExtended = new Promise<void>((resolve) => (extended = resolve));
    const outbox: typeof real = Object.assign(Object.create(real) as typeof real, {
      extend: async (...args: Parameters<typeof real.extend>) => {
        await real.extend(...args);
        extended();
      },
    });
    const claimedBy = Date.now();
    let takenOver: unknown[] = ['not looked'];
    const timeline = {
      findNote: backend.crm.findNote.bind(backend.crm),
      updateNote: backend.crm.updateNote.bind(backend.crm),
      createNote: async (...args: Parameters<typeof backend.crm.createNote>) => {
        await wasExtended;
        // another worker, just after the claim's first 5 s would have run out
        takenOver = await real.claimDue(new Date(claimedBy + CRM_WRITE_LEASE_MS + 200), 10, CRM_WRITE_LEASE_MS);
        return backend.crm.createNote(...args);
      },
    };
    expect(await syncCrm({ ...backend.deps, outbox, timeline })).toEqual({ delivered: 1, failed: 0 });
    expect(takenOver).toEqual([]);
    expect(await backend.crm.notesOf(ref)).toHaveLength(1);
  }, 30_000);

  it('keeps the job for later when HubSpot fails', async () => {
    await succeededAttempt();
    const down = new AppError('CRM_UNAVAILABLE', 'HubSpot did not answer.');
    const deps = { ...backend.deps, records: { readTransaction: backend.crm.readTransaction.bind(backend.crm), writeRefundProperties: () => Promise.reject(down) } };
    expect(await syncCrm(deps)).toEqual({ delivered: 0, failed: 1 });
    expect(await backend.deps.outbox.backlog()).toBe(1);
  });
});
