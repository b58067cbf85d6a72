import { ATTEMPT_STATUSES, canTransition, holdsAmount, isFinal, shareOf, statusesBefore, wasSent } from '../../src/domain/attempt';
import { refundableMinor, refundStatusOf, totalsOf } from '../../src/domain/refund-status';

describe('attempt transitions (design §3)', () => {
  const allowed = new Set([
    'awaiting_approval>pending',
    'awaiting_approval>rejected',
    'awaiting_approval>expired',
    'awaiting_approval>canceled',
    'pending>succeeded',
    'pending>failed',
    'pending>unknown',
    'unknown>succeeded',
    'unknown>failed',
    'unknown>pending',
    'succeeded>failed',
  ]);
  for (const from of ATTEMPT_STATUSES) {
    for (const to of ATTEMPT_STATUSES) {
      const expected = allowed.has(`${from}>${to}`);
      it(`${from} → ${to} is ${expected ? 'allowed' : 'refused'}`, () => expect(canTransition(from, to)).toBe(expected));
    }
  }
  it('treats failed and the end of a request as final; a success can still fail late', () => {
    expect(ATTEMPT_STATUSES.filter(isFinal)).toEqual(['failed', 'rejected', 'expired', 'canceled']);
  });
  it('holds the amount of requests, attempts in flight and successes', () => {
    expect(ATTEMPT_STATUSES.filter(holdsAmount)).toEqual(['awaiting_approval', 'pending', 'succeeded', 'unknown']);
    expect(ATTEMPT_STATUSES.map(shareOf)).toEqual(['held', 'in_flight', 'returned', 'none', 'in_flight', 'none', 'none', 'none']);
  });
  it('lets only sent attempts take a provider outcome', () => {
    expect(statusesBefore('pending').filter(wasSent)).toEqual(['pending', 'unknown']);
    expect(statusesBefore('failed').filter(wasSent)).toEqual(['pending', 'succeeded', 'unknown']);
  });
});

describe('refund totals', () => {
  const attempts = [
    { status: 'succeeded', amountMinor: 300n },
    { status: 'failed', amountMinor: 5000n },
    { status: 'unknown', amountMinor: 200n },
    { status: 'awaiting_approval', amountMinor: 100n },
    { status: 'rejected', amountMinor: 9000n },
  ] as const;
  it('computes refundable = paid − Σ(succeeded + pending + unknown + awaiting approval)', () => {
    expect(refundableMinor(totalsOf(1000n, attempts))).toBe(400n);
  });
  it('never goes below zero when a record amount was lowered', () => {
    expect(refundableMinor(totalsOf(100n, attempts))).toBe(0n);
  });
  it('has nothing refundable once voided', () => {
    expect(refundableMinor(totalsOf(1000n, [{ status: 'succeeded', kind: 'void', amountMinor: 1000n }]))).toBe(0n);
  });
  it.each([
    [[], 'not_refunded'],
    [[{ status: 'failed', amountMinor: 1000n }], 'not_refunded'],
    [[{ status: 'succeeded', amountMinor: 400n }], 'partially_refunded'],
    [[{ status: 'succeeded', amountMinor: 1000n }], 'fully_refunded'],
    [[{ status: 'succeeded', amountMinor: 400n }, { status: 'pending', amountMinor: 100n }], 'refund_pending'],
    [[{ status: 'awaiting_approval', amountMinor: 100n }], 'refund_awaiting_approval'],
    [[{ status: 'succeeded', kind: 'void', amountMinor: 1000n }], 'voided'],
  ] as const)('status of %j is %s', (list, status) => {
    expect(refundStatusOf(totalsOf(1000n, list))).toBe(status);
  });
});
