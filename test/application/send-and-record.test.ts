import { providerBudgetMs, recordingBudgetMs, requestBudget } from '../../src/application/attempts/request-budget';
import { recordChange } from '../../src/application/attempts/record-outcome';
import { afterSending, sendAndRecord } from '../../src/application/attempts/send-and-record';
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
    now = 11_000;
    expect(providerBudgetMs(budget, 10_000)).toBe(1_000);
    now = 11_001; // less than a second for the provider after the recording's share: it is not asked
    expect(providerBudgetMs(budget, 10_000)).toBeNull();
    now = 13_500;
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
    // enough time left for the provider, then none for recording
    const left = [3_000];
    const sent = await sendAndRecord(deps, backend.stripe, reserved.attempt, { leftMs: () => left.shift() ?? 0 }, (signal) =>
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

  it('sends nothing when too little of the budget is left, and records the attempt failed as not sent', async () => {
    const reserved = created(await reserveWith(backend.deps.ledger));
    const calls: string[] = [];
    const sent = await sendAndRecord(backend.deps, backend.stripe, reserved.attempt, { leftMs: () => 1_500 }, async () => {
      calls.push('provider');
      return { status: 'succeeded', providerRefundId: 're_too_late' };
    });
    expect(calls).toEqual([]);
    expect(afterSending(sent, reserved.payment).attempt).toMatchObject({ status: 'failed', providerRefundId: null, failure: { code: 'not_sent' } });
    const stored = await backend.deps.ledger.findAttempt(reserved.attempt.id);
    expect(stored?.attempt).toMatchObject({ status: 'failed', failure: { code: 'not_sent' } });
    expect(stored?.payment.totals.inFlightMinor).toBe(0n);
  });

  it('answers "being checked" when recording fails for any reason once the provider answered', async () => {
    const reserved = created(await reserveWith(backend.deps.ledger));
    const broken: Ledger = Object.assign(Object.create(Object.getPrototypeOf(backend.deps.ledger)) as Ledger, backend.deps.ledger, {
      changeAttempt: async () => {
        throw new Error('row could not be read');
      },
    });
    const sent = await sendAndRecord({ ...backend.deps, ledger: broken }, backend.stripe, reserved.attempt, requestBudget(), async () => ({ status: 'succeeded', providerRefundId: 're_unrecorded' }));
    expect(sent).toMatchObject({ kind: 'unrecorded', attempt: { status: 'unknown', failure: { code: 'outcome_not_recorded' } } });
  });

  it('answers what the provider reported first when its webhook was recorded before the sender\'s timeout', async () => {
    const reserved = created(await reserveWith(backend.deps.ledger));
    const sent = await sendAndRecord(backend.deps, backend.stripe, reserved.attempt, requestBudget(), async () => {
      await recordChange(backend.deps, reserved.attempt, { kind: 'outcome', outcome: { status: 'succeeded', providerRefundId: 're_by_webhook' } }, 'webhook');
      return { status: 'unknown', failure: { code: 'provider_timeout', message: 'The payment provider did not answer.' } };
    });
    expect(sent).toMatchObject({ kind: 'recorded', result: { kind: 'not_allowed' } });
    const answered = afterSending(sent, reserved.payment);
    expect(answered.attempt).toMatchObject({ status: 'succeeded', providerRefundId: 're_by_webhook' });
    expect(answered.payment.totals.refundedMinor).toBe(reserved.attempt.amountMinor);
  });
});
