import { isDeepStrictEqual } from 'node:util';
import nock from 'nock';
import { validateHubSpotRequest, validateHubSpotResponse } from './hubspot-openapi';

/**
 * HubSpot replaced with nock (design §9). Each expectation names the exact method, path, query string (order
 * included) and JSON body, and the replies to give in turn. Interceptors match on method and path only; the rest
 * is compared exactly inside the reply, so that a difference is reported by name in `problems()` instead of
 * surfacing as a "no match" network error that the client would retry. Every request is also checked for
 * `Authorization: Bearer <token>` and against HubSpot's OpenAPI specs, every 2xx/4xx fixture against the
 * documented response schema.
 */
export const TEST_TOKEN = 'pat-na1-test-token-0000';

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
  /** a transport failure instead of an answer, e.g. ECONNRESET */
  readonly networkError?: string;
}

export interface Expectation {
  readonly method: string;
  /** full path, base URL prefix included */
  readonly path: string;
  /** exact query string without "?", in the order sent; omitted = no query */
  readonly query?: string;
  /** exact JSON body; omitted = no body */
  readonly body?: unknown;
  /** instead of `body`: a check of the body, for tests whose point is elsewhere (the spec check still runs) */
  readonly bodyMatches?: (body: unknown) => boolean;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

interface NoMatch {
  readonly method?: string;
  readonly host?: string;
  readonly hostname?: string;
  readonly path?: string;
}

export class HubSpotMock {
  readonly requests: RecordedRequest[] = [];
  private readonly pending: { expectation: Expectation; left: number }[] = [];
  private readonly issues: string[] = [];
  private readonly origin: string;
  private readonly prefix: string;
  /** Only requests to this mock's host count: another test file's late request may pass through the same nock. */
  private readonly onNoMatch = (req: NoMatch, options?: NoMatch) => {
    const seen = options ?? req;
    const host = String(seen.hostname ?? seen.host ?? '').split(':')[0];
    if (host !== new URL(this.origin).hostname) return;
    this.issues.push(`no interceptor for ${seen.method ?? req.method ?? '?'} ${seen.path ?? '?'}`);
  };

  private constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
    nock.emitter.on('no match', this.onNoMatch);
  }

  static start(options: { baseUrl?: string; token?: string } = {}): HubSpotMock {
    nock.disableNetConnect();
    return new HubSpotMock(options.baseUrl ?? 'https://api.hubapi.com', options.token ?? TEST_TOKEN);
  }

  expect(expectation: Expectation, ...replies: Reply[]): this {
    if (replies.length === 0) throw new Error('an expectation needs at least one reply');
    const entry = { expectation, left: replies.length };
    this.pending.push(entry);
    this.prepare(expectation, replies);
    for (const reply of replies) {
      const interceptor = nock(this.origin).intercept((uri) => uri.split('?')[0] === expectation.path, expectation.method);
      if (reply.delayMs) interceptor.delay(reply.delayMs);
      const mock = this;
      interceptor.reply(function (uri, body, callback) {
        entry.left -= 1;
        mock.record(expectation, this.req.method ?? expectation.method, uri, this.req.headers, body);
        if (reply.networkError) {
          callback(Object.assign(new Error(`simulated ${reply.networkError}`), { code: reply.networkError }), [0]);
          return;
        }
        const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
        callback(null, [reply.status, text, { 'content-type': 'application/json', ...reply.headers }]);
      });
    }
    return this;
  }

  /** Everything wrong so far: malformed or unexpected requests, fixtures off-spec, expectations never met. */
  problems(): string[] {
    const unmet = this.pending
      .filter((entry) => entry.left > 0)
      .map(({ expectation: e, left }) => `expected ${e.method} ${e.path}${e.query ? `?${e.query}` : ''} ${left} more time(s)`);
    return [...this.issues, ...unmet];
  }

  /** Hands over the problems found so far and forgets them, unmet expectations too (for tests that provoke one). */
  takeProblems(): string[] {
    const taken = this.problems();
    this.issues.length = 0;
    for (const entry of this.pending) entry.left = 0;
    return taken;
  }

