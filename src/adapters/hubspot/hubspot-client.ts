import * as z from 'zod';
import { AppError } from '../../domain/errors';
import { HttpClient, Request } from './hubspot-sdk';

export const DEFAULT_HUBSPOT_BASE_URL = 'https://api.hubapi.com';

export interface HubSpotClientOptions {
  readonly accessToken: string;
  /** HUBSPOT_BASE_URL, default https://api.hubapi.com; may carry a path prefix (a proxy, a local test server) */
  readonly baseUrl?: string;
  /** extra attempts after the first for 429, 5xx and network failures (default 2) */
  readonly retries?: number;
  /** first backoff delay, doubled on each retry and capped at `max` (default 250 ms, 1 s) */
  readonly backoffMs?: { readonly base: number; readonly max: number };
  /** one attempt gives up after this long (default 2 s) */
  readonly attemptTimeoutMs?: number;
  /** one logical call, retries included, never takes longer than this (default 3 s) */
  readonly deadlineMs?: number;
}

export type HubSpotMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

export interface HubSpotRequest {
  readonly method: HubSpotMethod;
  /** path with its segments already encoded, e.g. `/crm/v3/objects/deals/42` */
  readonly path: string;
  readonly query?: readonly (readonly [string, string])[];
  readonly body?: unknown;
}

export interface HubSpotResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * HTTP to HubSpot: answers every response except 429/5xx (the caller decides what a 404 means), retries
 * 429/5xx/network failures with backoff inside a deadline, then throws AppError CRM_UNAVAILABLE.
 */
export interface HubSpotClient {
  readonly baseUrl: string;
  send(request: HubSpotRequest): Promise<HubSpotResponse>;
}

const UNAVAILABLE = 'HubSpot is not answering right now; try again in a minute.';
const DAILY_LIMIT = "HubSpot's daily API limit for this account is used up; try again after it resets at midnight (account time zone).";

type Outcome =
  | { readonly kind: 'response'; readonly status: number; readonly retryAfter: string | null; readonly body: unknown }
  | { readonly kind: 'no_response'; readonly reason: 'timeout' | 'network'; readonly errorCode?: string };

export function createHubSpotClient(options: HubSpotClientOptions): HubSpotClient {
  if (!options.accessToken.trim()) throw new Error('The HubSpot access token is empty.');
  const baseUrl = (options.baseUrl ?? DEFAULT_HUBSPOT_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(baseUrl)) throw new Error(`HUBSPOT_BASE_URL must be an http(s) URL, got "${baseUrl}".`);
  const retries = options.retries ?? 2;
  const backoff = options.backoffMs ?? { base: 250, max: 1_000 };
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 2_000;
  const deadlineMs = options.deadlineMs ?? 3_000;

  // The SDK's own retry (Client's numberOfApiCallRetries) is not used: it waits 10 s × attempt on a
  // TEN_SECONDLY_ROLLING 429 (past hubspot.fetch's 15 s budget), does not retry other 429s, has no overall deadline,
  // logs through console.error, and is a process-wide singleton (ApiDecoratorService) shared by every Client instance.
  // Source: @hubspot/api-client 13.5.0 lib/src/services/decorators/RetryDecorator.js, lib/src/client.js.
  const sdk: SdkConfig = { accessToken: options.accessToken, basePath: baseUrl };

  async function send(request: HubSpotRequest): Promise<HubSpotResponse> {
    const started = Date.now();
    let last: Outcome = { kind: 'no_response', reason: 'timeout' };
    let attempts = 0;
    while (true) {
      const left = deadlineMs - (Date.now() - started);
      last = await attempt(sdk, request, Math.max(1, Math.min(attemptTimeoutMs, left)));
      attempts += 1;
      const verdict = classify(last);
      if (verdict === 'answer' && last.kind === 'response') return { status: last.status, body: last.body };
      if (verdict === 'give_up' || attempts > retries) break;
      const wait = delayBefore(attempts, last, backoff);
      if (Date.now() - started + wait >= deadlineMs) break;
      await sleep(wait);
    }
    throw unavailable(last, attempts);
  }

  return { baseUrl, send };
}

type SdkConfig = ConstructorParameters<typeof Request>[0];

