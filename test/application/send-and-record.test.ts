import { providerBudgetMs, recordingBudgetMs, requestBudget } from '../../src/application/attempts/request-budget';
import { sendAndRecord } from '../../src/application/attempts/send-and-record';
import type { Ledger } from '../../src/ports/ledger';
import { created, reserveWith } from '../support/ledger-fixtures';
import { type TestBackend, testBackend } from '../support/test-backend';

describe('the request budget: answers leave inside HubSpot\'s 15 s', () => {
  it('gives the provider PROVIDER_TIMEOUT_MS while there is room, and what is left after a share for recording otherwise', () => {
    let now = 0;
    const budget = requestBudget(() => now);
    expect(providerBudgetMs(budget, 10_000)).toBe(10_000);
    now = 4_000; // the record read, the reservation and a settlement check took 4 s
    expect(providerBudgetMs(budget, 10_000)).toBe(8_000);
    now = 13_500;
    expect(providerBudgetMs(budget, 10_000)).toBe(1_000);
    expect(recordingBudgetMs(budget)).toBe(500);
    now = 10_000;
    expect(recordingBudgetMs(budget)).toBe(4_000);
  });
});

describe('sending and recording within the budget', () => {
  let backend: TestBackend;

  beforeAll(async () => {
    backend = await testBackend();
  });
  beforeEach(() => backend.reset());
  afterAll(() => backend.close());

  /** The real ledger, whose recording of outcomes waits until the test lets it go. */
  function stalledLedger(): { ledger: Ledger; release: () => void } {
    const real = backend.deps.ledger;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ledger: Ledger = Object.assign(Object.create(Object.getPrototypeOf(real)) as Ledger, real, {
      changeAttempt: async (...args: Parameters<Ledger['changeAttempt']>) => {
        await gate;
        return real.changeAttempt(...args);
      },
    });
    return { ledger, release };
  }

  it('answers "unknown, being checked" when the ledger cannot record the outcome in time, and records it once the ledger answers', async () => {
    const reserved = created(await reserveWith(backend.deps.ledger));
    const { ledger, release } = stalledLedger();
    const deps = { ...backend.deps, ledger };
    const sent = await sendAndRecord(deps, backend.stripe, reserved.attempt, { leftMs: () => 0 }, (signal) =>
      backend.stripe.refund({ attemptId: reserved.attempt.id, idempotencyKey: reserved.attempt.idempotencyKey, providerTransactionId: 'pi_1', amount: { minor: 1000n, currency: 'USD' }, isFullAmount: false, reason: 'duplicate', cardLast4: null, signal }),
    );
    expect(sent).toMatchObject({ kind: 'unrecorded', attempt: { id: reserved.attempt.id, status: 'unknown', failure: { code: 'outcome_not_recorded' } } });
    expect((await backend.deps.ledger.findAttempt(reserved.attempt.id))?.attempt.status).toBe('pending');
    release();
    await deps.background.drain();
    expect((await backend.deps.ledger.findAttempt(reserved.attempt.id))?.attempt).toMatchObject({ status: 'succeeded', providerRefundId: 're_fake_1' });
  });

  it('records the outcome and says so when the ledger answers in time', async () => {
    const reserved = created(await reserveWith(backend.deps.ledger));
    const sent = await sendAndRecord(backend.deps, backend.stripe, reserved.attempt, requestBudget(), async () => ({ status: 'succeeded', providerRefundId: 're_in_time' }));
    expect(sent).toMatchObject({ kind: 'recorded', result: { kind: 'changed', attempt: { status: 'succeeded', providerRefundId: 're_in_time' } } });
  });
});
