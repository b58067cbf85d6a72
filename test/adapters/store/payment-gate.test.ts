import { PaymentGate } from '../../../src/adapters/store/payment-gate';
import { isAppError } from '../../../src/domain/errors';

/** A piece of work that ends when the test says so, and tells when it started. */
function held() {
  let finish!: () => void;
  let started = false;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      started = true;
      await done;
      return 'done';
    },
    finish: () => finish(),
    started: () => started,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PaymentGate: load shedding on one payment', () => {
  it('lets `width` reservations of a payment in at once and admits the rest first come, first served', async () => {
    const gate = new PaymentGate({ width: 2, maxWaitMs: 60_000, maxQueue: 10 });
    const [a, b, c, d] = [held(), held(), held(), held()];
    const runs = [a, b, c, d].map((piece) => gate.run('stripe:pi_1', piece.work));
    await tick();
    expect([a, b, c, d].map((piece) => piece.started())).toEqual([true, true, false, false]);
    b.finish();
    await tick();
    expect([c.started(), d.started()]).toEqual([true, false]);
    a.finish();
    c.finish();
    await tick();
    expect(d.started()).toBe(true);
    d.finish();
    await expect(Promise.all(runs)).resolves.toEqual(['done', 'done', 'done', 'done']);
  });

  it('keeps payments apart: a crowd on one never delays another', async () => {
    const gate = new PaymentGate({ width: 1, maxWaitMs: 60_000, maxQueue: 10 });
    const busy = held();
    const crowd = [gate.run('stripe:pi_1', busy.work), gate.run('stripe:pi_1', async () => 'later')];
    await expect(gate.run('stripe:pi_2', async () => 'at once')).resolves.toBe('at once');
    busy.finish();
    await expect(Promise.all(crowd)).resolves.toEqual(['done', 'later']);
  });

  it('answers busy, with a retry hint and nothing run, to one that waited too long', async () => {
    const gate = new PaymentGate({ width: 1, maxWaitMs: 50, maxQueue: 10 });
    const busy = held();
    const first = gate.run('stripe:pi_1', busy.work);
    const late = jest.fn(async () => 'ran');
    const error = await gate.run('stripe:pi_1', late).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('LEDGER_UNAVAILABLE');
    expect(isAppError(error) && error.details).toEqual({ retryAfterSeconds: 2, cause: 'busy' });
    expect(late).not.toHaveBeenCalled();
    busy.finish();
    await first;
    // the lane is free again, and the timed-out waiter left no trace in it
    await expect(gate.run('stripe:pi_1', async () => 'free')).resolves.toBe('free');
  });

  it('answers busy at once past the longest queue', async () => {
    const gate = new PaymentGate({ width: 1, maxWaitMs: 60_000, maxQueue: 1 });
    const busy = held();
    const runs = [gate.run('stripe:pi_1', busy.work), gate.run('stripe:pi_1', async () => 'queued')];
    await expect(gate.run('stripe:pi_1', async () => 'too many')).rejects.toMatchObject({ code: 'LEDGER_UNAVAILABLE', details: { cause: 'busy' } });
    busy.finish();
    await expect(Promise.all(runs)).resolves.toEqual(['done', 'queued']);
  });

  it('frees the slot when the work throws', async () => {
    const gate = new PaymentGate({ width: 1, maxWaitMs: 60_000, maxQueue: 10 });
    await expect(gate.run('stripe:pi_1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run('stripe:pi_1', async () => 'next')).resolves.toBe('next');
  });
});
