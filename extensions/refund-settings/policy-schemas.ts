import * as z from 'zod';
import { currencyCode, decimalString, personSchema, REFUND_REASONS } from '../shared/api-schemas';

/**
 * The refund policy's part of the backend's contract (design §5, §7; src/application/policy/*.ts), parsed
 * before anything is shown. test/card/contract-drift.test.ts holds these against the real backend's answers.
 */
export const OTHER_CURRENCIES = ['needs_approval', 'no_limit'] as const;
export const POLICY_SOURCES = ['default', 'seed', 'locked', 'settings', 'cli'] as const;

const principalsSchema = z.object({
  superAdmins: z.boolean(),
  userIds: z.array(z.string()),
  teamIds: z.array(z.string()),
  roleIds: z.array(z.string()),
});

export const policyDocumentSchema = z.object({
  refunders: principalsSchema,
  approvers: principalsSchema,
  limits: z.record(z.string(), z.object({ perRefund: decimalString.optional(), perDay: decimalString.optional() })),
  otherCurrencies: z.enum(OTHER_CURRENCIES),
  limitSuperAdmins: z.boolean(),
  requireNoteFor: z.array(z.enum(REFUND_REASONS)),
  approvalExpiresAfterHours: z.number().int(),
});

const versionFields = {
  policy: policyDocumentSchema,
  version: z.number().int().positive(),
  updatedAt: z.iso.datetime({ offset: true }),
  /** null when the configuration wrote it */
  updatedBy: personSchema.nullable(),
  source: z.enum(POLICY_SOURCES),
};

/** GET and PUT /api/policy */
export const policyViewSchema = z.object({ ...versionFields, locked: z.boolean() });

/** GET /api/policy/history: newest first, each with what changed since the one before. */
export const policyHistoryPageSchema = z.object({
  results: z.array(z.object({ ...versionFields, changes: z.array(z.string()) })),
  nextCursor: z.string().nullable(),
});

/** GET /api/policy/options: what the pickers offer, by name. */
export const policyOptionsSchema = z.object({
  users: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), superAdmin: z.boolean() })),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
  currencies: z.array(z.object({ code: currencyCode, decimals: z.number().int().min(0).max(4) })),
});

/** The details of 400 INVALID_POLICY: every problem, each at a path such as "limits.USD.perDay". */
export const policyProblemsSchema = z.object({ problems: z.array(z.object({ path: z.string(), message: z.string() })) });

/** The details of 409 POLICY_VERSION_CONFLICT. */
export const versionConflictSchema = z.object({ currentVersion: z.number().int() });

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;
export type Principals = PolicyDocument['refunders'];
export type OtherCurrencies = (typeof OTHER_CURRENCIES)[number];
export type PolicySource = (typeof POLICY_SOURCES)[number];
export type PolicyView = z.infer<typeof policyViewSchema>;
export type PolicyHistoryPage = z.infer<typeof policyHistoryPageSchema>;
export type PolicyHistoryItem = PolicyHistoryPage['results'][number];
export type PolicyOptions = z.infer<typeof policyOptionsSchema>;
export type PolicyProblem = z.infer<typeof policyProblemsSchema>['problems'][number];
