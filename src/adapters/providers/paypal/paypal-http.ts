import type { PayPalRequest } from './paypal-mapping';

/** What came back from one HTTP exchange with PayPal. */
export type HttpAnswer =
  | { readonly kind: 'response'; readonly status: number; readonly body: unknown; readonly debugId: string | null }
  /** no response: connection refused or broken, DNS, TLS. `cause` is an error code, never a message (it may quote headers). */
  | { readonly kind: 'network'; readonly cause: string }
  /** the signal stopped the wait; PayPal may still have received the request */
  | { readonly kind: 'stopped' };

/** Sends one request with Node's fetch; never throws. */
export async function sendHttp(origin: string, request: PayPalRequest, authorization: string, signal: AbortSignal): Promise<HttpAnswer> {
  try {
    const response = await fetch(`${origin}${request.path}`, {
      method: request.method,
      headers: { ...request.headers, Authorization: authorization },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal,
      redirect: 'error',
    });
    const text = await response.text();
    return { kind: 'response', status: response.status, body: parseJson(text), debugId: response.headers.get('paypal-debug-id') };
  } catch (error) {
    if (signal.aborted) return { kind: 'stopped' };
    return { kind: 'network', cause: causeOf(error) };
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
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

export type StopReason = 'deadline' | 'aborted';

/**
 * The time one refund or lookup may take, token included: our own deadline (`timeoutMs`) or the caller's signal,
 * whichever ends first. Its signal aborts the fetch in flight; a late answer is dropped and the attempt stays `unknown`.
 */
export interface Budget {
  readonly signal: AbortSignal;
  stopReason(): StopReason | null;
  /** waits for `promise`, but no longer than the budget lasts */
  race<T>(promise: Promise<T>): Promise<{ readonly done: true; readonly value: T } | { readonly done: false; readonly reason: StopReason }>;
  /** releases the timer and the listener on the caller's signal */
  end(): void;
}

export function startBudget(caller: AbortSignal, timeoutMs: number): Budget {
  const controller = new AbortController();
  let reason: StopReason | null = null;
  const stop = (why: StopReason) => {
    if (reason !== null) return;
    reason = why;
    controller.abort();
  };
  const timer = setTimeout(() => stop('deadline'), timeoutMs);
  const onAbort = () => stop('aborted');
  if (caller.aborted) stop('aborted');
  else caller.addEventListener('abort', onAbort, { once: true });
  const stopped = new Promise<StopReason>((resolve) => {
    if (reason !== null) resolve(reason);
    else controller.signal.addEventListener('abort', () => resolve(reason ?? 'aborted'), { once: true });
  });
  return {
    signal: controller.signal,
    stopReason: () => reason,
    race: <T>(promise: Promise<T>) =>
      Promise.race([
        promise.then((value) => ({ done: true as const, value })),
        stopped.then((why) => ({ done: false as const, reason: why })),
      ]),
    end: () => {
      clearTimeout(timer);
      caller.removeEventListener('abort', onAbort);
    },
  };
}

/** PAYPAL_API_BASE → an origin to put paths after. */
export function payPalOriginOf(apiBase: string): string {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new Error(`PAYPAL_API_BASE is not a URL: "${apiBase}"`);
  }
  const httpish = url.protocol === 'https:' || url.protocol === 'http:';
  if (!httpish || (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.username !== '' || url.password !== '') {
    const shown = `${url.protocol}//${url.host}${url.pathname}`;
    throw new Error(`PAYPAL_API_BASE must be a bare http(s) origin such as https://api-m.paypal.com, not "${shown}"`);
  }
  return url.origin;
}
