import type { AttemptKind } from '../domain/attempt';
import type { DisputeRefunds } from '../domain/dispute';
import type { AttemptId } from '../domain/ids';
import type { RefundReason } from '../domain/refund-reason';
import type { ProviderOutcome } from './payment-provider';

/** Which of our attempts a refund at the provider carries, when it carries one. */
export type AttemptMark =
  | { readonly kind: 'attempt_id'; readonly attemptId: string }
  /** Authorize.net's invoice number holds 20 characters: the first 20 hex digits of the attempt id */
  | { readonly kind: 'attempt_token'; readonly token: string };

/** An amount as the provider wrote it: a decimal string, in its currency (null: the payment's own, which it did not repeat). */
export interface ReportedAmount {
  readonly value: string;
  readonly currency: string | null;
}

/** What a provider says about one refund or void of a payment, now: from a webhook, a list or a lookup. */
export interface RefundReport {
  /**
   * the payment, by each id it goes by (a Stripe refund names its PaymentIntent and its Charge): a record holds one.
   * Empty when the provider does not name it (an NMI refund): then only the attempt its mark names can be found.
   */
  readonly paymentIds: readonly string[];
  readonly providerRefundId: string;
  readonly kind: AttemptKind;
  /** our attempt's mark, when the refund carries one (a refund made in the provider's dashboard carries none) */
  readonly mark: AttemptMark | null;
  /** null when the provider did not say: a void takes the whole payment */
  readonly amount: ReportedAmount | null;
  /** where the refund stands at the provider */
  readonly outcome: Exclude<ProviderOutcome, { status: 'unknown' }>;
  /** the reason given at the provider, when it is one of ours */
  readonly reason: RefundReason | null;
  readonly createdAt: Date | null;
}

/** A customer disputed the payment with their bank or the provider. */
export interface DisputeReport {
  readonly paymentIds: readonly string[];
  readonly disputeId: string;
  readonly openedAt: Date;
  /** what the provider still allows while it lasts */
  readonly refunds: DisputeRefunds;
}

/** A payment whose refunds are compared with the provider's, and the attempts the ledger holds for it. */
export interface PaymentToReconcile {
  readonly providerTransactionId: string;
  readonly attempts: readonly { readonly id: AttemptId; readonly kind: AttemptKind; readonly providerRefundId: string | null; readonly createdAt: Date }[];
}

/**
 * What the provider can say about a payment's refunds. `complete`: every refund of the payment is listed; `partial`:
 * only those `missing` does not describe; `unavailable`: nothing could be read now.
 */
export type RefundListing =
  | { readonly kind: 'complete'; readonly refunds: readonly RefundReport[] }
  | { readonly kind: 'partial'; readonly refunds: readonly RefundReport[]; readonly missing: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Reading what happened at the provider after the fact; each method is present where the provider can answer it. */
export interface ProviderReports {
  /** a payment's refunds and voids, as the provider has them now */
  refundsOf(payment: PaymentToReconcile, signal: AbortSignal): Promise<RefundListing>;
  /** one refund by the provider's id: for a webhook that names the refund and nothing else; null when not found */
  refund?(providerRefundId: string, signal: AbortSignal): Promise<RefundReport | null>;
}
