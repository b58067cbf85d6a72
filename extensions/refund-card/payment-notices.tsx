import { Alert, Text } from '@hubspot/ui-extensions';
import type { AttemptView, TransactionView } from '../shared/api-schemas';
import { formatDate } from '../shared/date-format';
import { LATE_FAILURE, providerLabel, unreachable } from '../shared/labels';
import { formatMoney } from '../shared/money-format';

/** What the provider reported after the fact and the rep must know before refunding: a dispute, refunds that failed late. */
export function PaymentNotices({ transaction, attempts, locale, timeZone }: { transaction: TransactionView; attempts: readonly AttemptView[]; locale: string | undefined; timeZone: string | undefined }) {
  const provider = providerLabel(transaction.provider);
  const late = attempts.filter((attempt) => attempt.status === 'failed' && attempt.failure?.code === LATE_FAILURE);
  return (
    <>
      {transaction.dispute ? (
        <Alert testId="notice-dispute" variant="warning" title={`Disputed since ${formatDate(transaction.dispute.openedAt, locale, timeZone)}`}>
          <Text>{disputeText(provider, transaction.dispute.refunds)}</Text>
        </Alert>
      ) : null}
      {late.map((attempt) => (
        <Alert key={attempt.id} testId={`notice-late-${attempt.id}`} variant="danger" title={`A refund of ${formatMoney(attempt.amount, attempt.currency, locale)} failed after it had been reported successful`}>
          <Text>{attempt.failure?.message ?? ''}</Text>
        </Alert>
      ))}
    </>
  );
}

function disputeText(provider: string, refunds: 'allowed' | 'full_only' | 'refused'): string {
  switch (refunds) {
    case 'allowed':
      return `The customer disputed this payment with their bank. ${provider} still allows a refund; refunding the rest may settle the dispute.`;
    case 'full_only':
      return `The customer opened a case about this payment. ${provider} allows only a refund of everything that is left while it is open.`;
    case 'refused':
      return `The customer disputed this payment. ${provider} allows no refund while the dispute is open: respond to it in ${provider}.`;
    default:
      return unreachable(refunds);
  }
}
