import type { AttemptStatus } from './attempt';
import { holdsAmount } from './attempt';

export const REFUND_STATUSES = ['not_refunded', 'refund_pending', 'partially_refunded', 'fully_refunded'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface RefundTotals {
  readonly paidMinor: bigint;
  /** Σ succeeded */
  readonly refundedMinor: bigint;
  /** Σ pending + unknown */
  readonly inFlightMinor: bigint;
}

export function totalsOf(paidMinor: bigint, attempts: readonly { status: AttemptStatus; amountMinor: bigint }[]): RefundTotals {
  let refundedMinor = 0n;
  let inFlightMinor = 0n;
  for (const attempt of attempts) {
    if (attempt.status === 'succeeded') refundedMinor += attempt.amountMinor;
    else if (holdsAmount(attempt.status)) inFlightMinor += attempt.amountMinor;
  }
  return { paidMinor, refundedMinor, inFlightMinor };
}

/** refundable = paid − Σ(succeeded + pending + unknown), never below zero. */
export function refundableMinor(totals: RefundTotals): bigint {
  const left = totals.paidMinor - totals.refundedMinor - totals.inFlightMinor;
  return left > 0n ? left : 0n;
}

export function refundStatusOf(totals: RefundTotals): RefundStatus {
  if (totals.inFlightMinor > 0n) return 'refund_pending';
  if (totals.refundedMinor === 0n) return 'not_refunded';
  return totals.refundedMinor >= totals.paidMinor ? 'fully_refunded' : 'partially_refunded';
}
