import type { AttemptFailure } from '../domain/attempt';
import type { AttemptId, IdempotencyKey } from '../domain/ids';
import type { Money } from '../domain/money';
import type { PaymentProviderName, RefundReason } from '../domain/refund-reason';

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

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** A reason the id cannot be one of this provider's payments (checked before anything is recorded), or null. */
  describeInvalidTransactionId(providerTransactionId: string): string | null;
  /** A reason this provider cannot take the amount (its own currency rules), or null. Checked before recording. */
  describeUnsupportedAmount(amount: Money): string | null;
  /** Never throws for provider answers or network trouble: those are outcomes. */
  refund(request: ProviderRefundRequest): Promise<ProviderOutcome>;
}

export interface PaymentProviders {
  /** null when the provider has no credentials configured */
  get(name: PaymentProviderName): PaymentProvider | null;
}
