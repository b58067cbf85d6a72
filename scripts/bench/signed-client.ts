import { Agent, request } from 'node:http';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signV3 } from '../../src/http/signature';

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** request sent → whole answer read, in milliseconds */
  readonly ms: number;
}

export interface SignedClient {
  get(path: string): Promise<Reply>;
  post(path: string, body: unknown): Promise<Reply>;
  close(): void;
}

export interface SignedClientOptions {
  readonly baseUrl: string;
  readonly clientSecret: string;
  readonly userId: string;
  readonly portalId: string;
  readonly maxSockets: number;
  /** a request not answered in this long fails with code ETIMEDOUT (none by default) */
  readonly timeoutMs?: number;
}

/**
 * Calls the backend as hubspot.fetch does: userId, portalId, userEmail and appId added to the query, and
 * X-HubSpot-Signature-v3 over method + full URL + raw body + timestamp, keyed with the app's client secret.
 */
export function signedClient(options: SignedClientOptions): SignedClient {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const base = new URL(options.baseUrl);
  const identity = new URLSearchParams({
    userId: options.userId,
    portalId: options.portalId,
    userEmail: `bench-user-${options.userId}@example.com`,
    appId: '4242',
  }).toString();

  const send = (method: 'GET' | 'POST', path: string, body: string): Promise<Reply> => {
    const pathWithQuery = `${path}${path.includes('?') ? '&' : '?'}${identity}`;
    const timestamp = Date.now().toString();
    const signature = signV3(options.clientSecret, method, `${base.origin}${pathWithQuery}`, body, timestamp);
    const headers: Record<string, string | number> = { [SIGNATURE_HEADER]: signature, [TIMESTAMP_HEADER]: timestamp, accept: 'application/json' };
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    return new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request({ host: base.hostname, port: base.port, method, path: pathWithQuery, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          resolve({ status: res.statusCode ?? 0, body: parse(Buffer.concat(chunks).toString('utf8')), ms });
        });
      });
      req.on('error', reject);
      if (options.timeoutMs) req.setTimeout(options.timeoutMs, () => req.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })));
      req.end(body || undefined);
    });
  };

  return {
    get: (path) => send('GET', path, ''),
    post: (path, body) => send('POST', path, JSON.stringify(body)),
    close: () => agent.destroy(),
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** "201 succeeded", "422 AMOUNT_EXCEEDS_REFUNDABLE", "200": what a reply was, for counting. */
export function outcomeOf(reply: Reply): string {
  const body = reply.body as { error?: { code?: unknown; details?: { retryAfterSeconds?: unknown } }; attempt?: { status?: unknown } } | null;
  const retry = body?.error?.details?.retryAfterSeconds;
  if (typeof body?.error?.code === 'string') return `${reply.status} ${body.error.code}${typeof retry === 'number' ? ` (retry in ${retry} s)` : ''}`;
  if (typeof body?.attempt?.status === 'string') return `${reply.status} ${body.attempt.status}`;
  return `${reply.status}`;
}
