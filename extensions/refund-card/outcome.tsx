import { Alert, Button, Text } from '@hubspot/ui-extensions';
import type { AttemptView } from '../shared/api-schemas';
import { formatDate } from '../shared/date-format';
import { kindLabel, LATE_FAILURE, personLabel, unreachable } from '../shared/labels';
import { formatMoney } from '../shared/money-format';

export const MONEY_RETURNS = 'The money returns to the original payment method, usually within 5-10 business days.';

interface OutcomeProps {
  readonly attempt: AttemptView;
  readonly locale: string | undefined;
  readonly onDismiss: () => void;
}

/** What just happened to the rep's refund or void, and what happens next. */
export function Outcome({ attempt, locale, onDismiss }: OutcomeProps) {
  const look = outcomeLook(attempt, formatMoney(attempt.amount, attempt.currency, locale), attempt.expiresAt ? formatDate(attempt.expiresAt, locale, undefined) : null);
  return (
    <Alert testId="outcome" variant={look.variant} title={look.title}>
      <Text testId="outcome-message">{look.message}</Text>
      <Button testId="outcome-dismiss" variant="transparent" size="sm" onClick={onDismiss}>
        Dismiss
      </Button>
    </Alert>
  );
}

function outcomeLook(attempt: AttemptView, amount: string, expires: string | null): { variant: 'success' | 'warning' | 'danger' | 'info'; title: string; message: string } {
  const kind = kindLabel(attempt.kind);
  const isVoid = attempt.kind === 'void';
  switch (attempt.status) {
    case 'succeeded':
      return {
        variant: 'success',
        title: `${kind} of ${amount} succeeded`,
        message: isVoid
          ? 'The payment is cancelled before it settled: the customer is not charged, and the pending charge drops off their statement.'
          : MONEY_RETURNS,
      };
    case 'pending':
      return {
        variant: 'info',
        title: `${kind} of ${amount} is pending`,
        message: `The provider accepted the ${kind.toLowerCase()} and is still processing it. This card and the record update when it finishes; there is nothing more to do.`,
      };
    case 'unknown':
      return {
        variant: 'warning',
        title: `${kind} of ${amount}: outcome unknown`,
        message: `The provider did not answer in time. We'll check with the provider; don't refund again. The amount stays reserved until the outcome is known.`,
      };
    case 'failed':
      return {
        variant: 'danger',
        title: attempt.failure?.code === LATE_FAILURE ? `${kind} of ${amount} failed after it had been reported successful` : `${kind} of ${amount} failed`,
        message: attempt.failure?.message ?? `The provider refused the ${kind.toLowerCase()}; nothing was ${isVoid ? 'voided' : 'refunded'}.`,
      };
    case 'awaiting_approval':
      return {
        variant: 'info',
        title: `${kind} of ${amount} is awaiting approval`,
        message: `Nothing was sent yet. ${attempt.approvalReason ?? 'It is above your limit.'} An approver decides${expires ? ` before ${expires}, when the request expires` : ''}; you can cancel it until then.`,
      };
    case 'rejected':
      return {
        variant: 'warning',
        title: `${kind} request rejected`,
        message: `${attempt.approval ? `${personLabel(attempt.approval.decidedBy)} rejected it` : 'It was rejected'}${attempt.approval?.note ? `: ${attempt.approval.note}` : '.'} Nothing was ${isVoid ? 'voided' : 'refunded'}.`,
      };
    case 'expired':
      return { variant: 'warning', title: `${kind} request expired`, message: `Nobody approved it in time, so nothing was ${isVoid ? 'voided' : 'refunded'}. Ask again if it is still needed.` };
    case 'canceled':
      return { variant: 'info', title: `${kind} request canceled`, message: `The request was withdrawn; nothing was ${isVoid ? 'voided' : 'refunded'}.` };
    default:
      return unreachable(attempt.status);
  }
}
