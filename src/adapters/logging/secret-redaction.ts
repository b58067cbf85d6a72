import type { LogFields, Logger } from '../../ports/logger';
import { redact, scrub } from './json-logger';

const REDACTED = '[redacted]';
/** Shorter fragments would match innocent text; every real credential is far longer. */
const MIN_FRAGMENT = 8;

/**
 * Every form a configured secret can take in a log line or an echoed error: as is, URL- and form-encoded, and in
 * base64 or base64url at each of the three byte alignments, so that it is found inside a larger encoded value too
 * (PayPal's `Basic base64(client_id:client_secret)`, a token in a data URL…). For an alignment, only the characters
 * that depend on the secret's bytes alone are searched: the ones at either edge mix in the neighbouring bytes.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]);
  const bytes = Buffer.from(secret, 'utf8');
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((offset * 4) / 3), Math.floor(((offset + bytes.length) * 8) / 6));
    forms.add(core);
    forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...forms].filter((form) => form.length >= MIN_FRAGMENT).sort((a, b) => b.length - a.length);
}

export type TextRedactor = (text: string) => string;

/**
 * Masks the known shapes of credentials and card numbers (scrub), then every form of every configured secret;
 * secrets too short to be told apart from ordinary text are left to those shapes.
 */
export function secretRedactor(secrets: readonly (string | null | undefined)[]): TextRedactor {
  const forms = [...new Set(secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= MIN_FRAGMENT).flatMap(secretForms))];
  return (text) => forms.reduce((current, form) => current.split(form).join(REDACTED), scrub(text));
}

/** A logger that masks the configured secrets, in every encoding, before the lines reach the underlying logger. */
export function withSecretsRedacted(logger: Logger, redactText: TextRedactor): Logger {
  const fieldsOf = (fields: LogFields | undefined) => (fields === undefined ? undefined : (redact(fields, '', redactText) as LogFields));
  return {
    info: (message, fields) => logger.info(redactText(message), fieldsOf(fields)),
    warn: (message, fields) => logger.warn(redactText(message), fieldsOf(fields)),
    error: (message, fields) => logger.error(redactText(message), fieldsOf(fields)),
  };
}
