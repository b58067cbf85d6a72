import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type RefundPolicy, refundPolicySchema } from '../domain/policy';
import { type TransactionPropertyOverrides, transactionPropertyOverridesSchema } from '../adapters/crm-property-names';

export type Mode = 'sandbox' | 'hubspot';

export interface Config {
  readonly mode: Mode;
  readonly port: number;
  readonly host: string;
  readonly database: { readonly url: string } | { readonly dataDir: string };
  readonly hubspot: { readonly accessToken: string | null; readonly baseUrl: string; readonly clientSecret: string | null };
  /** the URL HubSpot calls us at, for signature checks behind a proxy; null = from the request */
  readonly publicUrl: string | null;
  /** sandbox mode only: the acting user when a request names none (hs project dev's proxy adds no userId) */
  readonly sandboxUserId: string | null;
  readonly stripe: { readonly secretKey: string; readonly apiBase: string } | null;
  readonly authorizeNet: { readonly apiLoginId: string; readonly transactionKey: string; readonly apiBase: string } | null;
  readonly nmi: { readonly securityKey: string; readonly apiBase: string } | null;
  readonly paypal: { readonly clientId: string; readonly clientSecret: string; readonly apiBase: string } | null;
  readonly objectTypes: readonly string[];
  /** null = the mode's default (super admins only; sandbox: the demo policy) */
  readonly policy: RefundPolicy | null;
  readonly transactionProperties: TransactionPropertyOverrides;
  readonly providerTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration problems:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const blankIsUnset = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = z.preprocess(blankIsUnset, z.string().optional());
const url = (fallback: string) => z.preprocess(blankIsUnset, z.url({ protocol: /^https?$/ }).default(fallback)).transform((value) => value.replace(/\/+$/, ''));
const jsonText = (label: string) =>
  z.preprocess(blankIsUnset, z.string().optional()).transform((text, ctx) => {
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: `${label} is not valid JSON` });
      return z.NEVER;
    }
  });

