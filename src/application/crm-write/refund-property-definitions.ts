import { ATTEMPT_STATUSES, type AttemptStatus } from '../../domain/attempt';
import { assertNever } from '../../domain/assert-never';
import { REFUND_REASONS, type RefundReason } from '../../domain/refund-reason';
import { REFUND_STATUSES, type RefundStatus } from '../../domain/refund-status';
import type { RefundProperties } from '../../ports/crm-records';
import type { PropertyDefinition, PropertyGroupDefinition } from '../../ports/crm-schema';

export const REFUND_PROPERTY_GROUP: PropertyGroupDefinition = { name: 'refunds', label: 'Refunds' };

function refundStatusLabel(status: RefundStatus): string {
  switch (status) {
    case 'not_refunded':
      return 'Not refunded';
    case 'refund_awaiting_approval':
      return 'Refund awaiting approval';
    case 'refund_pending':
      return 'Refund pending';
    case 'partially_refunded':
      return 'Partially refunded';
    case 'fully_refunded':
      return 'Fully refunded';
    case 'voided':
      return 'Voided';
    default:
      return assertNever(status);
  }
}

function refundReasonLabel(reason: RefundReason): string {
  switch (reason) {
    case 'duplicate':
      return 'Duplicate';
    case 'fraudulent':
      return 'Fraudulent';
    case 'requested_by_customer':
      return 'Requested by customer';
    case 'other':
      return 'Other';
    default:
      return assertNever(reason);
  }
}

function attemptStatusLabel(status: AttemptStatus): string {
  switch (status) {
    case 'succeeded':
      return 'Succeeded';
    case 'pending':
      return 'Pending';
    case 'unknown':
      return 'Unknown (checking with the provider)';
    case 'failed':
      return 'Failed';
    case 'awaiting_approval':
      return 'Awaiting approval';
    case 'rejected':
      return 'Rejected';
    case 'expired':
      return 'Expired (not approved in time)';
    case 'canceled':
      return 'Canceled';
    default:
      return assertNever(status);
  }
}

function options<T extends string>(values: readonly T[], label: (value: T) => string) {
  return values.map((value, index) => ({ label: label(value), value, displayOrder: index }));
}

/** Keyed by RefundProperties so that the setup command and the write-back can never disagree on a name. */
const DEFINITIONS: { readonly [K in keyof RefundProperties]: Omit<PropertyDefinition, 'name'> } = {
  refund_status: {
    label: 'Refund status',
    description: 'Whether this payment has been refunded (in full or in part), voided, or has a refund in progress or awaiting approval. Set by the refund app.',
    type: 'enumeration',
    fieldType: 'select',
    options: options(REFUND_STATUSES, refundStatusLabel),
  },
  refunded_amount: {
    label: 'Refunded amount',
    description: "Total refunded so far, in the payment's currency (a void is not counted: see Refund status). Set by the refund app.",
    type: 'number',
    fieldType: 'number',
  },
  refund_count: {
    label: 'Number of refunds',
    description: 'How many refunds of this payment succeeded. Set by the refund app.',
    type: 'number',
    fieldType: 'number',
  },
  last_refund_at: {
    label: 'Last refund date',
    description: 'When the latest successful refund completed. Set by the refund app.',
    type: 'datetime',
    fieldType: 'date',
  },
  // An enumeration, not free text: managers filter and report with "is any of" over fixed values,
  // and the app only ever writes one of the four reasons of the refund form (design §7).
  last_refund_reason: {
    label: 'Last refund reason',
    description: 'Reason given for the latest successful refund. Set by the refund app.',
    type: 'enumeration',
    fieldType: 'select',
    options: options(REFUND_REASONS, refundReasonLabel),
  },
  last_refund_attempt_status: {
    label: 'Last refund attempt status',
    description: 'Where the latest refund attempt stands, including failed, rejected and expired ones. Set by the refund app.',
    type: 'enumeration',
    fieldType: 'select',
    options: options(ATTEMPT_STATUSES, attemptStatusLabel),
  },
};

export const REFUND_PROPERTIES: readonly PropertyDefinition[] = (Object.keys(DEFINITIONS) as (keyof RefundProperties)[]).map(
  (name) => ({ name, ...DEFINITIONS[name] }),
);
