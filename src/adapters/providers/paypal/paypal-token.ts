import * as z from 'zod';
import { type StopReason, untilStopped } from '../http-exchange';
import { type HttpAnswer, sendHttp } from './paypal-http';
import type { PayPalRequest } from './paypal-mapping';

export interface TokenSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly origin: string;
  readonly now: () => number;
}

/** Why no token could be had. Never carries the secret or a token. */
export type TokenProblem =
  /** PayPal answered 4xx to our credentials (invalid_client: wrong id or secret, or sandbox credentials on live) */
  | { readonly kind: 'refused'; readonly detail: Readonly<Record<string, string>> }
  /** no usable answer: 5xx, network, timeout, not a token */
  | { readonly kind: 'unavailable'; readonly detail: Readonly<Record<string, string>> };

export type TokenAnswer = { readonly ok: true; readonly token: string } | { readonly ok: false; readonly problem: TokenProblem };

export interface PayPalTokens {
  /** the cached token, or a new one; concurrent callers share a single token request */
  get(): Promise<TokenAnswer>;
  /** PayPal refused `token` (401): forget it, unless a newer one has replaced it already */
  discard(token: string): void;
}

/** Longer than any provider budget (PROVIDER_TIMEOUT_MS is at most 14 s). */
const TOKEN_REQUEST_LIMIT_MS = 20_000;

/** Renew this long before `expires_in` runs out, so that a token never expires between our check and PayPal's. */
const RENEW_EARLY_MS = 5 * 60 * 1000;

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export function createPayPalTokens(settings: TokenSettings): PayPalTokens {
  let cached: { readonly token: string; readonly renewAt: number } | null = null;
  let inFlight: Promise<TokenAnswer> | null = null;

  const fetchToken = async (): Promise<TokenAnswer> => {
    const requestedAt = settings.now();
    const answer = await requestToken(settings);
    if (answer.kind !== 'token') return { ok: false, problem: answer.problem };
    const lifetimeMs = answer.expiresIn * 1000;
    cached = { token: answer.token, renewAt: requestedAt + lifetimeMs - Math.min(RENEW_EARLY_MS, Math.floor(lifetimeMs / 2)) };
    return { ok: true, token: answer.token };
  };

  return {
    get() {
      if (cached !== null && settings.now() < cached.renewAt) return Promise.resolve({ ok: true, token: cached.token });
      if (inFlight === null) {
        inFlight = fetchToken().finally(() => {
          inFlight = null;
        });
      }
      return inFlight;
    },
    discard(token) {
      if (cached?.token === token) cached = null;
    },
  };
}

type TokenFetch =
  | { readonly kind: 'token'; readonly token: string; readonly expiresIn: number }
  | { readonly kind: 'problem'; readonly problem: TokenProblem };

// https://developer.paypal.com/api/rest/authentication/: POST /v1/oauth2/token, Basic base64(CLIENT_ID:CLIENT_SECRET),
// form body grant_type=client_credentials; the answer holds access_token and expires_in (seconds).
async function requestToken(settings: TokenSettings): Promise<TokenFetch> {
  const request: PayPalRequest = {
    method: 'POST',
    path: '/v1/oauth2/token',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: 'grant_type=client_credentials',
  };
  const credential = Buffer.from(`${settings.clientId}:${settings.clientSecret}`, 'utf8').toString('base64');
  // Shared by every caller waiting for it: each caller waits no longer than its own signal allows, and this limit only
  // frees a request that nobody waits for any more.
  const answer = await sendHttp(settings.origin, request, `Basic ${credential}`, AbortSignal.timeout(TOKEN_REQUEST_LIMIT_MS));
  return readTokenAnswer(answer);
}

function readTokenAnswer(answer: HttpAnswer): TokenFetch {
  const unavailable = (detail: Record<string, string>): TokenFetch => ({ kind: 'problem', problem: { kind: 'unavailable', detail } });
  switch (answer.kind) {
    case 'stopped':
      return unavailable({ reason: 'token_timeout' });
    case 'network':
      return unavailable({ reason: 'token_connection_failed', cause: answer.cause });
    case 'response': {
      const http = { http_status: String(answer.status), ...(answer.debugId ? { debug_id: answer.debugId } : {}) };
      if (answer.status >= 200 && answer.status < 300) {
        const token = tokenSchema.safeParse(answer.body);
        return token.success
          ? { kind: 'token', token: token.data.access_token, expiresIn: token.data.expires_in }
          : unavailable({ reason: 'token_unreadable', ...http });
      }
      if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
        const oauth = oauthErrorSchema.safeParse(answer.body);
        const said = oauth.success
          ? { oauth_error: oauth.data.error, ...(oauth.data.error_description ? { oauth_error_description: oauth.data.error_description } : {}) }
          : {};
        return { kind: 'problem', problem: { kind: 'refused', detail: { reason: 'token_refused', ...http, ...said } } };
      }
      return unavailable({ reason: 'token_unavailable', ...http });
    }
    default: {
      const unreachable: never = answer;
      return unreachable;
    }
  }
}

/** The answer to an API call made with a token; the call is made again once, with a new token, after a 401. */
export type AuthorizedAnswer =
  | HttpAnswer
  /** the signal stopped the wait for a token: the call was never sent, or only sent and refused with 401 */
  | { readonly kind: 'not_sent'; readonly reason: StopReason }
  /** no token could be had: the call was never sent, or only sent and refused with 401 */
  | { readonly kind: 'no_token'; readonly problem: TokenProblem };

/**
 * Runs `send` with a bearer token. A 401 drops the token and runs `send` once more with a fresh one: PayPal did not
 * act on a request it refused to authenticate, and a refund carries the same PayPal-Request-Id both times anyway.
 */
export async function sendWithToken(
  tokens: PayPalTokens,
  signal: AbortSignal,
  send: (authorization: string) => Promise<HttpAnswer>,
): Promise<AuthorizedAnswer> {
  for (let attempt = 1; ; attempt += 1) {
    const waited = await untilStopped(tokens.get(), signal);
    if (!waited.done) return { kind: 'not_sent', reason: waited.reason };
    if (!waited.value.ok) return { kind: 'no_token', problem: waited.value.problem };
    const token = waited.value.token;
    const answer = await send(`Bearer ${token}`);
    if (answer.kind === 'response' && answer.status === 401 && attempt === 1) {
      tokens.discard(token);
      continue;
    }
    return answer;
  }
}
