import type { AttemptKind, AttemptStatus, RefundAttempt } from '../domain/attempt';
import type { CurrencyCode } from '../domain/currency';
import type { PaymentProviderName, RefundReason } from '../domain/refund-reason';

/** Which attempts a report covers: each list is "any of" (empty = all), the period is [from, to). */
export interface RefundFilter {
  readonly from: Date | null;
  readonly to: Date | null;
  readonly statuses: readonly AttemptStatus[];
  readonly reasons: readonly RefundReason[];
  readonly providers: readonly PaymentProviderName[];
  readonly requestedBy: readonly string[];
  readonly currencies: readonly CurrencyCode[];
  readonly kinds: readonly AttemptKind[];
}

export const GROUP_BY = ['reason', 'requestedBy', 'provider', 'currency', 'status'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** One group's totals in one currency (amounts of different currencies are never added). */
export interface SummaryRow {
  readonly key: string;
  /** for requestedBy: the name the ledger kept */
  readonly name: string | null;
  readonly currency: CurrencyCode;
  /** succeeded refunds (voids apart) */
  readonly refundedMinor: bigint;
  readonly refundedCount: number;
  /** not decided yet: in flight at the provider or awaiting approval */
  readonly pendingMinor: bigint;
  readonly failedCount: number;
}

export interface RefundReports {
  /** Attempts across payments, newest first. */
  listRefunds(filter: RefundFilter, page: { readonly limit: number; readonly cursor: string | null }): Promise<{ attempts: RefundAttempt[]; nextCursor: string | null }>;
  summarize(filter: RefundFilter, groupBy: GroupBy): Promise<SummaryRow[]>;
}
