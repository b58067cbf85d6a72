import type { PaymentProvider, ProviderOutcome, ProviderRefundRequest } from '../../../ports/payment-provider';
import { type PayPalContext, callPayPal, refundAnswerOutcome } from './paypal-call';
import { notSentOutcome } from './paypal-errors';
import { payPalOriginOf, startBudget } from './paypal-http';
import { lookup } from './paypal-lookup';
import { paidAmount } from './paypal-paid-amount';
import { captureRefundRequest, describeInvalidCaptureId, toPayPalValue } from './paypal-mapping';
import { createPayPalTokens } from './paypal-token';

export interface PayPalProviderConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** https://api-m.paypal.com (live), https://api-m.sandbox.paypal.com, or a local server in tests */
  readonly apiBase: string;
  /** the whole budget of one refund or lookup, the token request included */
  readonly timeoutMs: number;
  /** milliseconds since the epoch; injected by tests to age the cached token */
  readonly now?: () => number;
}

/**
 * PayPal Payments v2 over Node's fetch. PayPal cannot void a capture (it voids authorizations, which this app never
 * holds), so this provider has no `voids`.
 */
export function createPayPalProvider(config: PayPalProviderConfig): PaymentProvider {
  const origin = payPalOriginOf(config.apiBase);
  const now = config.now ?? Date.now;
  const context: PayPalContext = {
    origin,
    timeoutMs: config.timeoutMs,
    now,
    tokens: createPayPalTokens({ clientId: config.clientId, clientSecret: config.clientSecret, origin, timeoutMs: config.timeoutMs, now }),
    redact: (text) => (config.clientSecret === '' ? text : text.split(config.clientSecret).join('[redacted]')),
  };
  return {
    name: 'paypal',
    describeInvalidTransactionId: describeInvalidCaptureId,
    describeUnsupportedAmount: (amount) => {
      const value = toPayPalValue(amount);
      return value.ok ? null : value.failure.message;
    },
    refund: (request) => refund(context, request),
    lookup: (request) => lookup(context, request),
    paidAmount: (providerTransactionId, signal) => paidAmount(context, providerTransactionId, signal),
  };
}

async function refund(context: PayPalContext, request: ProviderRefundRequest): Promise<ProviderOutcome> {
  const invalid = describeInvalidCaptureId(request.providerTransactionId);
  if (invalid !== null) {
    return { status: 'failed', providerRefundId: null, failure: { code: 'invalid_transaction_id', message: invalid } };
  }
  const built = captureRefundRequest({
    captureId: request.providerTransactionId,
    idempotencyKey: request.idempotencyKey,
    amount: request.amount,
    full: request.isFullAmount,
  });
  if (!built.ok) return { status: 'failed', providerRefundId: null, failure: built.failure };
  if (request.signal.aborted) return notSentOutcome('aborted_before_sending');
  const budget = startBudget(request.signal, context.timeoutMs);
  try {
    const answer = await callPayPal(context, budget, built.request);
    return refundAnswerOutcome('refund', answer, context, budget);
  } finally {
    budget.end();
  }
}
