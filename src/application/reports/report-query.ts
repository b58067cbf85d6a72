import * as z from 'zod';
import { ATTEMPT_KINDS, ATTEMPT_STATUSES } from '../../domain/attempt';
import { toCurrencyCode } from '../../domain/currency';
import { PAYMENT_PROVIDERS, REFUND_REASONS } from '../../domain/refund-reason';
import { GROUP_BY, type RefundFilter } from '../../ports/refund-reports';

/** "a,b" or repeated parameters, each value checked against its list. */
const listOf = <T extends string>(values: readonly T[], what: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((raw) => (raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)))
    .pipe(z.array(z.enum(values as unknown as [T, ...T[]], { error: `must be ${what}: ${values.join(', ')}` })));

const currencies = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((raw, ctx) => {
    const codes = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
    return codes.map((code) => {
      const currency = toCurrencyCode(code);
      if (!currency) ctx.addIssue({ code: 'custom', message: `"${code}" is not an ISO 4217 currency code` });
      return currency ?? 'USD';
    });
  });

const userIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((raw) => (raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)))
  .pipe(z.array(z.string().regex(/^(\d{1,20}|provider)$/, 'must be HubSpot user ids')));

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z' }).transform((text) => new Date(text)).optional();

/** The filters of GET /api/refunds and …/summary (design §7), and of the CLI's report. */
export const reportFilterQuery = z
  .object({
    from: instant,
    to: instant,
    status: listOf(ATTEMPT_STATUSES, 'attempt statuses'),
    reason: listOf(REFUND_REASONS, 'refund reasons'),
    provider: listOf(PAYMENT_PROVIDERS, 'payment providers'),
    kind: listOf(ATTEMPT_KINDS, 'refund or void'),
    requestedBy: userIds,
    currency: currencies,
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, { path: ['to'], message: 'must be after from' });

export const listQuery = reportFilterQuery.and(
  z.object({ cursor: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(50), format: z.enum(['json', 'csv']).optional() }),
);

export const summaryQuery = reportFilterQuery.and(
  z.object({ groupBy: z.enum(GROUP_BY, { error: `must be one of ${GROUP_BY.join(', ')}` }), format: z.enum(['json', 'csv']).optional() }),
);

export function filterOf(query: z.output<typeof reportFilterQuery>): RefundFilter {
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    statuses: query.status,
    reasons: query.reason,
    providers: query.provider,
    requestedBy: query.requestedBy,
    currencies: query.currency,
    kinds: query.kind,
  };
}
