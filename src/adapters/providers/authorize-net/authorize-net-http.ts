/** What came of one POST to the Authorize.net endpoint. Only `answer` carries a body worth reading. */
export type Exchange =
  | { readonly kind: 'answer'; readonly body: unknown; readonly httpStatus: number }
  | { readonly kind: 'http_error'; readonly httpStatus: number }
  | { readonly kind: 'unreadable'; readonly httpStatus: number }
  | { readonly kind: 'network'; readonly error: string }
  | { readonly kind: 'deadline' }
  | { readonly kind: 'aborted' };

export type NoAnswer = Exclude<Exchange, { kind: 'answer' }>;

/** The instant (ms since the epoch) after which nothing more is waited for, shared by the calls of one operation. */
export type Deadline = number;

export type Send = (body: string, signal: AbortSignal, deadline: Deadline) => Promise<Exchange>;

// Authorize.net starts its JSON answers with a UTF-8 byte-order mark (https://github.com/AuthorizeNet/sdk-php/issues/231;
// the Node SDK parses body.slice(1): https://github.com/AuthorizeNet/sdk-node/issues/56).
const BOM = '\uFEFF';

/**
 * POSTs JSON to the one endpoint every Authorize.net API method shares (AUTHORIZENET_API_BASE: .../xml/v1/request.api).
 * Never throws. Gives up at the deadline or when the caller's signal aborts, whichever comes first; a late answer is
 * dropped. Redirects are not followed: a POST turned into a GET would tell nothing.
 */
export function createSend(endpoint: string): Send {
  return async (body, signal, deadline) => {
    if (signal.aborted) return { kind: 'aborted' };
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { kind: 'deadline' };
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const stopped = new Promise<Exchange>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'deadline' }), remaining);
      onAbort = () => resolve({ kind: 'aborted' });
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([exchange(endpoint, body, controller.signal), stopped]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
      controller.abort();
    }
  };
}

async function exchange(endpoint: string, body: string, signal: AbortSignal): Promise<Exchange> {
  let response: Response;
  let bytes: Buffer;
  try {
    response = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal, redirect: 'manual' });
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    return { kind: 'network', error: describeError(error) };
  }
  const httpStatus = response.status;
  if (httpStatus < 200 || httpStatus > 299) return { kind: 'http_error', httpStatus };
  const text = bytes.toString('utf8');
  try {
    return { kind: 'answer', body: JSON.parse(text.startsWith(BOM) ? text.slice(BOM.length) : text), httpStatus };
  } catch {
    return { kind: 'unreadable', httpStatus };
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}

/** An answer read as the expected response type, or why there is none (a body of another shape is `unreadable`). */
export type Asked<T> = { readonly kind: 'read'; readonly value: T } | NoAnswer;

export async function ask<T>(send: Send, body: string, read: (body: unknown) => T | null, signal: AbortSignal, deadline: Deadline): Promise<Asked<T>> {
  const exchange = await send(body, signal, deadline);
  if (exchange.kind !== 'answer') return exchange;
  const value = read(exchange.body);
  return value === null ? { kind: 'unreadable', httpStatus: exchange.httpStatus } : { kind: 'read', value };
}
