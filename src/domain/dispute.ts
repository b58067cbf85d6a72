/**
 * A disputed payment (a chargeback or a buyer's claim) and what its provider still allows: refunds as usual, only a
 * refund of everything that is left, or none until the dispute is over. The provider's adapter tells which.
 */
export const DISPUTE_REFUNDS = ['allowed', 'full_only', 'refused'] as const;
export type DisputeRefunds = (typeof DISPUTE_REFUNDS)[number];

export interface Dispute {
  readonly openedAt: Date;
  readonly refunds: DisputeRefunds;
}

/** Whether the provider would refuse this refund of a disputed payment (checked before anything is sent). */
export function refusedByDispute(dispute: Dispute | null, amountMinor: bigint, refundableMinor: bigint): boolean {
  if (!dispute) return false;
  switch (dispute.refunds) {
    case 'allowed':
      return false;
    case 'full_only':
      return amountMinor !== refundableMinor;
    case 'refused':
      return true;
    default: {
      const unreachable: never = dispute.refunds;
      return unreachable;
    }
  }
}
