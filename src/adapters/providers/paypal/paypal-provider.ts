import type { PaymentProvider, ProviderOutcome, ProviderRefundRequest } from '../../../ports/payment-provider';
import { stopReasonOf } from '../http-exchange';
import { notSentOutcome } from '../outcomes';
import { type PayPalContext, callPayPal, refundAnswerOutcome } from './paypal-call';
import { payPalOriginOf } from './paypal-http';
import { lookup } from './paypal-lookup';
import { paidAmount } from './paypal-paid-amount';
import { payPalReports } from './paypal-reports';
import { captureRefundRequest, describeInvalidCaptureId, toPayPalValue } from './paypal-mapping';
import { createPayPalTokens } from './paypal-token';

export interface PayPalProviderConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** https://api-m.paypal.com (live), https://api-m.sandbox.paypal.com, or a local server in tests */
  readonly apiBase: string;
  /** milliseconds since the epoch; the clock the cached token ages by */
  readonly now: () => number;
}

/**
 * PayPal Payments v2 over Node's fetch. PayPal cannot void a capture (it voids authorizations, which this app never
 * holds), so this provider has no `voids`.
 */
export function createPayPalProvider(config: PayPalProviderConfig): PaymentProvider {
  const context = payPalContext(config);
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
    reports: payPalReports(context),
  };
}

/** What calls to PayPal share: the origin and a cached token. */
export function payPalContext(config: PayPalProviderConfig): PayPalContext {
  const origin = payPalOriginOf(config.apiBase);
  return { origin, now: config.now, tokens: createPayPalTokens({ clientId: config.clientId, clientSecret: config.clientSecret, origin, now: config.now }) };
}

async function refund(context: PayPalContext, request: ProviderRefundRequest): Promise<ProviderOutcome> {
  const invalid = describeInvalidCaptureId(request.providerTransactionId);
  if (invalid !== null) {
    return { status: 'failed', providerRefundId: null, failure: { code: 'invalid_transaction_id', message: invalid } };
  }
  const built = captureRefundRequest({
    captureId: request.providerTransactionId,
    attemptId: request.attemptId,
    idempotencyKey: request.idempotencyKey,
    amount: request.amount,
    full: request.isFullAmount,
  });
  if (!built.ok) return { status: 'failed', providerRefundId: null, failure: built.failure };
  if (request.signal.aborted) return notSentOutcome('PayPal', stopReasonOf(request.signal));
  return refundAnswerOutcome('refund', await callPayPal(context, request.signal, built.request));
}
