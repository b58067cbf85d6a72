/** A provider's API base URL from the configuration, checked once for every provider. */
export type BaseUrl = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly problem: string };

/**
 * `shape`: `origin` takes a bare http(s) origin (https://api.stripe.com: paths are added to it); `endpoint` a full URL
 * with its path (Authorize.net has one endpoint for every method). Never credentials, a query or a fragment.
 */
export function parseBaseUrl(value: string, shape: 'origin' | 'endpoint', example: string): BaseUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: `is not a URL: "${value}"` };
  }
  const httpish = url.protocol === 'https:' || url.protocol === 'http:';
  const bare = url.search === '' && url.hash === '' && url.username === '' && url.password === '';
  const pathOk = shape === 'endpoint' ? url.pathname !== '/' && url.pathname !== '' : url.pathname === '/' || url.pathname === '';
  if (!httpish || !bare || !pathOk) {
    const what = shape === 'origin' ? 'a bare http(s) origin' : 'an http(s) URL with its path';
    return { ok: false, problem: `must be ${what} such as ${example}, not "${url.protocol}//${url.host}${url.pathname}"` };
  }
  return { ok: true, url };
}

/** For an adapter built outside the configuration (tests, tools): a bad base URL is a programming error. */
export function mustParseBaseUrl(variable: string, value: string, shape: 'origin' | 'endpoint', example: string): URL {
  const parsed = parseBaseUrl(value, shape, example);
  if (!parsed.ok) throw new Error(`${variable} ${parsed.problem}`);
  return parsed.url;
}
