import { hubspot } from '@hubspot/ui-extensions';
import * as z from 'zod';
import type { ApiError, ApiResult } from './api-error';
import {
  apiErrorBodySchema,
  type AttemptPage,
  attemptPageSchema,
  attemptResultSchema,
  type AttemptResult,
  type RefundReason,
  type TransactionDetails,
  transactionDetailsSchema,
} from './api-schemas';
import { unreachable } from './labels';
import type { CardConfig } from './card-config';
import type { TransactionRef } from './object-type';

/** The bodies of POST …/refunds and …/voids (src/contract/request-schemas.ts); `amount` omitted = everything refundable. */
export type RefundRequest = { readonly amount?: string; readonly reason: RefundReason; readonly note?: string; readonly idempotencyKey: string };
export type VoidRequest = { readonly reason: RefundReason; readonly note?: string; readonly idempotencyKey: string };

/** What an approver, or the requester, decides about a request awaiting approval. */
export type Decision = 'approve' | 'reject' | 'cancel';

export interface RefundApi {
  getTransaction(ref: TransactionRef): Promise<ApiResult<TransactionDetails>>;
  /** the payment's older attempts, after `cursor` */
  olderAttempts(ref: TransactionRef, cursor: string): Promise<ApiResult<AttemptPage>>;
  refund(ref: TransactionRef, request: RefundRequest): Promise<ApiResult<AttemptResult>>;
  void(ref: TransactionRef, request: VoidRequest): Promise<ApiResult<AttemptResult>>;
  /** approve (note optional), reject (note required) or cancel one's own request */
  decide(attemptId: string, decision: Decision, note?: string): Promise<ApiResult<AttemptResult>>;
}

type Operation = 'get' | 'attempts' | 'refund' | 'void' | Decision;
type JsonBody = Record<string, string>;
/** Which record or which request an operation is about, and the page wanted. */
type Target = { readonly ref?: TransactionRef; readonly attemptId?: string; readonly cursor?: string };
/** What came back: the HTTP status the API gave and its JSON body, or no usable answer at all. */
type Answer = { readonly status: number; readonly body: unknown } | { readonly failure: ApiError };

/** The one place the card talks to its backend; every answer is parsed before anything is shown. */
export function createRefundApi(config: CardConfig): RefundApi {
  const send = config.transport === 'fetch' ? sendWithFetch(config.backendUrl) : sendWithServerless(config.functionName);
  return {
    getTransaction: async (ref) => interpret(await send('get', { ref }), transactionDetailsSchema),
    olderAttempts: async (ref, cursor) => interpret(await send('attempts', { ref, cursor }), attemptPageSchema),
    refund: async (ref, request) => interpret(await send('refund', { ref }, jsonBody(request)), attemptResultSchema),
    void: async (ref, request) => interpret(await send('void', { ref }, jsonBody(request)), attemptResultSchema),
    decide: async (attemptId, decision, note) => interpret(await send(decision, { attemptId }, note === undefined ? {} : { note }), attemptResultSchema),
  };
}

/** The HTTP API's path of an operation (design §7). */
function pathOf(operation: Operation, target: Target): string {
  const record = target.ref ? `/api/transactions/${encodeURIComponent(target.ref.objectType)}/${encodeURIComponent(target.ref.objectId)}` : '';
  const attempt = target.attemptId ? `/api/attempts/${encodeURIComponent(target.attemptId)}` : '';
  switch (operation) {
    case 'get':
      return record;
    case 'attempts':
      return `${record}/attempts?cursor=${encodeURIComponent(target.cursor ?? '')}`;
    case 'refund':
      return `${record}/refunds`;
    case 'void':
      return `${record}/voids`;
    case 'approve':
    case 'reject':
    case 'cancel':
      return `${attempt}/${operation}`;
    default:
      return unreachable(operation);
  }
}

function sendWithFetch(backendUrl: string) {
  return async (operation: Operation, target: Target, body?: JsonBody): Promise<Answer> => {
    const url = `${backendUrl}${pathOf(operation, target)}`;
    let response: Response;
    try {
      // HubSpot signs the request and adds the acting user to the query itself; the card never sends one.
      response = await hubspot.fetch(url, body ? { method: 'POST', body } : { method: 'GET' });
    } catch (error) {
      return { failure: noAnswer(error) };
    }
    const text = await response.text().catch(() => '');
    const parsed = parseJson(text);
    if (!parsed.ok) return { failure: badResponse(`answered HTTP ${response.status} with something that is not JSON`, response.status) };
    return unwrapProxyEnvelope(response.status, parsed.value);
  };
}

function sendWithServerless(functionName: string) {
  return async (operation: Operation, target: Target, body?: JsonBody): Promise<Answer> => {
    let result: unknown;
    try {
      result = await hubspot.serverless(functionName, {
        parameters: {
          operation,
          ...(target.ref ? { objectType: target.ref.objectType, objectId: target.ref.objectId } : {}),
          ...(target.attemptId ? { attemptId: target.attemptId } : {}),
          ...(target.cursor ? { cursor: target.cursor } : {}),
          ...(body ? { body } : {}),
        },
      });
    } catch (error) {
      return { failure: noAnswer(error) };
    }
    const answer = functionAnswerSchema.safeParse(result);
    if (!answer.success) return { failure: badResponse('function answered without { status, body }', null) };
    return { status: answer.data.status, body: answer.data.body };
  };
}

/** The app function answers { status: <the HTTP API's status>, body: <the HTTP API's JSON body> }. */
const functionAnswerSchema = z.object({ status: z.number().int().min(100).max(599), body: z.unknown() });

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

function interpret<T>(answer: Answer, schema: z.ZodType<T>): ApiResult<T> {
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

function jsonBody(request: RefundRequest | VoidRequest): JsonBody {
  const body: JsonBody = {};
  for (const [name, value] of Object.entries(request)) if (typeof value === 'string') body[name] = value;
  return body;
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

function noAnswer(error: unknown): ApiError {
  const reason = error instanceof Error ? error.message : typeof error === 'object' && error && 'message' in error ? String(error.message) : '';
  return { code: 'NO_ANSWER', message: `The refund service could not be reached${reason ? ` (${reason})` : ''}.`, status: null };
}

function badResponse(what: string, status: number | null): ApiError {
  return { code: 'BAD_RESPONSE', message: `The refund service answered in a way this card does not understand: ${what}.`, status };
}
