import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { parsePolicy, type PolicyDocument } from '../domain/policy';
import { type TransactionPropertyOverrides, transactionPropertyOverridesSchema } from '../adapters/crm-property-names';
import { PROVIDER_MODULES, type ProviderSettings, providerModules } from '../adapters/providers/provider-modules';
import { PAYMENT_PROVIDERS } from '../domain/refund-reason';

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
  /** each provider's settings (its module's variables), null where it is not configured */
  readonly providers: ProviderSettings;
  /** the values of every provider variable that is a credential, for redaction; never logged */
  readonly providerSecrets: readonly string[];
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

function parseVariables(env: NodeJS.ProcessEnv, schemas: Readonly<Record<string, z.ZodType>>, problems: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const result = schema.safeParse(env[name]);
    if (result.success) values[name] = result.data;
    else problems.push(...result.error.issues.map((issue) => `${name}: ${issue.message}`));
  }
  return values;
}

/** Every provider's variables, checked by its module; its settings, and the credentials among them. */
function readProviders(env: NodeJS.ProcessEnv, problems: string[]): { providers: ProviderSettings; secrets: string[] } {
  const settings: Record<string, unknown> = {};
  const secrets: string[] = [];
  for (const module of providerModules()) {
    const values = parseVariables(env, Object.fromEntries(Object.entries(module.variables).map(([name, variable]) => [name, variable.schema])), problems);
    settings[module.name] = module.settings(values, problems);
    for (const [name, variable] of Object.entries(module.variables)) {
      const value = values[name];
      if (variable.secret && typeof value === 'string') secrets.push(value);
    }
  }
  return { providers: Object.fromEntries(PAYMENT_PROVIDERS.map((name) => [name, settings[name] ?? null])) as ProviderSettings, secrets };
}

/** Every variable the configuration reads: its own and each provider's. */
export function configVariableNames(): string[] {
  return [...Object.keys(variables), ...Object.values(PROVIDER_MODULES).flatMap((module) => Object.keys(module.variables))];
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
  const e = parseVariables(env, variables, problems) as Partial<Variables>;
  const { providers, secrets } = readProviders(env, problems);
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
    providers,
    providerSecrets: secrets,
    objectTypes,
    policy,
    policyLocked: v.REFUND_POLICY_LOCKED,
    maxDeclinesPerHour: v.MAX_DECLINES_PER_HOUR,
    transactionProperties: properties.success ? properties.data : {},
    providerTimeoutMs: v.PROVIDER_TIMEOUT_MS,
  };
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
