import type { PaymentProviderName } from '../../src/domain/refund-reason';
import type { PaymentProvider, ProviderLookupRequest, ProviderOutcome, ProviderRefundRequest } from '../../src/ports/payment-provider';

export type FakeProvider = PaymentProvider & {
  readonly calls: ProviderRefundRequest[];
  readonly lookups: ProviderLookupRequest[];
  answer: (request: ProviderRefundRequest) => Promise<ProviderOutcome>;
  lookupAnswer: (request: ProviderLookupRequest) => Promise<ProviderOutcome>;
};

/** A typed stand-in for a provider port: records each call and answers as told (succeeds by default). */
export function fakeProvider(name: PaymentProviderName = 'stripe'): FakeProvider {
  let counter = 0;
  const fake: FakeProvider = {
    name,
    calls: [],
    lookups: [],
    lookupAnswer: async () => ({ status: 'unknown', failure: { code: 'lookup_inconclusive', message: 'No answer yet.' } }),
    answer: async () => ({ status: 'succeeded', providerRefundId: `re_fake_${(counter += 1)}` }),
    describeInvalidTransactionId: (id) => (id.startsWith('bad_') ? 'That is not a payment id of this provider.' : null),
    describeUnsupportedAmount: (amount) => (amount.currency === 'KWD' && amount.minor % 10n !== 0n ? 'KWD amounts must end in 0 here.' : null),
    refund(request) {
      fake.calls.push(request);
      return fake.answer(request);
    },
    lookup(request) {
      fake.lookups.push(request);
      return fake.lookupAnswer(request);
    },
  };
  return fake;
}

export const never = (request: ProviderRefundRequest) =>
  new Promise<ProviderOutcome>((resolve) =>
    request.signal.addEventListener('abort', () => resolve({ status: 'unknown', failure: { code: 'request_aborted', message: 'aborted' } })),
  );
