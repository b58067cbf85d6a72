import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { parsePolicy, type PolicyDocument } from '../domain/policy';
import { type TransactionPropertyOverrides, transactionPropertyOverridesSchema } from '../adapters/crm-property-names';

export type Mode = 'sandbox' | 'hubspot';

export interface Config {
  readonly mode: Mode;
  readonly port: number;
  readonly host: string;
  readonly database: { readonly url: string } | { readonly dataDir: string };
  readonly hubspot: {
    readonly accessToken: string | null;
    readonly baseUrl: string;
    readonly clientSecret: string | null;
    /** the one HubSpot account (portal) whose signed requests are accepted; null in sandbox mode and hosts that receive nothing signed */
    readonly portalId: string | null;
  };
  /** the URL HubSpot calls us at, for signature checks behind a proxy; null = from the request */
  readonly publicUrl: string | null;
  /** sandbox mode only: the acting user when a request names none (hs project dev's proxy adds no userId) */
  readonly sandboxUserId: string | null;
  readonly stripe: { readonly secretKey: string; readonly apiBase: string } | null;
  readonly authorizeNet: { readonly apiLoginId: string; readonly transactionKey: string; readonly apiBase: string } | null;
  readonly nmi: { readonly securityKey: string; readonly apiBase: string } | null;
  readonly paypal: { readonly clientId: string; readonly clientSecret: string; readonly apiBase: string } | null;
  readonly objectTypes: readonly string[];
  /** REFUND_POLICY / REFUND_POLICY_FILE, checked and in the v2 shape; null = the ledger's, or the mode's default */
  readonly policy: PolicyDocument | null;
  /** REFUND_POLICY_LOCKED: the configured policy is pinned and cannot be edited in HubSpot */
  readonly policyLocked: boolean;
  /** declined attempts on one payment within an hour after which further attempts are refused */
  readonly maxDeclinesPerHour: number;
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

/** One schema per variable, so that every variable's problem is reported, not just the first of the set. */
const variables = {
  PORT: z.preprocess(blankIsUnset, z.coerce.number({ error: 'must be a port number from 0 to 65535' }).int().min(0).max(65535).default(3000)),
  HOST: optional,
  DATABASE_URL: z.preprocess(blankIsUnset, z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional()),
  DATA_DIR: z.preprocess(blankIsUnset, z.string().default('.data')),
  HUBSPOT_BASE_URL: url('https://api.hubapi.com'),
  HUBSPOT_CLIENT_SECRET: optional,
  HUBSPOT_PORTAL_ID: z.preprocess(blankIsUnset, z.string().regex(/^\d{1,20}$/, 'must be a HubSpot account id (digits; `npm run setup` prints it)').optional()),
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
  REFUND_POLICY_LOCKED: z.preprocess(blankIsUnset, z.enum(['true', 'false'], { error: 'must be true or false' }).default('false')).transform((value) => value === 'true'),
  MAX_DECLINES_PER_HOUR: z.preprocess(
    blankIsUnset,
    z.coerce.number({ error: 'must be a whole number from 1 to 1000' }).int('must be a whole number from 1 to 1000').min(1).max(1000).default(10),
  ),
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
};

type Variables = { [K in keyof typeof variables]: z.output<(typeof variables)[K]> };

function parseVariables(env: NodeJS.ProcessEnv, problems: string[]): Partial<Variables> {
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(variables)) {
    const result = (schema as z.ZodType).safeParse(env[name]);
    if (result.success) values[name] = result.data;
    else problems.push(...result.error.issues.map((issue) => `${name}: ${issue.message}`));
  }
  return values as Partial<Variables>;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

export interface ConfigOptions {
  /** false for hosts that receive nothing signed (a HubSpot app function is called by HubSpot itself) */
  readonly requireClientSecret?: boolean;
  /** false for those, and for `setup`, which is how an operator learns the id */
  readonly requirePortalId?: boolean;
}

/** Reads and checks the whole environment at start, reporting every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv, options: ConfigOptions = {}): Config {
  const problems: string[] = [];
  const e = parseVariables(env, problems);
  const token = env.HUBSPOT_ACCESS_TOKEN;
  if (token !== undefined && token.trim() === '') {
    problems.push('HUBSPOT_ACCESS_TOKEN: is set but blank. Unset it for sandbox mode, or give the app\'s access token');
  }
  const mode: Mode = token !== undefined ? 'hubspot' : 'sandbox';
  if (mode === 'hubspot' && !e.HUBSPOT_CLIENT_SECRET && options.requireClientSecret !== false) {
    problems.push('HUBSPOT_CLIENT_SECRET: required with HUBSPOT_ACCESS_TOKEN, to verify that requests really come from HubSpot');
  }
  if (mode === 'hubspot' && !e.HUBSPOT_PORTAL_ID && options.requirePortalId !== false) {
    problems.push('HUBSPOT_PORTAL_ID: required with HUBSPOT_ACCESS_TOKEN, so that only requests signed for your HubSpot account are accepted (`npm run setup` prints it)');
  }
  if (mode === 'hubspot' && e.SANDBOX_USER_ID) problems.push('SANDBOX_USER_ID: only for sandbox mode; with HUBSPOT_ACCESS_TOKEN the user comes from HubSpot\'s signed request');
  // Sandbox mode trusts a userId in the query, so it never listens beyond this machine (design §7).
  if (mode === 'sandbox' && e.HOST && !LOOPBACK_HOSTS.includes(e.HOST)) {
    problems.push(`HOST: sandbox mode (no HUBSPOT_ACCESS_TOKEN) trusts the userId in the query, so it listens on loopback only (127.0.0.1, localhost or ::1), not on ${e.HOST}`);
  }
  if (e.REFUND_POLICY !== undefined && e.REFUND_POLICY_FILE) problems.push('REFUND_POLICY and REFUND_POLICY_FILE: set one, not both');
  const policy = readPolicy(e.REFUND_POLICY, e.REFUND_POLICY_FILE, problems);
  if (e.REFUND_POLICY_LOCKED && e.REFUND_POLICY === undefined && !e.REFUND_POLICY_FILE) {
    problems.push('REFUND_POLICY_LOCKED: pins the policy given in REFUND_POLICY or REFUND_POLICY_FILE, and neither is set');
  }
  const authorizeNet = pair(e.AUTHORIZENET_API_LOGIN_ID, e.AUTHORIZENET_TRANSACTION_KEY, 'AUTHORIZENET_API_LOGIN_ID', 'AUTHORIZENET_TRANSACTION_KEY', problems);
  const paypal = pair(e.PAYPAL_CLIENT_ID, e.PAYPAL_CLIENT_SECRET, 'PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', problems);
  const properties = transactionPropertyOverridesSchema.safeParse(e.TRANSACTION_PROPERTIES ?? {});
  if (!properties.success) problems.push(...properties.error.issues.map((issue) => `TRANSACTION_PROPERTIES.${issue.path.join('.')}: ${issue.message}`));
  const objectTypes = e.REFUND_OBJECT_TYPES ?? [];
  for (const type of objectTypes) {
    if (!/^([a-z_]+|\d+-\d+)$/.test(type)) problems.push(`REFUND_OBJECT_TYPES: "${type}" is not a HubSpot object type (e.g. deals, or 2-1234567)`);
  }
  if (e.REFUND_OBJECT_TYPES && objectTypes.length === 0) problems.push('REFUND_OBJECT_TYPES: name at least one object type');
  if (problems.length > 0) throw new ConfigError(problems);
  const v = e as Variables;
  return {
    mode,
    port: v.PORT,
    host: v.HOST ?? '127.0.0.1',
    database: v.DATABASE_URL ? { url: v.DATABASE_URL } : { dataDir: v.DATA_DIR },
    hubspot: {
      accessToken: token?.trim() ?? null,
      baseUrl: v.HUBSPOT_BASE_URL,
      clientSecret: v.HUBSPOT_CLIENT_SECRET ?? null,
      portalId: mode === 'hubspot' ? (v.HUBSPOT_PORTAL_ID ?? null) : null,
    },
    publicUrl: v.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    sandboxUserId: v.SANDBOX_USER_ID ?? null,
    stripe: v.STRIPE_SECRET_KEY ? { secretKey: v.STRIPE_SECRET_KEY, apiBase: v.STRIPE_API_BASE } : null,
    authorizeNet: authorizeNet ? { apiLoginId: authorizeNet[0], transactionKey: authorizeNet[1], apiBase: v.AUTHORIZENET_API_BASE } : null,
    nmi: v.NMI_SECURITY_KEY ? { securityKey: v.NMI_SECURITY_KEY, apiBase: v.NMI_API_BASE } : null,
    paypal: paypal ? { clientId: paypal[0], clientSecret: paypal[1], apiBase: v.PAYPAL_API_BASE } : null,
    objectTypes,
    policy,
    policyLocked: v.REFUND_POLICY_LOCKED,
    maxDeclinesPerHour: v.MAX_DECLINES_PER_HOUR,
    transactionProperties: properties.success ? properties.data : {},
    providerTimeoutMs: v.PROVIDER_TIMEOUT_MS,
  };
}

/** Credentials that only work together: both or neither. */
function pair(first: string | undefined, second: string | undefined, firstName: string, secondName: string, problems: string[]): [string, string] | null {
  if (first && second) return [first, second];
  if (first) problems.push(`${secondName}: required with ${firstName}`);
  if (second) problems.push(`${firstName}: required with ${secondName}`);
  return null;
}

function readPolicy(inline: unknown, file: string | undefined, problems: string[]): PolicyDocument | null {
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
  const parsed = parsePolicy(raw);
  if (!parsed.ok) {
    problems.push(...parsed.problems.map((problem) => `${source}${problem.path ? `.${problem.path}` : ''}: ${problem.message}`));
    return null;
  }
  return parsed.document;
}
