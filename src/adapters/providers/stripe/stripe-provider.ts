import Stripe from 'stripe';
import type { PaymentProvider, ProviderLookupRequest, ProviderOutcome, ProviderRefundRequest } from '../../../ports/payment-provider';
import { noAnswerOutcome, stripeErrorToOutcome, unreadableAnswerOutcome } from './stripe-errors';
import { describeInvalidStripeId, paymentTargetOf, readRefund, refundToOutcome, toStripeAmount, toStripeReason } from './stripe-mapping';

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
    refund: (request) => refund(stripe, config, request),
    lookup: (request) => lookup(stripe, config, request),
  };
}

/** Refunds of one payment searched for our attempt id (a refund's metadata); a payment has few refunds. */
const LOOKUP_LIMIT = 100;

async function lookup(stripe: Stripe, config: StripeProviderConfig, request: ProviderLookupRequest): Promise<ProviderOutcome> {
  const target = paymentTargetOf(request.providerTransactionId);
  if (target === null) {
    const message = describeInvalidStripeId(request.providerTransactionId) ?? 'This is not a Stripe payment id.';
    return { status: 'unknown', failure: { code: 'invalid_transaction_id', message } };
  }
  const search = request.providerRefundId
    ? stripe.refunds.retrieve(request.providerRefundId).then((found) => [found])
    : stripe.refunds.list({ ...target, limit: LOOKUP_LIMIT }).then((page) => page.data);
  return answerOf(search, request.signal, config, (refunds) => {
    const match = refunds.find((found) => found.id === request.providerRefundId || found.metadata?.attempt_id === request.attemptId);
    const answered = match ? readRefund(match) : null;
    if (match && answered === null) return unreadableAnswerOutcome();
    if (answered) return refundToOutcome(answered);
    return {
      status: 'failed',
      providerRefundId: null,
      failure: {
        code: 'not_received_by_provider',
        message: 'Stripe has no refund for this attempt: nothing was refunded. You can refund again.',
        detail: { searched: request.providerRefundId ?? `refunds of ${request.providerTransactionId}` },
      },
    };
  });
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

async function refund(stripe: Stripe, config: StripeProviderConfig, request: ProviderRefundRequest): Promise<ProviderOutcome> {
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
  const call = stripe.refunds.create(params, { idempotencyKey: request.idempotencyKey });
  return answerOf(call, request.signal, config, (value) => {
    const answered = readRefund(value);
    return answered === null ? unreadableAnswerOutcome() : refundToOutcome(answered);
  });
}

/** Stripe's answer read by `onAnswer`; its errors, our deadline and the caller's abort mapped the same for every call. */
async function answerOf<T>(call: Promise<T>, signal: AbortSignal, config: StripeProviderConfig, onAnswer: (value: T) => ProviderOutcome): Promise<ProviderOutcome> {
  const settled = await settle(call, signal, config.timeoutMs);
  switch (settled.kind) {
    case 'answer':
      return onAnswer(settled.value);
    case 'error':
      return stripeErrorToOutcome(settled.error, config.secretKey);
    case 'deadline':
    case 'aborted':
      return noAnswerOutcome(settled.kind, config.timeoutMs);
    default: {
      const unreachable: never = settled;
      return unreachable;
    }
  }
}

type Settled<T> =
  | { readonly kind: 'answer'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'deadline' }
  | { readonly kind: 'aborted' };

/**
 * Waits for the SDK call, but no longer than the caller's signal and our own deadline allow. The SDK's socket
 * timeout only bounds silence, not the whole exchange; a late answer is dropped and the attempt stays `unknown`.
 */
async function settle<T>(call: Promise<T>, signal: AbortSignal, timeoutMs: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'deadline' }), timeoutMs);
    onAbort = () => resolve({ kind: 'aborted' });
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const answered = call.then(
    (value): Settled<T> => ({ kind: 'answer', value }),
    (error: unknown): Settled<T> => ({ kind: 'error', error }),
  );
  try {
    return await Promise.race([answered, stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
