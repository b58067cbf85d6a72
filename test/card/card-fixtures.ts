import type { AttemptResult, AttemptView, TransactionDetails, TransactionView, ViewerView } from '../../extensions/shared/api-schemas';

/** Typed copies of what the backend sends (src/application/transaction-view.ts), for fake answers. */
export function transactionView(overrides: Partial<TransactionView> = {}): TransactionView {
  return {
    objectType: 'deals',
    objectId: '1001',
    provider: 'stripe',
    providerTransactionId: 'pi_3Pq1001',
    currency: 'USD',
    amount: '1200.00',
    refunded: '120.50',
    refundable: '1079.50',
    refundStatus: 'partially_refunded',
    warnings: [],
    dispute: null,
    ...overrides,
  };
}

export function viewerView(overrides: Partial<ViewerView> = {}): ViewerView {
  return {
    canRefund: true,
    canVoid: false,
    canApprove: false,
    approvalAbove: null,
    approvalBy: null,
    maxRefundAmount: null,
    dailyRemaining: null,
    noteRequiredFor: ['other'],
    denyReason: null,
    ...overrides,
  };
}

export function attemptView(overrides: Partial<AttemptView> = {}): AttemptView {
  return {
    id: 'att_1',
    kind: 'refund',
    origin: 'app',
    amount: '120.50',
    currency: 'USD',
    status: 'succeeded',
    reason: 'requested_by_customer',
    note: 'Two seats removed',
    requestedBy: { userId: '2', name: 'Rita Rep', email: 'rita@example.com' },
    createdAt: '2025-03-04T15:30:00.000Z',
    completedAt: '2025-03-04T15:30:02.000Z',
    providerRefundId: 're_3Pq1',
    failure: null,
    approvalReason: null,
    approval: null,
    expiresAt: null,
    ...overrides,
  };
}

/** Rita's refund of 600.00 above her limit, waiting for an approver. */
export function awaitingAttempt(overrides: Partial<AttemptView> = {}): AttemptView {
  return attemptView({
    id: 'att_wait',
    amount: '600.00',
    status: 'awaiting_approval',
    completedAt: null,
    providerRefundId: null,
    note: 'Goodwill',
    approvalReason: 'Above the limit of USD 500.00 per refund.',
    expiresAt: '2025-03-08T15:30:00.000Z',
    requestedBy: { userId: '2', name: 'Rita Rep', email: 'rita@example.com' },
    ...overrides,
  });
}

export function transactionDetails(
  overrides: { transaction?: Partial<TransactionView>; viewer?: Partial<ViewerView>; attempts?: AttemptView[]; attemptsCursor?: string | null } = {},
): TransactionDetails {
  return {
    transaction: transactionView(overrides.transaction),
    attempts: overrides.attempts ?? [attemptView()],
    attemptsCursor: overrides.attemptsCursor ?? null,
    viewer: viewerView(overrides.viewer),
  };
}

export const JPY_DEAL = transactionDetails({
  transaction: { objectId: '1002', currency: 'JPY', amount: '120000', refunded: '0', refundable: '120000', refundStatus: 'not_refunded', providerTransactionId: 'pi_3Pq1002' },
  viewer: { maxRefundAmount: '50000', approvalAbove: '50000' },
  attempts: [],
});

export function attemptResult(attempt: Partial<AttemptView> = {}, transaction: Partial<TransactionView> = {}): AttemptResult {
  return {
    attempt: attemptView({ id: 'att_new', reason: 'duplicate', note: null, createdAt: '2025-03-05T10:00:00.000Z', providerRefundId: 're_new', ...attempt }),
    transaction: transactionView(transaction),
  };
}

export function apiError(code: string, message: string, details?: Record<string, unknown>) {
  return { error: { code, message, ...(details ? { details } : {}) } };
}
