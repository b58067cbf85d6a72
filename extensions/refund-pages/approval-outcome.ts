import type { AttemptResult } from '../shared/api-schemas';
import type { Decision } from '../shared/decision';
import { kindLabel, personLabel, unreachable } from '../shared/labels';
import { formatMoney } from '../shared/money-format';
import { attemptStatusLabel } from '../shared/status-tags';

/** What the approver reads after deciding: who asked for what, and what became of it. */
export function approvalOutcome(decision: Exclude<Decision, 'cancel'>, result: AttemptResult, locale: string | undefined): { title: string; variant: 'success' | 'warning' | 'danger' | 'info' } {
  const { attempt } = result;
  const what = `${personLabel(attempt.requestedBy)}'s ${kindLabel(attempt.kind).toLowerCase()} of ${formatMoney(attempt.amount, attempt.currency, locale)}`;
  switch (decision) {
    case 'approve':
      return {
        title: `Approved ${what}: ${attemptStatusLabel(attempt.status).toLowerCase()}`,
        variant: attempt.status === 'succeeded' ? 'success' : attempt.status === 'failed' ? 'danger' : 'warning',
      };
    case 'reject':
      return { title: `Rejected ${what}: nothing was refunded`, variant: 'info' };
    default:
      return unreachable(decision);
  }
}
