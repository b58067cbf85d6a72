import { type AttemptKind, type AttemptStatus, shareOf } from './attempt';
import { assertNever } from './assert-never';

export const REFUND_STATUSES = ['not_refunded', 'refund_awaiting_approval', 'refund_pending', 'partially_refunded', 'fully_refunded', 'voided'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** A payment's running totals (the ledger keeps them with every transition, design §3). */
export interface RefundTotals {
  readonly paidMinor: bigint;
  /** Σ succeeded refunds: money returned (voids apart) */
  readonly refundedMinor: bigint;
  /** Σ succeeded voids: the payment cancelled before settlement */
  readonly voidedMinor: bigint;
  /** Σ pending + unknown */
  readonly inFlightMinor: bigint;
  /** Σ awaiting approval */
  readonly heldMinor: bigint;
}

export const NO_ATTEMPTS = { refundedMinor: 0n, voidedMinor: 0n, inFlightMinor: 0n, heldMinor: 0n } as const;

/** The totals of a list of attempts (for tests and for checking the ledger's running totals). */
export function totalsOf(paidMinor: bigint, attempts: readonly { status: AttemptStatus; kind?: AttemptKind; amountMinor: bigint }[]): RefundTotals {
  let refundedMinor = 0n;
  let voidedMinor = 0n;
  let inFlightMinor = 0n;
  let heldMinor = 0n;
  for (const attempt of attempts) {
    const share = shareOf(attempt.status);
    switch (share) {
      case 'returned':
        if (attempt.kind === 'void') voidedMinor += attempt.amountMinor;
        else refundedMinor += attempt.amountMinor;
        break;
      case 'in_flight':
        inFlightMinor += attempt.amountMinor;
        break;
      case 'held':
        heldMinor += attempt.amountMinor;
        break;
      case 'none':
        break;
      default:
        assertNever(share);
    }
  }
  return { paidMinor, refundedMinor, voidedMinor, inFlightMinor, heldMinor };
}

/** refundable = paid − Σ(succeeded + pending + unknown + awaiting approval), nothing once voided, never below zero. */
export function refundableMinor(totals: RefundTotals): bigint {
  if (totals.voidedMinor > 0n) return 0n;
  const left = totals.paidMinor - totals.refundedMinor - totals.inFlightMinor - totals.heldMinor;
  return left > 0n ? left : 0n;
}

export function refundStatusOf(totals: RefundTotals): RefundStatus {
  if (totals.voidedMinor > 0n) return 'voided';
  if (totals.inFlightMinor > 0n) return 'refund_pending';
  if (totals.heldMinor > 0n) return 'refund_awaiting_approval';
  if (totals.refundedMinor === 0n) return 'not_refunded';
  return totals.refundedMinor >= totals.paidMinor ? 'fully_refunded' : 'partially_refunded';
}