const envSchema = z.object({
  PORT: z.preprocess(blankIsUnset, z.coerce.number({ error: 'must be a port number from 0 to 65535' }).int().min(0).max(65535).default(3000)),
  HOST: optional,
  DATABASE_URL: z.preprocess(blankIsUnset, z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional()),
  DATA_DIR: z.preprocess(blankIsUnset, z.string().default('.data')),
  HUBSPOT_ACCESS_TOKEN: optional,
  HUBSPOT_BASE_URL: url('https://api.hubapi.com'),
  HUBSPOT_CLIENT_SECRET: optional,
  PUBLIC_URL: z.preprocess(blankIsUnset, z.url({ protocol: /^https?$/ }).optional()),
  SANDBOX_USER_ID: z.preprocess(blankIsUnset, z.string().regex(/^\d{1,20}$/, 'must be a HubSpot user id (digits)').optional()),
  STRIPE_SECRET_KEY: z.preprocess(blankIsUnset, z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret or restricted key (sk_… or rk_…)').optional()),
  STRIPE_API_BASE: url('https://api.stripe.com'),
  AUTHORIZENET_API_LOGIN_ID: optional,
  AUTHORIZENET_TRANSACTION_KEY: optional,
  // Live endpoint; the sandbox is https://apitest.authorize.net/xml/v1/request.api
  AUTHORIZENET_API_BASE: url('https://api.authorize.net/xml/v1/request.api'),
  NMI_SECURITY_KEY: optional,
  // NMI has one endpoint for live and test accounts; test mode is a property of the key.
  NMI_API_BASE: url('https://secure.nmi.com'),
  PAYPAL_CLIENT_ID: optional,
  PAYPAL_CLIENT_SECRET: optional,
  // Live endpoint; the sandbox is https://api-m.sandbox.paypal.com
  PAYPAL_API_BASE: url('https://api-m.paypal.com'),
  REFUND_OBJECT_TYPES: z.preprocess(blankIsUnset, z.string().default('deals')).transform((text) =>
    text.split(',').map((type) => type.trim()).filter(Boolean),
  ),
  REFUND_POLICY: jsonText('REFUND_POLICY'),
  REFUND_POLICY_FILE: optional,
  TRANSACTION_PROPERTIES: jsonText('TRANSACTION_PROPERTIES'),
  PROVIDER_TIMEOUT_MS: z.preprocess(
    blankIsUnset,
    z.coerce
      .number({ error: 'must be milliseconds, from 1000 to 14000' })
      .int()
      .min(1000, 'must be at least 1000 ms')
      .max(14000, 'must stay under HubSpot’s 15 s hubspot.fetch limit (at most 14000 ms)')
      .default(10000),
  ),
});

/**
 * Reads and checks the whole environment at start, reporting every problem at once. `requireClientSecret: false`
 * is for hosts that receive nothing signed (a HubSpot app function is called by HubSpot itself).
 */
export function loadConfig(env: NodeJS.ProcessEnv, options: { requireClientSecret?: boolean } = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const e = parsed.data;
  const problems: string[] = [];
  const mode: Mode = e.HUBSPOT_ACCESS_TOKEN ? 'hubspot' : 'sandbox';
  if (mode === 'hubspot' && !e.HUBSPOT_CLIENT_SECRET && options.requireClientSecret !== false) {
    problems.push('HUBSPOT_CLIENT_SECRET: required with HUBSPOT_ACCESS_TOKEN, to verify that requests really come from HubSpot');
  }
  if (mode === 'hubspot' && e.SANDBOX_USER_ID) problems.push('SANDBOX_USER_ID: only for sandbox mode; with HUBSPOT_ACCESS_TOKEN the user comes from HubSpot\'s signed request');
  if (e.REFUND_POLICY !== undefined && e.REFUND_POLICY_FILE) problems.push('REFUND_POLICY and REFUND_POLICY_FILE: set one, not both');
  const policy = readPolicy(e.REFUND_POLICY, e.REFUND_POLICY_FILE, problems);
  const authorizeNet = pair(e.AUTHORIZENET_API_LOGIN_ID, e.AUTHORIZENET_TRANSACTION_KEY, 'AUTHORIZENET_API_LOGIN_ID', 'AUTHORIZENET_TRANSACTION_KEY', problems);
  const paypal = pair(e.PAYPAL_CLIENT_ID, e.PAYPAL_CLIENT_SECRET, 'PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', problems);
  const properties = transactionPropertyOverridesSchema.safeParse(e.TRANSACTION_PROPERTIES ?? {});
  if (!properties.success) problems.push(...properties.error.issues.map((issue) => `TRANSACTION_PROPERTIES.${issue.path.join('.')}: ${issue.message}`));
  for (const type of e.REFUND_OBJECT_TYPES) {
    if (!/^([a-z_]+|\d+-\d+)$/.test(type)) problems.push(`REFUND_OBJECT_TYPES: "${type}" is not a HubSpot object type (e.g. deals, or 2-1234567)`);
  }
  if (e.REFUND_OBJECT_TYPES.length === 0) problems.push('REFUND_OBJECT_TYPES: name at least one object type');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    mode,
    port: e.PORT,
    // Sandbox mode trusts a userId in the query, so it never listens beyond this machine (design §7).
    host: mode === 'sandbox' ? '127.0.0.1' : (e.HOST ?? '127.0.0.1'),
    database: e.DATABASE_URL ? { url: e.DATABASE_URL } : { dataDir: e.DATA_DIR },
    hubspot: { accessToken: e.HUBSPOT_ACCESS_TOKEN ?? null, baseUrl: e.HUBSPOT_BASE_URL, clientSecret: e.HUBSPOT_CLIENT_SECRET ?? null },
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    sandboxUserId: e.SANDBOX_USER_ID ?? null,
    stripe: e.STRIPE_SECRET_KEY ? { secretKey: e.STRIPE_SECRET_KEY, apiBase: e.STRIPE_API_BASE } : null,
    authorizeNet: authorizeNet ? { apiLoginId: authorizeNet[0], transactionKey: authorizeNet[1], apiBase: e.AUTHORIZENET_API_BASE } : null,
    nmi: e.NMI_SECURITY_KEY ? { securityKey: e.NMI_SECURITY_KEY, apiBase: e.NMI_API_BASE } : null,
    paypal: paypal ? { clientId: paypal[0], clientSecret: paypal[1], apiBase: e.PAYPAL_API_BASE } : null,
    objectTypes: e.REFUND_OBJECT_TYPES,
    policy,
    transactionProperties: properties.success ? properties.data : {},
    providerTimeoutMs: e.PROVIDER_TIMEOUT_MS,
  };
}

/** Credentials that only work together: both or neither. */
function pair(first: string | undefined, second: string | undefined, firstName: string, secondName: string, problems: string[]): [string, string] | null {
  if (first && second) return [first, second];
  if (first) problems.push(`${secondName}: required with ${firstName}`);
  if (second) problems.push(`${firstName}: required with ${secondName}`);
  return null;
}

function readPolicy(inline: unknown, file: string | undefined, problems: string[]): RefundPolicy | null {
  let raw = inline;
  let source = 'REFUND_POLICY';
  if (file) {
    source = `REFUND_POLICY_FILE (${file})`;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${source}: cannot be read as JSON (${(error as Error).message})`);
      return null;
    }
  }
  if (raw === undefined) return null;
  const policy = refundPolicySchema.safeParse(raw);
  if (!policy.success) {
    problems.push(...policy.error.issues.map((issue) => `${source}${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`));
    return null;
  }
  return policy.data;
}
