import { DescriptionList, DescriptionListItem, Statistics, StatisticsItem, Text } from '@hubspot/ui-extensions';
import type { TransactionView, ViewerView } from './api-schemas';
import { providerLabel } from './labels';
import { formatMoney } from './money-format';
import { RefundStatusTag } from './status-tags';

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
        {viewer.canRefund && viewer.maxRefundAmount !== null ? (
          <DescriptionListItem label="Your limit per refund">
            <Text testId="summary-limit">{money(viewer.maxRefundAmount)}</Text>
          </DescriptionListItem>
        ) : null}
      </DescriptionList>
    </>
  );
}
