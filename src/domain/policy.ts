import * as z from 'zod';
import { type CurrencyCode, toCurrencyCode } from './currency';
import { describeMoneyError, formatMinor, parseMoney } from './money';
import { type Principals, principalsSchema } from './principals';
import { REFUND_REASONS, type RefundReason } from './refund-reason';

export const OTHER_CURRENCIES = ['needs_approval', 'no_limit'] as const;
export type OtherCurrencies = (typeof OTHER_CURRENCIES)[number];

export interface CurrencyLimits {
  /** the most one refund may be without approval; null = no such limit */
  readonly perRefundMinor: bigint | null;
  /** the most a refunder may refund without approval in any rolling 24 hours; null = no such limit */
  readonly perDayMinor: bigint | null;
}

/** The refund policy (design §5), parsed: amounts in minor units of their currency. */
export interface RefundPolicy {
  readonly refunders: Principals;
  readonly approvers: Principals;
  readonly limits: ReadonlyMap<CurrencyCode, CurrencyLimits>;
  readonly otherCurrencies: OtherCurrencies;
  readonly limitSuperAdmins: boolean;
  readonly requireNoteFor: readonly RefundReason[];
  readonly approvalExpiresAfterHours: number;
}

/** The policy as JSON (what admins write and the ledger stores), amounts as decimal strings. */
export interface PolicyDocument {
  readonly refunders: Principals;
  readonly approvers: Principals;
  readonly limits: Readonly<Record<string, { readonly perRefund?: string; readonly perDay?: string }>>;
  readonly otherCurrencies: OtherCurrencies;
  readonly limitSuperAdmins: boolean;
  readonly requireNoteFor: readonly RefundReason[];
  readonly approvalExpiresAfterHours: number;
}

export const MAX_APPROVAL_HOURS = 720;

const limitsSchema = z.record(z.string(), z.object({ perRefund: z.string().optional(), perDay: z.string().optional() }).strict()).default({});

const documentSchema = z
  .object({
    refunders: principalsSchema(true).default({ superAdmins: true, userIds: [], teamIds: [], roleIds: [] }),
    approvers: principalsSchema(true).default({ superAdmins: true, userIds: [], teamIds: [], roleIds: [] }),
    limits: limitsSchema,
    otherCurrencies: z.enum(OTHER_CURRENCIES).default('needs_approval'),
    limitSuperAdmins: z.boolean().default(false),
    requireNoteFor: z
      .array(z.enum(REFUND_REASONS))
      .default(['other'])
      .transform((reasons) => REFUND_REASONS.filter((reason) => reasons.includes(reason))),
    approvalExpiresAfterHours: z.number().int('must be a whole number of hours').min(1, 'must be at least 1 hour').max(MAX_APPROVAL_HOURS, `must be at most ${MAX_APPROVAL_HOURS} hours (30 days)`).default(72),
  })
  .strict();

/** The first shape (REFUND_POLICY before approvals): who may refund and a cap per refund. */
const v1Schema = z
  .object({
    superAdmins: z.boolean().optional(),
    userIds: z.array(z.string()).optional(),
    teamIds: z.array(z.string()).optional(),
    roleIds: z.array(z.string()).optional(),
    maxPerRefund: z.record(z.string(), z.string()).optional(),
    limitSuperAdmins: z.boolean().optional(),
  })
  .strict();

/**
 * A v1 policy as v2: the same refunders and per-refund caps, super admins approving above a cap, and, as in
 * v1, no limit for currencies without a cap.
 */
function fromV1(v1: z.output<typeof v1Schema>): unknown {
  return {
    refunders: { superAdmins: v1.superAdmins ?? true, userIds: v1.userIds ?? [], teamIds: v1.teamIds ?? [], roleIds: v1.roleIds ?? [] },
    approvers: { superAdmins: true },
    limits: Object.fromEntries(Object.entries(v1.maxPerRefund ?? {}).map(([currency, amount]) => [currency, { perRefund: amount }])),
    otherCurrencies: 'no_limit',
    limitSuperAdmins: v1.limitSuperAdmins ?? false,
  };
}

export interface PolicyProblem {
  /** e.g. "limits.USD.perDay" ("" for the whole policy) */
  readonly path: string;
  readonly message: string;
}

