import { hubspot } from '@hubspot/ui-extensions';
import * as z from 'zod';
import type { ApiError, ApiResult } from './api-error';
import { apiErrorBodySchema } from './api-schemas';

/** What came back: the HTTP status the API gave and its JSON body, or no usable answer at all. */
export type Answer = { readonly status: number; readonly body: unknown } | { readonly failure: ApiError };

export type JsonBody = { readonly [key: string]: unknown };
export type Method = 'GET' | 'POST' | 'PUT';

/** Sends one request to the backend's HTTP API (design §7) and hands back its status and JSON body. */
export type BackendSend = (method: Method, path: string, body?: JsonBody) => Promise<Answer>;

/**
 * hubspot.fetch to the self-hosted backend: HubSpot signs the request and adds the acting user and portal
 * to the query itself, so nothing here ever names a user.
 */
export function sendWithFetch(backendUrl: string): BackendSend {
  return async (method, path, body) => {
    let response: Response;
    try {
      response = await hubspot.fetch(`${backendUrl}${path}`, body ? { method, body: { ...body } } : { method });
    } catch (error) {
      return { failure: noAnswer(error) };
    }
    const text = await response.text().catch(() => '');
    const parsed = parseJson(text);
    if (!parsed.ok) return { failure: badResponse(`answered HTTP ${response.status} with something that is not JSON`, response.status) };
    return unwrapProxyEnvelope(response.status, parsed.value);
  };
}

/**
 * HubSpot's fetch proxy may turn a non-2xx answer of the backend into its own error envelope (502, category
 * BAD_GATEWAY, the backend's JSON in `responseBody`): that is what the local proxy of
 * @hubspot/ui-extensions-dev-server 2.1.2 does, and it says it mirrors production. Unwrap it to reach our error.
 */
const proxyEnvelopeSchema = z.object({
  status: z.literal('error'),
  message: z.string().optional(),
  category: z.string().optional(),
  responseBody: z.unknown().optional(),
});

function unwrapProxyEnvelope(status: number, body: unknown): Answer {
  if (status >= 200 && status < 300) return { status, body };
  if (apiErrorBodySchema.safeParse(body).success) return { status, body };
  const envelope = proxyEnvelopeSchema.safeParse(body);
  if (!envelope.success) return { status, body };
  const inner = typeof envelope.data.responseBody === 'string' ? parseJson(envelope.data.responseBody) : { ok: true as const, value: envelope.data.responseBody };
  if (inner.ok && apiErrorBodySchema.safeParse(inner.value).success) return { status, body: inner.value };
  const timedOut = envelope.data.category === 'GATEWAY_TIMEOUT' || status === 504;
  return {
    failure: {
      code: timedOut ? 'NO_ANSWER' : 'BAD_RESPONSE',
      message: timedOut
        ? 'HubSpot got no answer from the refund service in time, so we cannot tell whether anything happened.'
        : `HubSpot could not get a usable answer from the refund service${envelope.data.message ? `: ${envelope.data.message}` : '.'}`,
      status,
    },
  };
}

/** A 2xx body parsed with the contract's schema, or the backend's error, or why the answer is unusable. */
export function interpret<T>(answer: Answer, schema: z.ZodType<T>): ApiResult<T> {
  if ('failure' in answer) return { ok: false, error: answer.failure };
  const { status, body } = answer;
  if (status >= 200 && status < 300) {
    const parsed = schema.safeParse(body);
    return parsed.success ? { ok: true, status, value: parsed.data } : { ok: false, error: badResponse(`answer does not match the contract (${firstIssue(parsed.error)})`, status) };
  }
  const error = apiErrorBodySchema.safeParse(body);
  if (!error.success) return { ok: false, error: badResponse(`answered HTTP ${status} without an error code`, status) };
  const { code, message, details } = error.data.error;
  return { ok: false, error: { code, message, status, ...(details ? { details } : {}) } };
}

/** A query string of the set values only: repeated parameters for lists, none for empty ones. */
export function queryString(params: Readonly<Record<string, string | readonly string[] | null | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) if (item !== '') search.append(name, item);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid';
}

export function noAnswer(error: unknown): ApiError {
  const reason = error instanceof Error ? error.message : typeof error === 'object' && error && 'message' in error ? String(error.message) : '';
  return { code: 'NO_ANSWER', message: `The refund service could not be reached${reason ? ` (${reason})` : ''}.`, status: null };
}

export function badResponse(what: string, status: number | null): ApiError {
  return { code: 'BAD_RESPONSE', message: `The refund service answered in a way this app does not understand: ${what}.`, status };
}
