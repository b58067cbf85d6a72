import type { LogFields, Logger } from '../../ports/logger';

const SECRET_KEY = /secret|token|password|authorization|api[-_]?key|signature|cookie/i;
/** 13 to 19 digits, optionally grouped: anything that could be a card number (PAN). */
const CARD_NUMBER = /\b(?:\d[ -]?){12,18}\d\b/g;
/** A Stripe secret or restricted key, also as Stripe masks it in an error (sk_test_****…0000). */
const STRIPE_KEY = /\b(sk|rk)_(test|live)_[A-Za-z0-9*]+/g;
/** An HTTP credential echoed back in an error: `Basic base64(id:secret)` (PayPal's token call), `Bearer <token>`. */
const AUTHORIZATION_CREDENTIAL = /\b(Basic|Bearer)(\s+|%20|\+)[A-Za-z0-9+/=._~%-]{8,}/gi;
/** HubSpot private app and personal access tokens. */
const HUBSPOT_TOKEN = /\bpat-[a-z]{2,3}\d?-[A-Za-z0-9-]{8,}/g;

/**
 * Structured JSON lines; secrets and card numbers are masked before anything is written: by field name, by the shape
 * of known credentials, and (withSecretsRedacted, secret-redaction.ts) every form of the configured secrets.
 */
export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`), base: LogFields = {}): Logger {
  const log = (level: string, message: string, fields: LogFields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, message: scrub(message), ...(redact({ ...base, ...fields }) as LogFields) }));
  return {
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

/** Masks secret-named fields, and every string with `scrubText` (default: the known shapes of credentials and card numbers). */
export function redact(value: unknown, key = '', scrubText: (text: string) => string = scrub): unknown {
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map((item) => redact(item, '', scrubText));
  if (value instanceof Error) return { name: value.name, message: scrubText(value.message) };
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, redact(inner, name, scrubText)]));
  }
  return value;
}

export function scrub(text: string): string {
  return text
    .replace(STRIPE_KEY, '$1_$2_[redacted]')
    .replace(AUTHORIZATION_CREDENTIAL, '$1 [redacted]')
    .replace(HUBSPOT_TOKEN, 'pat-[redacted]')
    .replace(CARD_NUMBER, '[card number removed]');
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