export type PolicyParse =
  | { readonly ok: true; readonly policy: RefundPolicy; readonly document: PolicyDocument; readonly convertedFromV1: boolean }
  | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

/** Reads a policy (v2, or the v1 shape), listing every problem at once. The document comes back normalised. */
export function parsePolicy(raw: unknown): PolicyParse {
  const v1 = isV1(raw) ? v1Schema.safeParse(raw) : null;
  if (v1 && !v1.success) return { ok: false, problems: issuesOf(v1.error) };
  const given = v1?.success ? fromV1(v1.data) : raw;
  const parsed = documentSchema.safeParse(given);
  // The limits are checked whatever else is wrong, so that an admin sees every problem at once.
  const rawLimits = limitsSchema.safeParse(given !== null && typeof given === 'object' ? (given as { limits?: unknown }).limits : undefined);
  const limits = rawLimits.success ? checkLimits(rawLimits.data) : null;
  const problems = [...(parsed.success ? [] : issuesOf(parsed.error)), ...(limits?.problems ?? [])];
  if (!parsed.success || !limits || problems.length > 0) return { ok: false, problems };
  const document: PolicyDocument = { ...parsed.data, limits: limits.normalised };
  return { ok: true, document, convertedFromV1: v1 !== null, policy: { ...parsed.data, limits: limits.parsed } };
}

function checkLimits(given: z.output<typeof limitsSchema>): {
  problems: PolicyProblem[];
  parsed: Map<CurrencyCode, CurrencyLimits>;
  normalised: Record<string, { perRefund?: string; perDay?: string }>;
} {
  const problems: PolicyProblem[] = [];
  const parsed = new Map<CurrencyCode, CurrencyLimits>();
  const normalised: Record<string, { perRefund?: string; perDay?: string }> = {};
  for (const [code, limit] of Object.entries(given).sort(([a], [b]) => a.localeCompare(b))) {
    const currency = toCurrencyCode(code);
    if (!currency || currency !== code) {
      problems.push({ path: `limits.${code}`, message: currency ? `write the currency code in capitals: ${currency}` : `"${code}" is not an ISO 4217 currency code` });
      continue;
    }
    const amount = (field: 'perRefund' | 'perDay') => {
      const text = limit[field];
      if (text === undefined) return null;
      const result = parseMoney(text, currency);
      if (result.ok) return result.money.minor;
      problems.push({ path: `limits.${code}.${field}`, message: describeMoneyError(result.error, currency) });
      return undefined;
    };
    const perRefundMinor = amount('perRefund');
    const perDayMinor = amount('perDay');
    if (perRefundMinor === undefined || perDayMinor === undefined) continue;
    if (perRefundMinor !== null && perDayMinor !== null && perRefundMinor > perDayMinor) {
      problems.push({ path: `limits.${code}.perRefund`, message: `is above perDay (${formatMinor(perDayMinor, currency)}): every refund that size would need approval anyway` });
    }
    parsed.set(currency, { perRefundMinor, perDayMinor });
    normalised[code] = {
      ...(perRefundMinor !== null ? { perRefund: formatMinor(perRefundMinor, currency) } : {}),
      ...(perDayMinor !== null ? { perDay: formatMinor(perDayMinor, currency) } : {}),
    };
  }
  return { problems, parsed, normalised };
}

export function mustParsePolicy(raw: unknown): RefundPolicy {
  const parsed = parsePolicy(raw);
  if (!parsed.ok) throw new Error(`invalid policy: ${parsed.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
  return parsed.policy;
}

function isV1(raw: unknown): boolean {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return false;
  const keys = Object.keys(raw);
  return keys.length > 0 && keys.every((key) => key in v1Schema.shape) && !('refunders' in raw);
}

function issuesOf(error: z.ZodError): PolicyProblem[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'is not a setting of the refund policy' }));
    }
    return [{ path, message: issue.message }];
  });
}

/** Only super admins refund, and they approve; nothing is limited for them (the policy when none is set). */
export const DEFAULT_POLICY_DOCUMENT: PolicyDocument = (() => {
  const parsed = parsePolicy({});
  if (!parsed.ok) throw new Error('the default policy is invalid');
  return parsed.document;
})();

/** Two documents say the same thing (saving it again makes no new version), whatever their keys' order. */
export function samePolicy(a: PolicyDocument, b: PolicyDocument): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
