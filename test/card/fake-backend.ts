import { hubspot } from '@hubspot/ui-extensions';

/** One answer of the HTTP API: its status and JSON body (design §7). */
export interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
}

type Reply = FakeAnswer | Promise<FakeAnswer> | Error;
type Route = 'get' | 'attempts' | 'refunds' | 'voids' | 'approve' | 'reject' | 'cancel';
type PostRoute = Exclude<Route, 'get' | 'attempts'>;

export interface FakeFetchBackend {
  readonly spy: jest.SpiedFunction<typeof hubspot.fetch>;
  /** the JSON bodies POSTed to a route, in order */
  posted(route: PostRoute): Record<string, unknown>[];
  /** the URLs requested on a route, in order */
  urls(route: Route): string[];
  gets(): number;
}

/**
 * Replaces hubspot.fetch (HubSpot's, not ours) with a backend that answers from queues per route; the last
 * answer of a queue repeats. An Error in a queue makes hubspot.fetch reject, like a network failure.
 */
export function fakeFetchBackend(replies: Partial<Record<Route, Reply[]>>): FakeFetchBackend {
  const routes: Route[] = ['get', 'attempts', 'refunds', 'voids', 'approve', 'reject', 'cancel'];
  const queues = Object.fromEntries(routes.map((route) => [route, [...(replies[route] ?? [])]])) as Record<Route, Reply[]>;
  const spy = jest.spyOn(hubspot, 'fetch').mockImplementation(async (url, options) => {
    const route = routeOf(String(url), options?.method);
    const queue = queues[route];
    const reply = queue.length > 1 ? queue.shift() : queue[0];
    if (reply === undefined) throw new Error(`no fake answer for ${route}`);
    if (reply instanceof Error) throw reply;
    const answer = await reply;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  });
  const callsTo = (route: Route) => spy.mock.calls.filter(([url, options]) => routeOf(String(url), options?.method) === route);
  return {
    spy,
    posted: (route) => callsTo(route).map(([, options]) => ({ ...(options?.body ?? {}) })),
    urls: (route) => callsTo(route).map(([url]) => String(url)),
    gets: () => callsTo('get').length,
  };
}

function routeOf(url: string, method: string | undefined): Route {
  if (method === 'POST' && url.endsWith('/refunds')) return 'refunds';
  if (method === 'POST' && url.endsWith('/voids')) return 'voids';
  for (const decision of ['approve', 'reject', 'cancel'] as const) if (method === 'POST' && url.endsWith(`/${decision}`)) return decision;
  if ((method ?? 'GET') === 'GET') return url.includes('/attempts?') ? 'attempts' : 'get';
  throw new Error(`unexpected request ${method} ${url}`);
}

export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
