import { hubspot } from '@hubspot/ui-extensions';

/** One answer of the HTTP API: its status and JSON body (design §7). */
export interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** An answer, one still on its way, a network failure, or an answer made from the request (its query, say). */
type Reply = FakeAnswer | Promise<FakeAnswer> | Error | ((url: URL) => FakeAnswer);

/** "GET /api/policy", "POST /api/attempts/* /approve" (a * stands for one path segment). */
export type RouteKey = `${'GET' | 'POST' | 'PUT'} /${string}`;

export interface RecordedCall {
  readonly url: URL;
  readonly body: Record<string, unknown> | undefined;
}

export interface FakePageBackend {
  readonly spy: jest.SpiedFunction<typeof hubspot.fetch>;
  /** every request that reached a route, in order */
  calls(route: RouteKey): RecordedCall[];
}

/**
 * Replaces hubspot.fetch (HubSpot's, not ours) with a backend that answers from a queue per route; the last
 * answer of a queue repeats. An Error makes hubspot.fetch reject, like a network failure. A request to a
 * route without answers fails the test.
 */
export function fakePageBackend(replies: Partial<Record<RouteKey, Reply[]>>): FakePageBackend {
  const queues = new Map<RouteKey, Reply[]>(Object.entries(replies).map(([route, list]) => [route as RouteKey, [...(list ?? [])]]));
  const routeOf = (url: URL, method: string): RouteKey | undefined =>
    [...queues.keys()].find((route) => {
      const [routeMethod, pattern] = route.split(' ') as [string, string];
      const wanted = pattern.split('/');
      const given = url.pathname.split('/');
      return routeMethod === method && wanted.length === given.length && wanted.every((segment, index) => segment === '*' || segment === given[index]);
    });
  const spy = jest.spyOn(hubspot, 'fetch').mockImplementation(async (input, options) => {
    const url = new URL(String(input));
    const method = options?.method ?? 'GET';
    const route = routeOf(url, method);
    const queue = route ? queues.get(route) : undefined;
    const reply = queue && queue.length > 1 ? queue.shift() : queue?.[0];
    if (reply === undefined) throw new Error(`no fake answer for ${method} ${url.pathname}`);
    if (reply instanceof Error) throw reply;
    const answer = typeof reply === 'function' ? reply(url) : await reply;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
  return {
    spy,
    calls: (route) =>
      spy.mock.calls
        .map(([input, options]) => ({ url: new URL(String(input)), method: options?.method ?? 'GET', body: options?.body as Record<string, unknown> | undefined }))
        .filter(({ url, method }) => routeOf(url, method) === route)
        .map(({ url, body }) => ({ url, body })),
  };
}

export function apiError(status: number, code: string, message: string, details?: Record<string, unknown>): FakeAnswer {
  return { status, body: { error: { code, message, ...(details ? { details } : {}) } } };
}
