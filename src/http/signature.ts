import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';
const MAX_AGE_MS = 5 * 60_000;
/** Clock skew allowed the other way: a timestamp further ahead than this is refused like a stale one. */
const MAX_AHEAD_MS = 60_000;

/**
 * HubSpot decodes exactly these escapes in the URI before signing (request-validation guide, v3:
 * https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation).
 */
const DECODED_IN_SIGNATURE: Readonly<Record<string, string>> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

/** The URI as HubSpot signs it. */
export function canonicalUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DECODED_IN_SIGNATURE[escape.toUpperCase()] ?? escape);
}

function hmac(secret: string, method: string, uri: string, body: Buffer, timestamp: string): Buffer {
  return createHmac('sha256', secret)
    .update(`${method.toUpperCase()}${canonicalUri(uri)}`, 'utf8')
    .update(body)
    .update(timestamp, 'utf8')
    .digest();
}

/** Signs as HubSpot does (for our own tools: the benchmark and local clients). */
export function signV3(secret: string, method: string, uri: string, body: string | Buffer, timestamp: string): string {
  return hmac(secret, method, uri, typeof body === 'string' ? Buffer.from(body, 'utf8') : body, timestamp).toString('base64');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * X-HubSpot-Signature-v3: HMAC-SHA256 (base64) over method + URI (as HubSpot documents it) + the body's bytes as
 * received + timestamp; at most 5 minutes old, and not more than a minute ahead of our clock.
 */
export function verifyV3(input: {
  secret: string;
  method: string;
  uri: string;
  body: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  now: Date;
}): SignatureCheck {
  if (!input.signature || !input.timestamp) return { ok: false, reason: 'The request is not signed by HubSpot.' };
  if (!/^\d{1,16}$/.test(input.timestamp)) return { ok: false, reason: 'The request timestamp is malformed.' };
  const age = input.now.getTime() - Number(input.timestamp);
  if (age > MAX_AGE_MS) return { ok: false, reason: 'The request signature has expired (older than 5 minutes).' };
  if (age < -MAX_AHEAD_MS) return { ok: false, reason: 'The request timestamp is in the future.' };
  const given = Buffer.from(input.signature, 'base64');
  const expected = hmac(input.secret, input.method, input.uri, input.body, input.timestamp);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: 'The request signature does not match.' };
}
