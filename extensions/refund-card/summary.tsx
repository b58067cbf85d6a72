import { Alert, DescriptionList, DescriptionListItem, Statistics, StatisticsItem, Text } from '@hubspot/ui-extensions';
import { isZero } from '../shared/decimal-amount';
import type { TransactionView, ViewerView } from '../shared/api-schemas';
import { providerLabel } from '../shared/labels';
import { formatMoney } from '../shared/money-format';
import { RefundStatusTag } from '../shared/status-tags';

/** What was paid, refunded and still refundable, exactly as the backend computed them (no math here). */
export function Summary({ transaction, viewer, locale }: { transaction: TransactionView; viewer: ViewerView; locale: string | undefined }) {
  const money = (decimal: string) => formatMoney(decimal, transaction.currency, locale);
  return (
    <>
      <Statistics>
        <StatisticsItem testId="summary-paid" label="Paid" number={money(transaction.amount)} />
        <StatisticsItem testId="summary-refunded" label="Refunded so far" number={money(transaction.refunded)} />
        <StatisticsItem testId="summary-refundable" label="Still refundable" number={money(transaction.refundable)} />
      </Statistics>
      <DescriptionList direction="row">
        <DescriptionListItem label="Refund status">
          <RefundStatusTag status={transaction.refundStatus} testId="summary-status" />
        </DescriptionListItem>
        <DescriptionListItem label="Provider">
          <Text testId="summary-provider">{providerLabel(transaction.provider)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Provider transaction id">
          <Text testId="summary-transaction-id">{transaction.providerTransactionId}</Text>
        </DescriptionListItem>
        {viewer.canRefund && viewer.approvalAbove !== null ? (
          <DescriptionListItem label="You refund without approval">
            <Text testId="summary-limit">{isZero(viewer.approvalAbove) ? 'nothing: every refund needs approval' : `up to ${money(viewer.approvalAbove)}`}</Text>
          </DescriptionListItem>
        ) : null}
        {viewer.canRefund && viewer.dailyRemaining !== null ? (
          <DescriptionListItem label="Left today (24 hours)">
            <Text testId="summary-daily">{money(viewer.dailyRemaining)}</Text>
          </DescriptionListItem>
        ) : null}
      </DescriptionList>
      {transaction.warnings.map((warning) => (
        <Alert key={warning.code} testId={`warning-${warning.code}`} variant="warning" title="The record and the payment disagree">
          <Text>{warning.message}</Text>
        </Alert>
      ))}
    </>
  );
}
