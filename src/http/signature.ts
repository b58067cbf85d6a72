import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';
const MAX_AGE_MS = 5 * 60_000;

/**
 * HubSpot decodes these escapes in the URI before signing (request-validation guide, v3:
 * https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation).
 */
const DECODED_IN_SIGNATURE: Readonly<Record<string, string>> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

export function canonicalUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DECODED_IN_SIGNATURE[escape.toUpperCase()] ?? escape);
}

/** Signs as HubSpot does (for our own tools: the benchmark and local clients). */
export function signV3(secret: string, method: string, uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${method.toUpperCase()}${canonicalUri(uri)}${body}${timestamp}`, 'utf8').digest('base64');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** X-HubSpot-Signature-v3: HMAC-SHA256 (base64) over method + URI + raw body + timestamp, at most 5 minutes old. */
export function verifyV3(input: {
  secret: string;
  method: string;
  uri: string;
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  now: Date;
}): SignatureCheck {
  if (!input.signature || !input.timestamp) return { ok: false, reason: 'The request is not signed by HubSpot.' };
  if (!/^\d{1,16}$/.test(input.timestamp)) return { ok: false, reason: 'The request timestamp is malformed.' };
  const age = input.now.getTime() - Number(input.timestamp);
  if (Math.abs(age) > MAX_AGE_MS) return { ok: false, reason: 'The request signature has expired (older than 5 minutes).' };
  const given = Buffer.from(input.signature, 'base64');
  // The documented form decodes the escapes above; the raw form is accepted too, since both need the secret.
  const matches = [canonicalUri(input.uri), input.uri].some((uri) => {
    const expected = createHmac('sha256', input.secret).update(`${input.method.toUpperCase()}${uri}${input.body}${input.timestamp}`, 'utf8').digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'The request signature does not match.' };
}
