import { canonicalUri } from './signature';

/** RFC 3986 reserved characters (gen-delims and sub-delims), percent-encoded: no route of this API has one in its path. */
const ENCODED_RESERVED = /%(3A|2F|3F|23|5B|5D|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/i;

export type QueryParams = ReadonlyMap<string, readonly string[]>;

export type RequestTarget = { readonly ok: true; readonly query: QueryParams } | { readonly ok: false; readonly reason: string };

/**
 * The request target (`req.originalUrl`, as received) read the one way the signature check reads it, so that routing
 * and identity come from the very URL that was verified. HubSpot signs the URI with `%3F` decoded, so a signature made
 * for `/refunds%3FuserId=1&x=?userId=2` also covers `/refunds?userId=1&x=?userId=2`. Hence a path with an encoded
 * reserved character is refused (no route has one), and the query is read from the signed form with `?` as a
 * separator like `&`: the `userId=2` HubSpot appended stays a parameter of its own, beside any `userId` slipped in.
 */
export function readRequestTarget(originalUrl: string): RequestTarget {
  if (!originalUrl.startsWith('/') || originalUrl.includes('#')) return { ok: false, reason: 'The request target is not a plain path and query.' };
  const mark = originalUrl.indexOf('?');
  const path = mark === -1 ? originalUrl : originalUrl.slice(0, mark);
  if (ENCODED_RESERVED.test(path)) {
    return { ok: false, reason: 'The request path carries an encoded reserved character (such as %2F or %3F), which no address of this API has.' };
  }
  const query = parseQuery(mark === -1 ? '' : canonicalUri(originalUrl.slice(mark + 1)));
  return query ? { ok: true, query } : { ok: false, reason: 'The query string is not valid percent-encoding.' };
}

/** application/x-www-form-urlencoded, strictly, `?` separating too: every occurrence of a name is kept, nothing guessed. */
function parseQuery(query: string): QueryParams | null {
  const params = new Map<string, string[]>();
  for (const pair of query.split(/[&?]/)) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decode(equals === -1 ? pair : pair.slice(0, equals));
    const value = decode(equals === -1 ? '' : pair.slice(equals + 1));
    if (name === null || value === null) return null;
    params.set(name, [...(params.get(name) ?? []), value]);
  }
  return params;
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}
