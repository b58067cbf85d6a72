import nock from 'nock';
import { stripeModule } from '../../../src/adapters/providers/stripe/stripe-module';
import { systemClock } from '../../../src/ports/clock';
import { money } from '../../../src/domain/money';
import { readSpecJson } from '../../support/specs';
import { providerRequests } from '../../support/provider-requests';

/*
 * Stripe replaced with nock 14 (nock 15 cannot run here: it is ESM-only, which Jest 30 cannot require without
 * transforming it, and @mswjs/interceptors 0.44 calls Promise.withResolvers, which Node 20 lacks). The SDK runs its
 * real HTTP stack against https://api.stripe.com. The interceptor only answers a POST /v1/refunds that carries our
 * key, Idempotency-Key, form content type and pinned Stripe-Version; every request that reaches nock, matched or not,
 * is recorded so that the tests compare the whole request and report a stray one by name.
 */
export const STRIPE_API = 'https://api.stripe.com';
export const STRIPE_VERSION = '2026-10-28.endive';
export const SECRET_KEY = 'sk_test_51PgafTB7WZ01zgkWsecretvalue000000000000';
export const REQUEST_ID = 'req_8Gq1BwJ2yZ0k3V';
export const ATTEMPT_ID = 'att_01JD5K8Q4V2N';
export const FORM_KEY = 'form-7f3c2a9e-5b1d-4c8e-9a6f-2d4b8e1c0a57';
export const PAYMENT_INTENT = 'pi_1PgafyB7WZ01zgkWSjxsAJo3';
/** what Stripe sends with every answer, errors included */
export const STRIPE_HEADERS = { 'Content-Type': 'application/json', 'request-id': REQUEST_ID } as const;

type StripeObject = Record<string, unknown>;
const fixtures = readSpecJson<{ resources: { refund: StripeObject } }>('stripe/fixtures3.json');

type RefundChanges = Partial<Record<'id' | 'amount' | 'currency' | 'status' | 'charge' | 'payment_intent' | 'metadata' | 'failure_reason', unknown>>;

/** Stripe's own example Refund with only ids, amounts, currency and status changed. */
export function refundFixture(changes: RefundChanges): StripeObject {
  return { ...structuredClone(fixtures.resources.refund), ...changes };
}

/** The fields of Stripe's error object (https://docs.stripe.com/api/errors); absent ones are simply not sent. */
export interface StripeErrorFields {
  readonly type: string;
  readonly message: string;
  readonly code?: string;
  readonly decline_code?: string;
  readonly param?: string;
  readonly doc_url?: string;
  readonly request_log_url?: string;
}

export function stripeError(error: StripeErrorFields): { error: StripeErrorFields } {
  return { error };
}

const requests = providerRequests({
  attemptId: ATTEMPT_ID,
  idempotencyKey: FORM_KEY,
  providerTransactionId: PAYMENT_INTENT,
  amount: money(1099n, 'USD'),
  cardLast4: null,
  isFullAmount: true,
  createdAt: () => new Date(),
});
export const refundRequest = requests.refund;
export const lookupRequest = requests.lookup;

/** The adapter as the app builds it: through its module, its outcomes redacted of the key. */
export const stripeProvider = () => stripeModule.create({ secretKey: SECRET_KEY, apiBase: STRIPE_API, webhookSecret: null }, { clock: systemClock });

export interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, unknown>>;
  /** the form-encoded body, every field, sorted by name */
  readonly fields: readonly (readonly [string, string])[];
}

/** Requests that reached an interceptor, in order. */
export const sent: SentRequest[] = [];
/**
 * Requests nock had no interceptor for (wrong path or a header that does not match): they fail with a network error,
 * which the adapter turns into `unknown`; afterEach then shows them here with the headers that matter.
 */
export const unmatched: (SentRequest & { readonly host: string })[] = [];

interface NockRequest {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, unknown>;
  getHeaders?: () => Record<string, unknown>;
}

const HEADERS_THAT_MATTER = ['idempotency-key', 'authorization', 'content-type', 'stripe-version'] as const;

