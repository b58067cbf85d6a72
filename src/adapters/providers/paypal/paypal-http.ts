import { mustParseBaseUrl } from '../api-base-url';
import { exchange, parseJson, type StopReason } from '../http-exchange';
import type { PayPalRequest } from './paypal-mapping';

/** PAYPAL_API_BASE's default: live; the sandbox is https://api-m.sandbox.paypal.com */
export const PAYPAL_API_ORIGIN = 'https://api-m.paypal.com';

/** What came back from one HTTP exchange with PayPal. */
export type HttpAnswer =
  | { readonly kind: 'response'; readonly status: number; readonly body: unknown; readonly debugId: string | null }
  /** no response: connection refused or broken, DNS, TLS. `cause` is an error code, never a message (it may quote headers). */
  | { readonly kind: 'network'; readonly cause: string }
  /** the signal stopped the wait; PayPal may still have received the request */
  | { readonly kind: 'stopped'; readonly reason: StopReason };

/** Sends one request; never throws. */
export async function sendHttp(origin: string, request: PayPalRequest, authorization: string, signal: AbortSignal): Promise<HttpAnswer> {
  const exchanged = await exchange(
    { url: `${origin}${request.path}`, method: request.method, headers: { ...request.headers, Authorization: authorization }, ...(request.body === undefined ? {} : { body: request.body }) },
    signal,
  );
  if (exchanged.kind !== 'response') return exchanged;
  return { kind: 'response', status: exchanged.status, body: parseJson(exchanged.text), debugId: exchanged.headers.get('paypal-debug-id') };
}

/** PAYPAL_API_BASE → an origin to put paths after. */
export function payPalOriginOf(apiBase: string): string {
  return mustParseBaseUrl('PAYPAL_API_BASE', apiBase, 'origin', PAYPAL_API_ORIGIN).origin;
}
