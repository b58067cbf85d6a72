import * as z from 'zod';

/**
 * The backend's JSON contract (design §7), mirrored from src/application/transaction-view.ts. The card is
 * built and shipped on its own (HubSpot bundles app/cards/ alone), so it cannot import the backend's types:
 * these schemas are the card's copy, and every answer is parsed with them before it is shown.
 */
export const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'is not a decimal amount');
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'is not an ISO 4217 code');

export const REFUND_STATUSES = ['not_refunded', 'refund_awaiting_approval', 'refund_pending', 'partially_refunded', 'fully_refunded', 'voided'] as const;
export const ATTEMPT_STATUSES = ['awaiting_approval', 'pending', 'succeeded', 'failed', 'unknown', 'rejected', 'expired', 'canceled'] as const;
export const ATTEMPT_KINDS = ['refund', 'void'] as const;
export const ATTEMPT_ORIGINS = ['app', 'provider'] as const;
export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'other'] as const;
export const DISPUTE_REFUNDS = ['allowed', 'full_only', 'refused'] as const;

export const transactionViewSchema = z.object({
  objectType: z.string(),
  objectId: z.string(),
  provider: z.string(),
  providerTransactionId: z.string(),
  currency: currencyCode,
  amount: decimalString,
  refunded: decimalString,
  refundable: decimalString,
  refundStatus: z.enum(REFUND_STATUSES),
  /** where the record and the payment disagree (the card shows each) */
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
  /** the customer disputed the payment: since when, and what the provider still refunds */
  dispute: z.object({ openedAt: z.iso.datetime({ offset: true }), refunds: z.enum(DISPUTE_REFUNDS) }).nullable(),
});

export const personSchema = z.object({ userId: z.string(), name: z.string().nullable(), email: z.string().nullable() });

export const attemptViewSchema = z.object({
  id: z.string(),
  kind: z.enum(ATTEMPT_KINDS),
  origin: z.enum(ATTEMPT_ORIGINS),
  amount: decimalString,
  currency: currencyCode,
  status: z.enum(ATTEMPT_STATUSES),
  reason: z.enum(REFUND_REASONS),
  note: z.string().nullable(),
  /** null for a refund made in the provider's dashboard */
  requestedBy: personSchema.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  providerRefundId: z.string().nullable(),
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** why it needed approval (which limit) */
  approvalReason: z.string().nullable(),
  approval: z.object({ decidedBy: personSchema, decidedAt: z.iso.datetime({ offset: true }), note: z.string().nullable() }).nullable(),
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
});

export const viewerViewSchema = z.object({
  canRefund: z.boolean(),
  canVoid: z.boolean(),
  canApprove: z.boolean(),
  /** amounts above it need approval; null when none do */
  approvalAbove: decimalString.nullable(),
  /** who approves, in words */
  approvalBy: z.string().nullable(),
  /** the most the viewer may ask for, approval included; null = up to what is refundable */
  maxRefundAmount: decimalString.nullable(),
  dailyRemaining: decimalString.nullable(),
  /** the reasons that need a note (the refund policy's requireNoteFor) */
  noteRequiredFor: z.array(z.enum(REFUND_REASONS)),
  denyReason: z.string().nullable(),
});

/** GET /api/transactions/{objectType}/{objectId} */
export const transactionDetailsSchema = z.object({
  transaction: transactionViewSchema,
  attempts: z.array(attemptViewSchema),
  /** for the older attempts (GET …/attempts?cursor=) */
  attemptsCursor: z.string().nullable(),
  viewer: viewerViewSchema,
});

/** GET …/attempts: older attempts, newest first. */
export const attemptPageSchema = z.object({ results: z.array(attemptViewSchema), nextCursor: z.string().nullable() });

/** POST …/refunds and …/voids: 201 (provider answered), 202 (unknown, or awaiting approval) or 200 (the same form again); approve, reject, cancel. */
export const attemptResultSchema = z.object({
  attempt: attemptViewSchema,
  transaction: transactionViewSchema,
});

/** Every error the backend sends: { error: { code, message, details? } }. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string().min(1),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export type TransactionView = z.infer<typeof transactionViewSchema>;
export type AttemptView = z.infer<typeof attemptViewSchema>;
export type ViewerView = z.infer<typeof viewerViewSchema>;
export type TransactionDetails = z.infer<typeof transactionDetailsSchema>;
export type AttemptResult = z.infer<typeof attemptResultSchema>;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];
export type AttemptPage = z.infer<typeof attemptPageSchema>;
export type RefundReason = (typeof REFUND_REASONS)[number];