function record(req: NockRequest, body: unknown): SentRequest {
  const fields = [...new URLSearchParams(typeof body === 'string' ? body : '').entries()];
  return {
    method: req.method ?? '?',
    path: req.path ?? '?',
    headers: { ...(req.headers ?? req.getHeaders?.() ?? {}) },
    fields: fields.sort(([a], [b]) => a.localeCompare(b)),
  };
}

nock.emitter.on('no match', (req: NockRequest, options: { host?: string; hostname?: string } | undefined, body: unknown) => {
  const request = record(req, body);
  const headers = Object.fromEntries(HEADERS_THAT_MATTER.map((name) => [name, request.headers[name]]));
  unmatched.push({ ...request, host: options?.hostname ?? options?.host ?? '?', headers });
});

/** The POST /v1/refunds Stripe answers, when it carries the headers the adapter must send. */
export function refundsEndpoint(): nock.Interceptor {
  const scope = nock(STRIPE_API)
    .matchHeader('authorization', `Bearer ${SECRET_KEY}`)
    .matchHeader('idempotency-key', FORM_KEY)
    .matchHeader('content-type', 'application/x-www-form-urlencoded')
    .matchHeader('stripe-version', STRIPE_VERSION);
  scope.on('request', (req: NockRequest, _interceptor: unknown, body: unknown) => sent.push(record(req, body)));
  return scope.post('/v1/refunds');
}

/** One page of GET /v1/refunds as Stripe answers it (https://docs.stripe.com/api/pagination). */
export function refundList(refunds: readonly StripeObject[], hasMore: boolean): StripeObject {
  return { object: 'list', url: '/v1/refunds', has_more: hasMore, data: refunds };
}

/** `count` refunds of the payment that are not this attempt's (made by other attempts or in the Stripe dashboard). */
export function otherRefunds(count: number, firstNumber = 1): StripeObject[] {
  return Array.from({ length: count }, (_, i) => {
    const n = firstNumber + i;
    const metadata = n % 2 === 0 ? { attempt_id: `att_other_${n}` } : {};
    return refundFixture({ id: `re_3Pother${n.toString().padStart(5, '0')}`, amount: 100, payment_intent: PAYMENT_INTENT, metadata });
  });
}

/**
 * GET /v1/refunds with exactly this query (nock compares every parameter), carrying our key and the pinned version;
 * `onRequest` runs when the request arrives.
 */
export function refundListEndpoint(query: Readonly<Record<string, string>>, onRequest?: () => void): nock.Interceptor {
  const scope = nock(STRIPE_API).matchHeader('authorization', `Bearer ${SECRET_KEY}`).matchHeader('stripe-version', STRIPE_VERSION);
  scope.on('request', (req: NockRequest, _interceptor: unknown, body: unknown) => {
    sent.push(record(req, body));
    onRequest?.();
  });
  return scope.get('/v1/refunds').query({ ...query });
}

/** The exact request the adapter must send: method, path, the headers that matter, and the complete form body. */
export function refundCall(fields: readonly (readonly [string, string])[]): SentRequest {
  return {
    method: 'POST',
    path: '/v1/refunds',
    headers: expect.objectContaining({
      'idempotency-key': FORM_KEY,
      authorization: `Bearer ${SECRET_KEY}`,
      'content-type': 'application/x-www-form-urlencoded',
      'stripe-version': STRIPE_VERSION,
    }) as Record<string, unknown>,
    fields,
  };
}

/** The form body of a refund of `pi_…` with our attempt id, for the cases that only vary the amount. */
export function paymentIntentFields(amount: string, reason: string | null = 'requested_by_customer'): [string, string][] {
  return [
    ['amount', amount],
    ['metadata[attempt_id]', ATTEMPT_ID],
    ['payment_intent', PAYMENT_INTENT],
    ...(reason === null ? [] : [['reason', reason] as [string, string]]),
  ];
}

/**
 * For afterEach, before nock.cleanAll(): what was left over (expected calls never made, stray requests). Forgets the
 * recorded requests and drops any delayed reply still scheduled for a request the adapter stopped waiting for.
 */
export function takeLeftovers(): { pending: string[]; unmatched: readonly unknown[] } {
  const leftovers = { pending: nock.pendingMocks(), unmatched: [...unmatched] };
  sent.length = 0;
  unmatched.length = 0;
  nock.abortPendingRequests();
  return leftovers;
}
