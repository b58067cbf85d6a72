import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';

/** How long an export link works: long enough to click it, short enough that a forwarded link is useless. */
export const EXPORT_TOKEN_TTL_MS = 5 * 60_000;

const payloadSchema = z.object({
  /** the HubSpot user the export was made for (the report's permission is checked again when it is used) */
  u: z.string().regex(/^\d{1,20}$/),
  /** the report's query string (filters, groupBy) */
  q: z.string().max(2000),
  /** expiry, ms since the epoch */
  e: z.number().int(),
});

export interface ExportGrant {
  readonly userId: string;
  readonly query: string;
  readonly expiresAt: Date;
}

/**
 * A download link for a card or page, which cannot save files: the backend signs who asked for which report
 * until when (HMAC-SHA256 with a key of its own), and the link's GET needs nothing else.
 */
export function createExportToken(key: Buffer, grant: ExportGrant): string {
  const payload = Buffer.from(JSON.stringify({ u: grant.userId, q: grant.query, e: grant.expiresAt.getTime() }), 'utf8').toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

export function verifyExportToken(key: Buffer, token: string, now: Date): ExportGrant | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(key, payload), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: z.output<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
  if (parsed.e <= now.getTime()) return null;
  return { userId: parsed.u, query: parsed.q, expiresAt: new Date(parsed.e) };
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload, 'utf8').digest('base64url');
}

/** The export key, derived from the app's client secret (so every instance agrees), or random per process in sandbox mode. */
export function exportKeyOf(clientSecret: string | null, random: () => Buffer): Buffer {
  return clientSecret ? createHmac('sha256', clientSecret).update('refund-card export links v1').digest() : random();
}
