import { Tag } from '@hubspot/ui-extensions';
import type { AttemptStatus, RefundStatus } from './api-schemas';
import { unreachable } from './labels';

type TagVariant = 'default' | 'warning' | 'success' | 'error' | 'info';

function refundStatusLook(status: RefundStatus): { label: string; variant: TagVariant } {
  switch (status) {
    case 'not_refunded':
      return { label: 'Not refunded', variant: 'default' };
    case 'partially_refunded':
      return { label: 'Partially refunded', variant: 'info' };
    case 'fully_refunded':
      return { label: 'Fully refunded', variant: 'success' };
    case 'refund_pending':
      return { label: 'Refund pending', variant: 'warning' };
    case 'refund_awaiting_approval':
      return { label: 'Awaiting approval', variant: 'warning' };
    case 'voided':
      return { label: 'Voided', variant: 'default' };
    default:
      return unreachable(status);
  }
}

function attemptStatusLook(status: AttemptStatus): { label: string; variant: TagVariant } {
  switch (status) {
    case 'succeeded':
      return { label: 'Succeeded', variant: 'success' };
    case 'pending':
      return { label: 'Pending', variant: 'warning' };
    case 'unknown':
      return { label: 'Unknown, checking', variant: 'warning' };
    case 'failed':
      return { label: 'Failed', variant: 'error' };
    case 'awaiting_approval':
      return { label: 'Awaiting approval', variant: 'warning' };
    case 'rejected':
      return { label: 'Rejected', variant: 'error' };
    case 'expired':
      return { label: 'Expired', variant: 'default' };
    case 'canceled':
      return { label: 'Canceled', variant: 'default' };
    default:
      return unreachable(status);
  }
}

/** The words of a status tag, for a sentence. */
export function attemptStatusLabel(status: AttemptStatus): string {
  return attemptStatusLook(status).label;
}

export function RefundStatusTag({ status, testId }: { status: RefundStatus; testId?: string }) {
  const look = refundStatusLook(status);
  return (
    <Tag variant={look.variant} testId={testId}>
      {look.label}
    </Tag>
  );
}

/** `failedLate`: the provider reported the refund failed after it had succeeded. */
export function AttemptStatusTag({ status, failedLate, testId }: { status: AttemptStatus; failedLate?: boolean; testId?: string }) {
  const look = failedLate && status === 'failed' ? { label: 'Failed after success', variant: 'error' as const } : attemptStatusLook(status);
  return (
    <Tag variant={look.variant} testId={testId}>
      {look.label}
    </Tag>
  );
}
