import * as z from 'zod';
import { attemptViewSchema, currencyCode, decimalString, transactionViewSchema } from '../shared/api-schemas';

/**
 * The approvals' and reports' part of the backend's contract (design §7; src/application/approvals/list-approvals.ts,
 * src/application/reports/*.ts), parsed before anything is shown. test/card/contract-drift.test.ts holds these
 * against the real backend's answers.
 */
export const PAYMENT_PROVIDERS = ['stripe', 'authorize_net', 'nmi', 'paypal', 'manual'] as const;
export const SUMMARY_GROUPS = ['reason', 'requestedBy', 'provider', 'currency', 'status'] as const;

/** GET /api/approvals: the requests the viewer may decide, oldest first (none for someone who does not approve). */
export const approvalPageSchema = z.object({
  results: z.array(z.object({ attempt: attemptViewSchema, transaction: transactionViewSchema })),
  nextCursor: z.string().nullable(),
});

/** GET /api/refunds: attempts across payments, newest first, each with its record and payment. */
export const refundListItemSchema = attemptViewSchema.extend({
  objectType: z.string(),
  objectId: z.string(),
  provider: z.string(),
  providerTransactionId: z.string(),
});
export const refundListPageSchema = z.object({ results: z.array(refundListItemSchema), nextCursor: z.string().nullable() });

/** GET /api/refunds/summary: one row per group AND currency; amounts of different currencies are never added. */
export const summarySchema = z.object({
  groupBy: z.enum(SUMMARY_GROUPS),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  results: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      currency: currencyCode,
      /** succeeded refunds (voids apart) */
      refunded: decimalString,
      refundedCount: z.number().int().nonnegative(),
      /** in flight at the provider or awaiting approval */
      pending: decimalString,
      failedCount: z.number().int().nonnegative(),
    }),
  ),
});

/** GET /api/refunds/export-link: a signed link to the CSV, good for a few minutes. */
export const exportLinkSchema = z.object({ url: z.url({ protocol: /^https?$/ }), expiresAt: z.iso.datetime({ offset: true }) });

export type ApprovalPage = z.infer<typeof approvalPageSchema>;
export type ApprovalItem = ApprovalPage['results'][number];
export type RefundListItem = z.infer<typeof refundListItemSchema>;
export type RefundListPage = z.infer<typeof refundListPageSchema>;
export type Summary = z.infer<typeof summarySchema>;
export type SummaryRow = Summary['results'][number];
export type SummaryGroup = (typeof SUMMARY_GROUPS)[number];
export type ExportLink = z.infer<typeof exportLinkSchema>;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];
