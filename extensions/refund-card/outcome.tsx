import { Alert, Button, Text } from '@hubspot/ui-extensions';
import type { AttemptView } from './api-schemas';
import { kindLabel, unreachable } from './labels';
import { formatMoney } from './money-format';

export const MONEY_RETURNS = 'The money returns to the original payment method, usually within 5-10 business days.';

interface OutcomeProps {
  readonly attempt: AttemptView;
  readonly locale: string | undefined;
  readonly onDismiss: () => void;
}

/** What just happened to the rep's refund or void, and what happens next. */
export function Outcome({ attempt, locale, onDismiss }: OutcomeProps) {
  const look = outcomeLook(attempt, formatMoney(attempt.amount, attempt.currency, locale));
  return (
    <Alert testId="outcome" variant={look.variant} title={look.title}>
      <Text testId="outcome-message">{look.message}</Text>
      <Button testId="outcome-dismiss" variant="transparent" size="sm" onClick={onDismiss}>
        Dismiss
      </Button>
    </Alert>
  );
}

function outcomeLook(attempt: AttemptView, amount: string): { variant: 'success' | 'warning' | 'danger' | 'info'; title: string; message: string } {
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
        title: `${kind} of ${amount} failed`,
        message: attempt.failure?.message ?? `The provider refused the ${kind.toLowerCase()}; nothing was ${isVoid ? 'voided' : 'refunded'}.`,
      };
    default:
      return unreachable(attempt.status);
  }
}
