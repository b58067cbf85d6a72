import { mustParseBaseUrl } from '../api-base-url';
import { exchange, type StopReason } from '../http-exchange';

/** AUTHORIZENET_API_BASE's default: the live endpoint; the sandbox's is https://apitest.authorize.net/xml/v1/request.api */
export const AUTHORIZE_NET_ENDPOINT = 'https://api.authorize.net/xml/v1/request.api';

/** What came of one POST to the Authorize.net endpoint. Only `answer` carries a body worth reading. */
export type Exchange =
  | { readonly kind: 'answer'; readonly body: unknown; readonly httpStatus: number }
  | { readonly kind: 'http_error'; readonly httpStatus: number }
  | { readonly kind: 'unreadable'; readonly httpStatus: number }
  | { readonly kind: 'network'; readonly cause: string }
  | { readonly kind: 'stopped'; readonly reason: StopReason };

export type NoAnswer = Exclude<Exchange, { kind: 'answer' }>;

export type Send = (body: string, signal: AbortSignal) => Promise<Exchange>;

/**
 * POSTs JSON to the one endpoint every Authorize.net API method shares (AUTHORIZENET_API_BASE: .../xml/v1/request.api).
 * Never throws. Its JSON answers start with a UTF-8 byte-order mark (https://github.com/AuthorizeNet/sdk-php/issues/231),
 * which decoding the body as text drops.
 */
export function createSend(endpoint: string): Send {
  const url = mustParseBaseUrl('AUTHORIZENET_API_BASE', endpoint, 'endpoint', AUTHORIZE_NET_ENDPOINT).href;
  return async (body, signal) => {
    const exchanged = await exchange({ url, method: 'POST', headers: { 'Content-Type': 'application/json' }, body }, signal);
    if (exchanged.kind !== 'response') return exchanged;
    const httpStatus = exchanged.status;
    if (httpStatus < 200 || httpStatus > 299) return { kind: 'http_error', httpStatus };
    try {
      return { kind: 'answer', body: JSON.parse(exchanged.text.replace(/^\uFEFF/, '')) as unknown, httpStatus };
    } catch {
      return { kind: 'unreadable', httpStatus };
    }
  };
}

/** An answer read as the expected response type, or why there is none (a body of another shape is `unreadable`). */
export type Asked<T> = { readonly kind: 'read'; readonly value: T } | NoAnswer;

export async function ask<T>(send: Send, body: string, read: (body: unknown) => T | null, signal: AbortSignal): Promise<Asked<T>> {
  const exchanged = await send(body, signal);
  if (exchanged.kind !== 'answer') return exchanged;
  const value = read(exchanged.body);
  return value === null ? { kind: 'unreadable', httpStatus: exchanged.httpStatus } : { kind: 'read', value };
}