async function attempt(sdk: SdkConfig, request: HubSpotRequest, timeoutMs: number): Promise<Outcome> {
  const params = new URLSearchParams();
  for (const [name, value] of request.query ?? []) params.append(name, value);
  const query = params.size > 0 ? `?${params.toString()}` : '';
  const abandoned = new AbortController();
  const sdkRequest = new Request(sdk, { method: request.method, path: request.path + query, body: request.body });
  // HttpClient.send passes getSendData() to node-fetch 2, which accepts an AbortSignal: an attempt given up on
  // closes its socket, rather than keep it open for as long as a stalled HubSpot keeps silent.
  const sendData = sdkRequest.getSendData.bind(sdkRequest);
  sdkRequest.getSendData = () => ({ ...sendData(), signal: abandoned.signal });
  const call: Promise<Outcome> = HttpClient.send(sdkRequest)
    .then(async (response) => ({
      kind: 'response' as const,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: parseBody(await response.text()),
    }))
    .catch((error: unknown) => ({ kind: 'no_response' as const, reason: 'network' as const, errorCode: networkErrorCode(error) }));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      resolve({ kind: 'no_response', reason: 'timeout' });
      abandoned.abort();
    }, timeoutMs);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** ECONNREFUSED, ETIMEDOUT, CERT_HAS_EXPIRED…: enough for the operator, never the request itself. */
function networkErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const rateLimitBodySchema = z.object({ policyName: z.string().optional() });

/** 429 bodies name the limit hit; DAILY only resets at midnight. Source: developers.hubspot.com/docs/api/usage-details */
function classify(outcome: Outcome): 'answer' | 'retry' | 'give_up' {
  if (outcome.kind === 'no_response') return 'retry';
  if (outcome.status === 429) {
    const body = rateLimitBodySchema.safeParse(outcome.body);
    return body.success && body.data.policyName === 'DAILY' ? 'give_up' : 'retry';
  }
  return outcome.status >= 500 ? 'retry' : 'answer';
}

function delayBefore(retry: number, last: Outcome, backoff: { base: number; max: number }): number {
  const exponential = Math.min(backoff.max, backoff.base * 2 ** (retry - 1));
  const jittered = exponential / 2 + Math.random() * (exponential / 2);
  const asked = last.kind === 'response' ? retryAfterMs(last.retryAfter) : 0;
  return Math.max(jittered, asked);
}

function retryAfterMs(header: string | null): number {
  if (!header) return 0;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 0 : Math.max(0, at - Date.now());
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function unavailable(last: Outcome, attempts: number): AppError {
  if (last.kind === 'no_response') {
    return new AppError('CRM_UNAVAILABLE', UNAVAILABLE, { status: null, reason: last.reason, attempts, ...(last.errorCode ? { errorCode: last.errorCode } : {}) });
  }
  const error = hubSpotErrorSchema.safeParse(last.body);
  const daily = last.status === 429 && rateLimitBodySchema.safeParse(last.body).data?.policyName === 'DAILY';
  return new AppError('CRM_UNAVAILABLE', daily ? DAILY_LIMIT : UNAVAILABLE, {
    status: last.status,
    attempts,
    ...(error.success ? { correlationId: error.data.correlationId, category: error.data.category } : {}),
  });
}

const hubSpotErrorSchema = z.object({
  message: z.string().optional(),
  category: z.string().optional(),
  correlationId: z.string().optional(),
});

/**
 * A response the adapter did not expect (400, 401, 403, 409…). Access problems are the account's to fix
 * (CRM_UNAVAILABLE, the rep can do nothing); anything else is a bug or a missing setup step (INTERNAL), with
 * HubSpot's own message kept for the operator.
 */
export function unexpectedResponse(response: HubSpotResponse, action: string): AppError {
  const error = hubSpotErrorSchema.safeParse(response.body);
  const details = {
    status: response.status,
    ...(error.success ? { category: error.data.category, correlationId: error.data.correlationId, hubspotMessage: error.data.message } : {}),
  };
  if (response.status === 401 || response.status === 403) {
    return new AppError('CRM_UNAVAILABLE', `The app may not ${action} in HubSpot; ask a HubSpot super admin to check the app's access.`, details);
  }
  return new AppError('INTERNAL', `HubSpot refused to ${action} (HTTP ${response.status}).`, details);
}

/** A 2xx whose body is not what the spec promises. */
export function malformedResponse(action: string, issues: string): AppError {
  return new AppError('INTERNAL', `HubSpot answered an unexpected shape when asked to ${action}.`, { issues });
}

/** Encodes one path segment (object types, ids, property names). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
