import type { AttemptFailure, AttemptKind } from '../domain/attempt';
import type { AttemptId, IdempotencyKey } from '../domain/ids';
import type { Money } from '../domain/money';
import type { PaymentProviderName, RefundReason } from '../domain/refund-reason';
import type { ProviderReports } from './provider-reports';

export interface ProviderRefundRequest {
  readonly attemptId: AttemptId;
  readonly idempotencyKey: IdempotencyKey;
  readonly providerTransactionId: string;
  readonly amount: Money;
  /** true when this refund returns everything that was paid and nothing was refunded before */
  readonly isFullAmount: boolean;
  readonly reason: RefundReason;
  readonly cardLast4: string | null;
  /** aborted when the provider time budget runs out */
  readonly signal: AbortSignal;
}

/** What the provider answered. `unknown`: no answer or an answer that does not tell (timeout, 5xx). */
export type ProviderOutcome =
  | { readonly status: 'succeeded'; readonly providerRefundId: string }
  | { readonly status: 'pending'; readonly providerRefundId: string; readonly message?: string }
  | { readonly status: 'failed'; readonly providerRefundId: string | null; readonly failure: AttemptFailure }
  | { readonly status: 'unknown'; readonly failure: AttemptFailure };

export interface ProviderVoidRequest {
  readonly attemptId: AttemptId;
  readonly idempotencyKey: IdempotencyKey;
  readonly providerTransactionId: string;
  /** always the whole payment: a void cancels the transaction before settlement */
  readonly amount: Money;
  readonly cardLast4: string | null;
  readonly signal: AbortSignal;
}

/** Whether a payment can still be voided (cancelled whole, before the provider settles it). */
export type Settlement =
  | { readonly state: 'unsettled' }
  | { readonly state: 'settled' }
  /**
   * the provider could not tell (no answer, an error): neither void nor the unsettled-refund advice is offered.
   * `reason` is ours, for the rep; `detail` is the provider's own words, for the operator's log.
   */
  | { readonly state: 'unknown'; readonly reason: string; readonly detail?: Readonly<Record<string, string>> };

/** An attempt whose outcome is `unknown` (or still `pending`): what became of it at the provider? */
export interface ProviderLookupRequest {
  readonly attemptId: AttemptId;
  readonly idempotencyKey: IdempotencyKey;
  readonly kind: AttemptKind;
  readonly providerTransactionId: string;
  /** known when the provider answered `pending` */
  readonly providerRefundId: string | null;
  readonly amount: Money;
  readonly createdAt: Date;
  readonly signal: AbortSignal;
}

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** A reason the id cannot be one of this provider's payments (checked before anything is recorded), or null. */
  describeInvalidTransactionId(providerTransactionId: string): string | null;
  /** A reason this provider cannot take the amount (its own currency rules), or null. Checked before recording. */
  describeUnsupportedAmount(amount: Money): string | null;
  /** Never throws for provider answers or network trouble: those are outcomes. */
  refund(request: ProviderRefundRequest): Promise<ProviderOutcome>;
  /**
   * Finds the attempt at the provider without sending anything new: `succeeded`/`pending`/`failed` when found,
   * `failed` with code `not_received_by_provider` when the provider surely never got it, `unknown` when it
   * still cannot tell. "Never got it" needs the whole answer: every page of the provider's list read to its end,
   * or a search that by itself returns only this attempt; a search cut short (time budget, page limit, an
   * unreadable or partial answer) is `unknown`. Where a provider can only be asked by repeating the identical
   * request under the same idempotency key, and guarantees that a repeat returns the first outcome
   * (PayPal-Request-Id, kept 45 days), the adapter may do that while the provider keeps the key: it cannot refund
   * twice, at most it completes the refund the rep asked for. Never throws.
   */
  lookup(request: ProviderLookupRequest): Promise<ProviderOutcome>;
  /**
   * The provider's own figure of what the payment took (captured or settled), or null when it cannot tell
   * now. Present where the adapter can read it: it replaces the amount a CRM record gave (design §3). Never throws.
   */
  paidAmount?(providerTransactionId: string, signal: AbortSignal): Promise<Money | null>;
  /** What happened after the fact (late failures, refunds made outside the app, settled pendings): reconciliation. */
  readonly reports?: ProviderReports;
  /** Present only for providers that void (Authorize.net, NMI). */
  readonly voids?: {
    settlement(providerTransactionId: string, signal: AbortSignal): Promise<Settlement>;
    void(request: ProviderVoidRequest): Promise<ProviderOutcome>;
  };
}

export interface PaymentProviders {
  /** null when the provider has no credentials configured */
  get(name: PaymentProviderName): PaymentProvider | null;
}
