import { createHmac } from 'node:crypto';

/**
 * What HubSpot sends with a signed hubspot.fetch request: X-HubSpot-Signature-v3, base64 HMAC-SHA256 of method +
 * URI + body + timestamp. `signedUri` is the URI as HubSpot signs it (its documented escapes already decoded).
 */
export function hubSpotSignature(secret: string, method: string, signedUri: string, body: string | Buffer, timestamp: number): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${method}${signedUri}`).update(body).update(String(timestamp)).digest('base64');
  return { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': String(timestamp) };
}
