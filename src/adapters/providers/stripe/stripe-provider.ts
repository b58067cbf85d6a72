import Stripe from 'stripe';
import type { PaymentProvider, ProviderOutcome, ProviderRefundRequest } from '../../../ports/payment-provider';
import { mustParseBaseUrl } from '../api-base-url';
import { notSentOutcome } from '../outcomes';
import { stopReasonOf } from '../http-exchange';
import { answerOf, refundAnswerOutcome } from './stripe-call';
import { lookup } from './stripe-lookup';
import { stripeReports } from './stripe-reports';
import { describeInvalidStripeId, paymentTargetOf, toStripeAmount, toStripeReason } from './stripe-mapping';
import { paidAmount } from './stripe-paid-amount';

export interface StripeProviderConfig {
  readonly secretKey: string;
  /** https://api.stripe.com, or a local server in tests */
  readonly apiBase: string;
}

// The version stripe@23.1.0 is generated against (its ApiVersion); pinned so an SDK upgrade is a visible change.
// https://docs.stripe.com/api/versioning
/** STRIPE_API_BASE's default */
export const STRIPE_API_ORIGIN = 'https://api.stripe.com';

export const STRIPE_API_VERSION = '2026-10-28.endive';

/**
 * The engine's signal bounds every wait (the SDK takes none); the SDK's socket timeout only frees a request nobody waits
 * for any more, so it is longer than any provider budget (PROVIDER_TIMEOUT_MS is at most 14 s).
 */
const SDK_SOCKET_TIMEOUT_MS = 20_000;

export function createStripeProvider(config: StripeProviderConfig): PaymentProvider {
  const stripe = new Stripe(config.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    ...stripeConnectionOf(config.apiBase),
    timeout: SDK_SOCKET_TIMEOUT_MS,
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
    refund: (request) => refund(stripe, request),
    lookup: (request) => lookup(stripe, request),
    paidAmount: (providerTransactionId, signal) => paidAmount(stripe, providerTransactionId, signal),
    reports: stripeReports(stripe),
  };
}

/** STRIPE_API_BASE → the SDK's host, port and protocol (the SDK takes no base URL). */
export function stripeConnectionOf(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = mustParseBaseUrl('STRIPE_API_BASE', apiBase, 'origin', STRIPE_API_ORIGIN);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port === '' ? (protocol === 'https' ? 443 : 80) : Number(url.port);
  return { host: url.hostname, port, protocol };
}

async function refund(stripe: Stripe, request: ProviderRefundRequest): Promise<ProviderOutcome> {
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
  if (request.signal.aborted) return notSentOutcome('Stripe', stopReasonOf(request.signal));
  const reason = toStripeReason(request.reason);
  const params: Stripe.RefundCreateParams = {
    ...target,
    amount: Number(converted.amount),
    ...(reason === null ? {} : { reason }),
    metadata: { attempt_id: request.attemptId },
  };
  const created = stripe.refunds.create(params, { idempotencyKey: request.idempotencyKey });
  return answerOf(created, request.signal, refundAnswerOutcome);
}
