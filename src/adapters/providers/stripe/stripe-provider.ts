import Stripe from 'stripe';
import type { PaymentProvider, ProviderOutcome, ProviderRefundRequest } from '../../../ports/payment-provider';
import { answerOf, refundAnswerOutcome, type StripeCall } from './stripe-call';
import { lookup } from './stripe-lookup';
import { describeInvalidStripeId, paymentTargetOf, toStripeAmount, toStripeReason } from './stripe-mapping';
import { paidAmount } from './stripe-paid-amount';

export interface StripeProviderConfig {
  readonly secretKey: string;
  /** https://api.stripe.com, or a local server in tests */
  readonly apiBase: string;
  readonly timeoutMs: number;
}

// The version stripe@23.1.0 is generated against (its ApiVersion); pinned so an SDK upgrade is a visible change.
// https://docs.stripe.com/api/versioning
const STRIPE_API_VERSION = '2026-10-28.endive';

export function createStripeProvider(config: StripeProviderConfig): PaymentProvider {
  const stripe = new Stripe(config.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    ...stripeConnectionOf(config.apiBase),
    timeout: config.timeoutMs,
    // Never retry on our own: an unanswered refund becomes `unknown` and is looked up, not resent blindly.
    maxNetworkRetries: 0,
    telemetry: false,
  });
  return {
    name: 'stripe',
    describeInvalidTransactionId: describeInvalidStripeId,
    describeUnsupportedAmount: (amount) => {
      const converted = toStripeAmount(amount);
      return converted.ok ? null : converted.failure.message;
    },
    refund: (request) => refund({ stripe, ...config }, request),
    lookup: (request) => lookup({ stripe, ...config }, request),
    paidAmount: (providerTransactionId, signal) => paidAmount({ stripe, ...config }, providerTransactionId, signal),
  };
}

/** STRIPE_API_BASE → the SDK's host, port and protocol (the SDK takes no base URL). */
export function stripeConnectionOf(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new Error(`STRIPE_API_BASE is not a URL: "${apiBase}"`);
  }
  const protocol = url.protocol === 'https:' ? 'https' : url.protocol === 'http:' ? 'http' : null;
  if (protocol === null || (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.username !== '' || url.password !== '') {
    const shown = `${url.protocol}//${url.host}${url.pathname}`;
    throw new Error(`STRIPE_API_BASE must be a bare http(s) origin such as https://api.stripe.com, not "${shown}"`);
  }
  const port = url.port === '' ? (protocol === 'https' ? 443 : 80) : Number(url.port);
  return { host: url.hostname, port, protocol };
}

async function refund(call: StripeCall, request: ProviderRefundRequest): Promise<ProviderOutcome> {
  const target = paymentTargetOf(request.providerTransactionId);
  if (target === null) {
    const message = describeInvalidStripeId(request.providerTransactionId) ?? 'This is not a Stripe payment id.';
    return { status: 'failed', providerRefundId: null, failure: { code: 'invalid_transaction_id', message } };
  }
  const converted = toStripeAmount(request.amount);
  if (!converted.ok) return { status: 'failed', providerRefundId: null, failure: converted.failure };
  // The SDK takes a JavaScript number: the bigint crosses over only here, and only while every digit survives.
  if (converted.amount > BigInt(Number.MAX_SAFE_INTEGER)) {
    return {
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'amount_not_accepted_by_provider',
        message: 'The amount is too large for a single Stripe refund, so nothing was sent.',
        detail: { stripe_amount: converted.amount.toString() },
      },
    };
  }
  if (request.signal.aborted) {
    return {
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_sent',
        message: 'The time allowed for this refund ran out before Stripe was asked, so nothing was refunded. Try again.',
        detail: { reason: 'aborted_before_sending' },
      },
    };
  }
  const reason = toStripeReason(request.reason);
  const params: Stripe.RefundCreateParams = {
    ...target,
    amount: Number(converted.amount),
    ...(reason === null ? {} : { reason }),
    metadata: { attempt_id: request.attemptId },
  };
  const created = call.stripe.refunds.create(params, { idempotencyKey: request.idempotencyKey });
  return answerOf(call, created, request.signal, Date.now() + call.timeoutMs, refundAnswerOutcome);
}
