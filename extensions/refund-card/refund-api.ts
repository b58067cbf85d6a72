import { hubspot } from '@hubspot/ui-extensions';
import * as z from 'zod';
import type { ApiResult } from '../shared/api-error';
import {
  type AttemptPage,
  attemptPageSchema,
  attemptResultSchema,
  type AttemptResult,
  type RefundReason,
  type TransactionDetails,
  transactionDetailsSchema,
} from '../shared/api-schemas';
import { type Answer, type BackendSend, badResponse, interpret, noAnswer, sendWithFetch } from '../shared/backend-fetch';
import { type Decision, decisionPath } from '../shared/decision';
import { unreachable } from '../shared/labels';
import type { TransactionRef } from '../shared/object-type';
import type { CardConfig } from './card-config';

/** The bodies of POST …/refunds and …/voids (src/contract/request-schemas.ts); `amount` omitted = everything refundable. */
export type RefundRequest = { readonly amount?: string; readonly reason: RefundReason; readonly note?: string; readonly idempotencyKey: string };
export type VoidRequest = { readonly reason: RefundReason; readonly note?: string; readonly idempotencyKey: string };

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
/** The card's bodies are flat strings: the app function's parameters must be JSON values. */
type CardBody = Record<string, string>;
/** Which record or which request an operation is about, and the page wanted. */
type Target = { readonly ref?: TransactionRef; readonly attemptId?: string; readonly cursor?: string };

/** The one place the card talks to its backend; every answer is parsed before anything is shown. */
export function createRefundApi(config: CardConfig): RefundApi {
  const send = config.transport === 'fetch' ? overFetch(sendWithFetch(config.backendUrl)) : sendWithServerless(config.functionName);
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
      return decisionPath(target.attemptId ?? '', operation);
    default:
      return unreachable(operation);
  }
}

/** The card's operations over the HTTP API: GET for reads, POST with a JSON body for the rest. */
function overFetch(send: BackendSend) {
  return (operation: Operation, target: Target, body?: CardBody): Promise<Answer> =>
    send(operation === 'get' || operation === 'attempts' ? 'GET' : 'POST', pathOf(operation, target), body);
}

function sendWithServerless(functionName: string) {
  return async (operation: Operation, target: Target, body?: CardBody): Promise<Answer> => {
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

function jsonBody(request: RefundRequest | VoidRequest): CardBody {
  const body: CardBody = {};
  for (const [name, value] of Object.entries(request)) if (typeof value === 'string') body[name] = value;
  return body;
}
