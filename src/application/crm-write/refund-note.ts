import type { Actor, RefundAttempt } from '../../domain/attempt';
import { assertNever } from '../../domain/assert-never';
import { formatMinor } from '../../domain/money';
import type { RefundReason } from '../../domain/refund-reason';
import { madeIn, type ProviderLabels } from '../provider-labels';

export const REASON_LABELS: Readonly<Record<RefundReason, string>> = {
  duplicate: 'Duplicate',
  fraudulent: 'Fraudulent',
  requested_by_customer: 'Requested by customer',
  other: 'Other',
};

/** HubSpot renders hs_note_body as HTML: every piece of user or provider text goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function headline(attempt: RefundAttempt): string {
  const what = attempt.kind === 'void' ? 'Void' : 'Refund';
  switch (attempt.status) {
    case 'awaiting_approval':
      return `${what} awaiting approval`;
    case 'succeeded':
      return `${what} succeeded`;
    case 'pending':
      return `${what} pending at the provider`;
    case 'unknown':
      return `${what} outcome unknown: being checked with the provider`;
    case 'failed':
      return attempt.failure?.code === 'refund_failed_late' ? `${what} failed after it had been reported successful` : `${what} failed`;
    case 'rejected':
      return `${what} request rejected`;
    case 'expired':
      return `${what} request expired: nobody approved it in time`;
    case 'canceled':
      return `${what} request canceled`;
    default:
      return assertNever(attempt.status);
  }
}

export function describeActor(actor: Actor): string {
  return actor.name ? `${actor.name}${actor.email ? ` (${actor.email})` : ''}` : (actor.email ?? `user ${actor.userId}`);
}

/** The timeline note of one attempt. Rewritten in place when the attempt moves on, so that it tells its whole story. */
export function renderRefundNote(attempt: RefundAttempt, labels: ProviderLabels): string {
  const amount = `${attempt.currency} ${formatMinor(attempt.amountMinor, attempt.currency)}`;
  const lines: [string, string][] = [
    ['Amount', amount],
    ['Status', attempt.status],
    ['Requested by', attempt.requestedBy ? describeActor(attempt.requestedBy) : `made outside the app, ${madeIn(labels, attempt.provider)}`],
    ['Reason', REASON_LABELS[attempt.reason]],
  ];
  if (attempt.note) lines.push(['Note', attempt.note]);
  if (attempt.approvalReason) lines.push(['Needed approval', attempt.approvalReason]);
  if (attempt.status === 'awaiting_approval' && attempt.expiresAt) lines.push(['Expires', `${attempt.expiresAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`]);
  if (attempt.approval) {
    const verb = attempt.status === 'rejected' ? 'Rejected by' : attempt.status === 'canceled' ? 'Canceled by' : 'Approved by';
    lines.push([verb, `${describeActor(attempt.approval.decidedBy)} on ${attempt.approval.decidedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`]);
    if (attempt.approval.note) lines.push([attempt.status === 'rejected' ? 'Why' : 'Approver note', attempt.approval.note]);
  }
  if (attempt.providerRefundId) lines.push(['Provider refund id', attempt.providerRefundId]);
  if (attempt.failure) lines.push([attempt.status === 'unknown' ? 'Why unknown' : 'Failure', attempt.failure.message]);
  lines.push(['Attempt id', attempt.id]);
  const items = lines.map(([label, value]) => `<li><strong>${label}:</strong> ${escapeHtml(value).replace(/\r?\n/g, '<br>')}</li>`);
  const manual =
    attempt.provider === 'manual' && attempt.status === 'succeeded'
      ? '<p>Recorded only: return the money to the customer outside any payment system (cash, cheque or bank transfer).</p>'
      : '';
  return `<p><strong>${headline(attempt)}</strong>: ${escapeHtml(amount)} via ${escapeHtml(labels[attempt.provider].label)}</p>${manual}<ul>${items.join('')}</ul>`;
}
