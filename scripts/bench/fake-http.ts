import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteCounter } from './route-stats';

export interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** The route name counted (paths with ids folded to `{id}`) and how to answer. */
export interface Routed {
  readonly route: string;
  readonly answer: () => FakeAnswer;
}

/** The fakes' answer delay, changed between phases of the bench (the floor comparison runs at 0 ms). */
export interface Latency {
  ms: number;
}

/**
 * A request listener that reads the body, waits the current latency, answers, and counts the request under its
 * route. The time counted runs from arrival to the end of the answer, so it includes the latency.
 */
export function fakeListener(latency: Latency, counter: RouteCounter, route: (request: FakeRequest) => Routed) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const startedAt = process.hrtime.bigint();
    counter.clock.begin();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://fake.invalid'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const routed = route(request);
      const answer = () => {
        const reply = routed.answer();
        const text = JSON.stringify(reply.body);
        res.writeHead(reply.status, {
          'content-type': 'application/json;charset=utf-8',
          'content-length': Buffer.byteLength(text),
          ...reply.headers,
        });
        counter.record(routed.route, startedAt);
        counter.clock.end();
        res.end(text);
      };
      // setTimeout(fn, 0) waits at least 1 ms (Node clamps it), which is not "at once".
      if (latency.ms > 0) setTimeout(answer, latency.ms);
      else answer();
    });
  };
}

export function bearerOf(request: FakeRequest): string | null {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
