import nock from 'nock';
import { payPalModule } from '../../../src/adapters/providers/paypal/paypal-module';
import { money } from '../../../src/domain/money';
import { ACCESS_TOKEN, ATTEMPT_ID, BASIC_AUTH, CAPTURE_ID, CLIENT_ID, CLIENT_SECRET, FORM_KEY, PAYPAL_API, REFUND_ID } from './paypal-fixtures';
import { providerRequests } from '../../support/provider-requests';

export * from './paypal-fixtures';

/*
 * PayPal replaced with nock 14, which intercepts Node's fetch. Interceptors only answer requests that carry the headers
 * and the exact body bytes the adapter must send; every request that reaches nock, matched or not, is recorded so that
 * tests compare the whole request and a stray one is reported by name.
 */
const requests = providerRequests({
  attemptId: ATTEMPT_ID,
  idempotencyKey: FORM_KEY,
  providerTransactionId: CAPTURE_ID,
  amount: money(10000n, 'USD'),
  cardLast4: null,
  isFullAmount: true,
  createdAt: () => new Date(),
});
export const refundRequest = requests.refund;
export const lookupRequest = requests.lookup;

/** The adapter as the app builds it: through its module, its outcomes redacted of the secret. `now` ages the token. */
export const payPalProvider = (options: { now?: () => number } = {}) =>
  payPalModule.create(
    { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiBase: PAYPAL_API, webhookId: null },
    { clock: { now: () => new Date(options.now?.() ?? Date.now()) } },
  );

export interface SentRequest {
  readonly method: string;
  readonly path: string;
  /** every header the adapter sent, lower-cased, `host` included */
  readonly headers: Readonly<Record<string, string>>;
  /** the body bytes as sent, '' for none */
  readonly body: string;
}

/** Requests that reached an interceptor, in order. */
export const sent: SentRequest[] = [];
/** Requests nock had no interceptor for (they fail with a network error, which the adapter turns into an outcome). */
export const unmatched: SentRequest[] = [];

interface NockRequest {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, unknown>;
  getHeaders?: () => Record<string, unknown>;
}

function record(req: NockRequest, body: unknown, host?: string): SentRequest {
  const raw = { ...(req.headers ?? req.getHeaders?.() ?? {}) };
  const headers = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name.toLowerCase(), String(value)]));
  if (host && !headers.host) headers.host = host;
  return { method: req.method ?? '?', path: req.path ?? '?', headers, body: typeof body === 'string' ? body : '' };
}

nock.emitter.on('no match', (req: NockRequest, options: { hostname?: string; path?: string } | undefined, body: unknown) => {
  unmatched.push({ ...record(req, body, options?.hostname), path: req.path ?? options?.path ?? '?' });
});

function recorded(scope: nock.Scope): nock.Scope {
  scope.on('request', (req: NockRequest, _interceptor: unknown, body: unknown) => sent.push(record(req, body)));
  return scope;
}

/** POST /v1/oauth2/token with our Basic credentials and the exact form body. */
export function tokenEndpoint(): nock.Interceptor {
  return recorded(
    nock(PAYPAL_API).matchHeader('authorization', BASIC_AUTH).matchHeader('content-type', 'application/x-www-form-urlencoded'),
  ).post('/v1/oauth2/token', 'grant_type=client_credentials');
}

/** POST /v2/payments/captures/{id}/refund with the token, our key, JSON, return=representation, and exactly `body`. */
export function refundEndpoint(body: string, token = ACCESS_TOKEN, key = FORM_KEY): nock.Interceptor {
  return recorded(
    nock(PAYPAL_API)
      .matchHeader('authorization', `Bearer ${token}`)
      .matchHeader('paypal-request-id', key)
      .matchHeader('content-type', 'application/json')
      .matchHeader('prefer', 'return=representation'),
  ).post(`/v2/payments/captures/${CAPTURE_ID}/refund`, body);
}

export function captureEndpoint(token = ACCESS_TOKEN): nock.Interceptor {
  return recorded(nock(PAYPAL_API).matchHeader('authorization', `Bearer ${token}`)).get(`/v2/payments/captures/${CAPTURE_ID}`);
}

export function refundDetailsEndpoint(refundId = REFUND_ID, token = ACCESS_TOKEN): nock.Interceptor {
  return recorded(nock(PAYPAL_API).matchHeader('authorization', `Bearer ${token}`)).get(`/v2/payments/refunds/${refundId}`);
}

const host = new URL(PAYPAL_API).host;

/** The exact token request: Basic credentials, form content type, the one form field. */
export const tokenCall: SentRequest = {
  method: 'POST',
  path: '/v1/oauth2/token',
  headers: { authorization: BASIC_AUTH, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', host },
  body: 'grant_type=client_credentials',
};

/** The exact refund request: every header and the body bytes. */
export function refundCall(body: string, token = ACCESS_TOKEN, key = FORM_KEY): SentRequest {
  return {
    method: 'POST',
    path: `/v2/payments/captures/${CAPTURE_ID}/refund`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'paypal-request-id': key, prefer: 'return=representation', host },
    body,
  };
}

export function getCall(path: string, token = ACCESS_TOKEN): SentRequest {
  return { method: 'GET', path, headers: { authorization: `Bearer ${token}`, host }, body: '' };
}

/** A full refund names no amount; every refund names our attempt as custom_id. */
export const FULL_BODY = `{"custom_id":"${ATTEMPT_ID}"}`;
export const partialBody = (value: string, currency = 'USD') => `{"amount":{"value":"${value}","currency_code":"${currency}"},"custom_id":"${ATTEMPT_ID}"}`;

/**
 * For afterEach, before nock.cleanAll(): what was left over (expected calls never made, stray requests). Forgets the
 * recorded requests and drops any delayed reply still scheduled for a request the adapter stopped waiting for.
 */
export function takeLeftovers(): { pending: string[]; unmatched: readonly SentRequest[] } {
  const leftovers = { pending: nock.pendingMocks(), unmatched: [...unmatched] };
  sent.length = 0;
  unmatched.length = 0;
  nock.abortPendingRequests();
  return leftovers;
}
