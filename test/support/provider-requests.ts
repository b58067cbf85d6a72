import { attemptId, idempotencyKey } from '../../src/domain/ids';
import type { Money } from '../../src/domain/money';
import type { ProviderLookupRequest, ProviderRefundRequest, ProviderVoidRequest } from '../../src/ports/payment-provider';

/** What one provider's adapter tests call with, unless a test says otherwise. */
export interface RequestDefaults {
  readonly attemptId: string;
  readonly idempotencyKey: string;
  readonly providerTransactionId: string;
  readonly amount: Money;
  readonly cardLast4: string | null;
  readonly isFullAmount: boolean;
  /** when a looked-up attempt was made, computed at each call */
  readonly createdAt: () => Date;
}

/** The engine's requests to a provider port, built from one provider's defaults; each with a fresh signal. */
export function providerRequests(defaults: RequestDefaults) {
  const common = () => ({
    attemptId: attemptId(defaults.attemptId),
    idempotencyKey: idempotencyKey(defaults.idempotencyKey),
    providerTransactionId: defaults.providerTransactionId,
    amount: defaults.amount,
  });
  return {
    refund: (changes: Partial<ProviderRefundRequest> = {}): ProviderRefundRequest => ({
      ...common(),
      isFullAmount: defaults.isFullAmount,
      reason: 'requested_by_customer',
      cardLast4: defaults.cardLast4,
      signal: new AbortController().signal,
      ...changes,
    }),
    void: (changes: Partial<ProviderVoidRequest> = {}): ProviderVoidRequest => ({
      ...common(),
      cardLast4: defaults.cardLast4,
      signal: new AbortController().signal,
      ...changes,
    }),
    lookup: (changes: Partial<ProviderLookupRequest> = {}): ProviderLookupRequest => ({
      ...common(),
      kind: 'refund',
      providerRefundId: null,
      createdAt: defaults.createdAt(),
      signal: new AbortController().signal,
      ...changes,
    }),
  };
}