  count(method: string, path: string): number {
    return this.requests.filter((r) => r.method === method && r.path === path).length;
  }

  /**
   * Takes nock's interceptor off node's http module at the end of a test file. Jest gives every file fresh
   * modules but the same http module: a later file's nock would otherwise sit behind this file's stale one.
   */
  static restore(): void {
    nock.restore();
  }

  close(): void {
    nock.emitter.removeListener('no match', this.onNoMatch);
    nock.abortPendingRequests();
    nock.cleanAll();
  }

  private record(expectation: Expectation, method: string, uri: string, headers: Readonly<Record<string, string>>, raw: unknown): void {
    const url = new URL(uri, this.origin);
    const body = raw === '' || raw === undefined ? undefined : raw;
    const request: RecordedRequest = { method, path: url.pathname, query: url.search.replace(/^\?/, ''), headers, body };
    this.requests.push(request);
    const where = `${method} ${url.pathname}`;
    if (headers.authorization !== `Bearer ${this.token}`) this.issues.push(`${where}: Authorization header is not "Bearer <token>"`);
    if (body !== undefined && !String(headers['content-type'] ?? '').startsWith('application/json')) {
      this.issues.push(`${where}: body sent without Content-Type application/json`);
    }
    if ((expectation.query ?? '') !== request.query) this.issues.push(`${where}: query "${request.query}", expected "${expectation.query ?? ''}"`);
    if (expectation.bodyMatches ? !expectation.bodyMatches(body) : !isDeepStrictEqual(expectation.body, body)) {
      this.issues.push(`${where}: body ${JSON.stringify(body)}, expected ${JSON.stringify(expectation.body)}`);
    }
    if (!url.pathname.startsWith(this.prefix)) {
      this.issues.push(`${where}: outside the base URL prefix ${this.prefix}`);
      return;
    }
    this.issues.push(...validateHubSpotRequest({ method, path: url.pathname.slice(this.prefix.length), query: request.query, body }));
  }

  /**
   * Checks the reply fixtures and compiles the request's schemas now, before anything is sent: compiling an
   * OpenAPI schema takes long enough on a busy machine to overrun the client's time limit inside a reply.
   */
  private prepare(expectation: Expectation, replies: readonly Reply[]): void {
    for (const reply of replies) if (!reply.networkError) this.checkFixture(expectation, reply);
    if (expectation.path.startsWith(this.prefix)) {
      validateHubSpotRequest({ method: expectation.method, path: expectation.path.slice(this.prefix.length), query: expectation.query ?? '', body: expectation.body });
    }
  }

  private checkFixture(expectation: Expectation, reply: Reply): void {
    // 429 and 5xx come from HubSpot's gateway in their own shape; everything else must match the spec.
    if (reply.status === 429 || reply.status >= 500) return;
    const path = expectation.path.slice(this.prefix.length);
    this.issues.push(...validateHubSpotResponse(expectation.method, path, reply.status, reply.body));
  }
}

/** HubSpot's Error body (crm specs: category, correlationId, message required). */
export function hubSpotError(status: number, category: string, message: string): Reply {
  return { status, body: { status: 'error', category, message, correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf' } };
}

/** What HubSpot answers when a rate limit is hit. Source: developers.hubspot.com/docs/api/usage-details */
export function rateLimited(policyName: 'TEN_SECONDLY_ROLLING' | 'DAILY', headers: Record<string, string> = {}): Reply {
  return {
    status: 429,
    headers,
    body: {
      status: 'error',
      message: policyName === 'DAILY' ? 'You have reached your daily limit.' : 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: 'c033cdaa-2c40-4a64-ae48-b4cec88dad24',
      policyName,
    },
  };
}

/** The client settings every adapter test uses: fast backoff, short deadlines. */
export function fastClientOptions(mock: HubSpotMock) {
  return { accessToken: TEST_TOKEN, baseUrl: mock.baseUrl, retries: 2, backoffMs: { base: 1, max: 5 }, attemptTimeoutMs: 500, deadlineMs: 2_000 };
}
