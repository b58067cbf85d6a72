import { ATTEMPT_STATUSES, canTransition, holdsAmount, isFinal } from '../../src/domain/attempt';
import { refundableMinor, refundStatusOf, totalsOf } from '../../src/domain/refund-status';

describe('attempt transitions', () => {
  const allowed = new Set(['pending>succeeded', 'pending>failed', 'pending>unknown', 'unknown>succeeded', 'unknown>failed', 'unknown>pending']);
  for (const from of ATTEMPT_STATUSES) {
    for (const to of ATTEMPT_STATUSES) {
      const expected = allowed.has(`${from}>${to}`);
      it(`${from} → ${to} is ${expected ? 'allowed' : 'refused'}`, () => expect(canTransition(from, to)).toBe(expected));
    }
  }
  it('treats succeeded and failed as final', () => {
    expect(ATTEMPT_STATUSES.filter(isFinal)).toEqual(['succeeded', 'failed']);
  });
  it('holds the amount of everything but failed attempts', () => {
    expect(ATTEMPT_STATUSES.filter(holdsAmount)).toEqual(['pending', 'succeeded', 'unknown']);
  });
});

describe('refund totals', () => {
  const attempts = [
    { status: 'succeeded', amountMinor: 300n },
    { status: 'failed', amountMinor: 5000n },
    { status: 'unknown', amountMinor: 200n },
  ] as const;
  it('computes refundable = paid − Σ(succeeded + pending + unknown)', () => {
    expect(refundableMinor(totalsOf(1000n, attempts))).toBe(500n);
  });
  it('never goes below zero when a record amount was lowered', () => {
    expect(refundableMinor(totalsOf(100n, attempts))).toBe(0n);
  });
  it.each([
    [[], 'not_refunded'],
    [[{ status: 'failed', amountMinor: 1000n }], 'not_refunded'],
    [[{ status: 'succeeded', amountMinor: 400n }], 'partially_refunded'],
    [[{ status: 'succeeded', amountMinor: 1000n }], 'fully_refunded'],
    [[{ status: 'succeeded', amountMinor: 400n }, { status: 'pending', amountMinor: 100n }], 'refund_pending'],
  ] as const)('status of %j is %s', (list, status) => {
    expect(refundStatusOf(totalsOf(1000n, list))).toBe(status);
  });
});
