import * as z from 'zod';
import { secretRedactor } from '../logging/secret-redaction';
import { parseBaseUrl } from './api-base-url';
import type { ProviderVariable } from './provider-module';
import { withOutcomesRedacted } from './redacted-provider';
import type { PaymentProvider } from '../../ports/payment-provider';

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** An optional text variable; blank is unset. */
export function textVariable(options: { secret: boolean; use?: ProviderVariable['use']; pattern?: RegExp; problem?: string }): ProviderVariable {
  const text = options.pattern ? z.string().regex(options.pattern, options.problem ?? 'has the wrong shape') : z.string();
  return { schema: z.preprocess(blankIsUnset, text.optional()), secret: options.secret, use: options.use ?? 'api' };
}

/** An API base URL with its default (live); checked by the one parser every provider uses. */
export function baseUrlVariable(shape: 'origin' | 'endpoint', fallback: string): ProviderVariable {
  const schema = z.preprocess(blankIsUnset, z.string().default(fallback)).transform((value, ctx) => {
    const parsed = parseBaseUrl(value, shape, fallback);
    if (parsed.ok) return shape === 'origin' ? parsed.url.origin : parsed.url.href;
    ctx.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  });
  return { schema, secret: false, use: 'api' };
}

/** Credentials that only work together: both or neither. */
export function pairOf(values: Readonly<Record<string, unknown>>, first: string, second: string, problems: string[]): [string, string] | null {
  const a = values[first];
  const b = values[second];
  if (typeof a === 'string' && typeof b === 'string') return [a, b];
  if (typeof a === 'string') problems.push(`${second}: required with ${first}`);
  if (typeof b === 'string') problems.push(`${first}: required with ${second}`);
  return null;
}

/** A setting that needs the provider configured: named as a problem when it is set alone. */
export function onlyWith(values: Readonly<Record<string, unknown>>, variable: string, configured: boolean, switchedOnBy: string, problems: string[]): string | null {
  const value = values[variable];
  if (typeof value !== 'string') return null;
  if (!configured) problems.push(`${variable}: is set, but ${switchedOnBy} is not: set both`);
  return value;
}

/** The adapter as the rest of the app gets it: its outcomes hold none of the module's credentials, in any encoding. */
export function redactedWith(provider: PaymentProvider, secrets: readonly (string | null)[]): PaymentProvider {
  return withOutcomesRedacted(provider, secretRedactor(secrets));
}

/** A string the schema let through, or undefined. */
export function stringOf(values: Readonly<Record<string, unknown>>, variable: string): string | undefined {
  const value = values[variable];
  return typeof value === 'string' ? value : undefined;
}
