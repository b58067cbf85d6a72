import { AppError } from '../../src/domain/errors';
import { outboxBackoffMs, syncCrm } from '../../src/application/sync-crm';
import { attemptRequest } from '../support/ledger-fixtures';
import { type TestBackend, testBackend } from '../support/test-backend';

describe('syncCrm', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await testBackend();
  });
  beforeEach(() => backend.reset());
  afterAll(() => backend.close());

  it('rewrites the same note when an unknown attempt is resolved, instead of adding one', async () => {
    const ref = { objectType: 'deals', objectId: '1001' };
    const reserved = await backend.deps.ledger.reserveAttempt(attemptRequest({ transaction: ref, paidMinor: 120000n }));
    if (reserved.kind !== 'created') throw new Error('expected created');
    await backend.deps.ledger.completeAttempt(reserved.attempt.id, { status: 'unknown', failure: { code: 'provider_timeout', message: 'No answer in 10 s.' } }, new Date());
    expect(await syncCrm(backend.deps)).toEqual({ delivered: 1, failed: 0 });
    const [first] = await backend.crm.notesOf(ref);
    expect(first?.bodyHtml).toContain('outcome unknown');
    expect(await backend.crm.propertiesOf(ref)).toMatchObject({ refund_status: 'refund_pending', last_refund_attempt_status: 'unknown', refunded_amount: '0.00' });

    await backend.deps.ledger.completeAttempt(reserved.attempt.id, { status: 'succeeded', providerRefundId: 're_late' }, new Date());
    expect(await syncCrm(backend.deps)).toEqual({ delivered: 1, failed: 0 });
    const notes = await backend.crm.notesOf(ref);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.id).toBe(first?.id);
    expect(notes[0]?.bodyHtml).toContain('Refund succeeded');
    expect(notes[0]?.bodyHtml).toContain('re_late');
    expect(await backend.crm.propertiesOf(ref)).toMatchObject({ refund_status: 'partially_refunded', refunded_amount: '10.00', refund_count: '1' });
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
    const ref = { objectType: 'deals', objectId: '1001' };
    const reserved = await backend.deps.ledger.reserveAttempt(attemptRequest({ transaction: ref, paidMinor: 120000n }));
    if (reserved.kind !== 'created') throw new Error('expected created');
    await backend.deps.ledger.completeAttempt(reserved.attempt.id, { status: 'succeeded', providerRefundId: 're_1' }, new Date());
    return reserved.attempt.id;
  }

  it('drops the job of a record deleted in HubSpot instead of retrying forever', async () => {
    await succeededAttempt();
    const gone = new AppError('NOT_FOUND', 'The HubSpot record no longer exists.', { status: 404, objectType: 'deals', objectId: '1001' });
    const deps = { ...backend.deps, records: { ...backend.crm, readTransaction: backend.crm.readTransaction.bind(backend.crm), writeRefundProperties: () => Promise.reject(gone) } };
    expect(await syncCrm(deps)).toEqual({ delivered: 0, failed: 1 });
    expect(await backend.deps.ledger.outboxBacklog()).toBe(0);
  });

  it('writes a new note when ours was deleted', async () => {
    const id = await succeededAttempt();
    await backend.deps.ledger.recordNoteId(id, '999');
    const timeline = {
      createNote: backend.crm.createNote.bind(backend.crm),
      updateNote: () => Promise.reject(new AppError('NOT_FOUND', 'The timeline note no longer exists in HubSpot.', { status: 404, noteId: '999' })),
    };
    expect(await syncCrm({ ...backend.deps, timeline })).toEqual({ delivered: 1, failed: 0 });
    const notes = await backend.crm.notesOf({ objectType: 'deals', objectId: '1001' });
    expect(notes).toHaveLength(1);
    expect(await backend.deps.ledger.noteIdOf(id)).toBe(notes[0]?.id);
  });
});
