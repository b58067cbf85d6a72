import { deliverJob } from '../../../src/application/crm-write/deliver-job';
import { recordChange } from '../../../src/application/attempts/record-outcome';
import { changedTo, created, reserveWith } from '../../support/ledger-fixtures';
import { type TestBackend, testBackend } from '../../support/test-backend';

const ref = { objectType: 'deals', objectId: '1001' };

describe('a CRM write queued behind another write of its attempt', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await testBackend();
  });
  beforeEach(() => backend.reset());
  afterAll(() => backend.close());

  it('is delivered as soon as the write before it is done, not at the worker’s next run', async () => {
    const { attempt } = created(await reserveWith(backend.deps.ledger, { sighting: { record: ref, recordAmountMinor: 120000n } }));
    const unknown = { kind: 'outcome', outcome: { status: 'unknown', failure: { code: 'provider_timeout', message: 'No answer in 10 s.' } } } as const;
    const first = changedTo(await backend.deps.ledger.changeAttempt(attempt.id, unknown, new Date(), { deliverInline: true })).delivery!;

    const later = changedTo(await recordChange(backend.deps, attempt, { kind: 'outcome', outcome: { status: 'succeeded', providerRefundId: 're_queued' } }, 'resolver'));
    expect(later).toMatchObject({ delivery: null, writeWaits: true });

    await deliverJob(backend.deps, first);
    await backend.deps.background.drain();
    expect(await backend.deps.outbox.backlog()).toBe(0);
    const notes = await backend.crm.notesOf(ref);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.bodyHtml).toContain('re_queued');
  });
});
