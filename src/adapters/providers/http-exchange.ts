/*
 * The one HTTP exchange every fetch-based adapter makes (PayPal, Authorize.net, NMI; Stripe goes through its SDK). The
 * engine owns the deadline (application/attempts/provider-deadline.ts): it aborts the signal it passes, with a
 * TimeoutError as the reason when its budget ran out, and the exchange stops there. Never throws.
 */

/** Why a wait stopped: the engine's time budget ran out, or the caller gave up for another reason. */
export type StopReason = 'deadline' | 'aborted';

export function stopReasonOf(signal: AbortSignal): StopReason {
  // By name: a DOMException need not be an instance of this realm's Error.
  const reason: unknown = signal.reason;
  return typeof reason === 'object' && reason !== null && 'name' in reason && reason.name === 'TimeoutError' ? 'deadline' : 'aborted';
}

export interface HttpRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export type HttpExchange =
  /** the body as text (UTF-8, a byte order mark dropped as the Fetch standard decodes it) */
  | { readonly kind: 'response'; readonly status: number; readonly headers: Headers; readonly text: string }
  /** no response: refused, reset, DNS, TLS. `cause` is an error code, never a message (one may quote the request). */
  | { readonly kind: 'network'; readonly cause: string }
  /** the signal stopped the wait; the provider may still have received the request */
  | { readonly kind: 'stopped'; readonly reason: StopReason };

/** One request with Node's fetch. Redirects are not followed: a POST turned into a GET would tell nothing. */
export async function exchange(request: HttpRequest, signal: AbortSignal): Promise<HttpExchange> {
  if (signal.aborted) return { kind: 'stopped', reason: stopReasonOf(signal) };
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
      redirect: 'manual',
    });
    const text = await response.text();
    return { kind: 'response', status: response.status, headers: response.headers, text };
  } catch (error) {
    if (signal.aborted) return { kind: 'stopped', reason: stopReasonOf(signal) };
    return { kind: 'network', cause: causeOf(error) };
  }
}

/** undici wraps the socket error: TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }). */
function causeOf(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return codeOf(cause) ?? codeOf(error) ?? (error instanceof Error ? error.name : typeof error);
}

function codeOf(value: unknown): string | null {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string' ? value.code : null;
}

/** A JSON body, or undefined when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export type Waited<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly reason: StopReason };

/** Waits for `promise`, but no longer than `signal` allows; what comes after the signal stopped the wait is dropped. */
export async function untilStopped<T>(promise: Promise<T>, signal: AbortSignal): Promise<Waited<T>> {
  if (signal.aborted) return { done: false, reason: stopReasonOf(signal) };
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<Waited<T>>((resolve) => {
    onAbort = () => resolve({ done: false, reason: stopReasonOf(signal) });
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise.then((value): Waited<T> => ({ done: true, value })), stopped]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
