import { Button, EmptyState, Flex, Heading, Link, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { formatDate } from '../shared/date-format';
import { kindLabel, personLabel, providerLabel, reasonLabel } from '../shared/labels';
import { Loaded } from '../shared/loaded';
import { formatMoney } from '../shared/money-format';
import { AttemptStatusTag } from '../shared/status-tags';
import { usePagesServices } from './pages-services';
import { recordLabel, recordUrl } from './record-link';
import type { ReportQuery } from './refunds-api';
import type { RefundListItem } from './report-schemas';
import { useRefundPages } from './use-refund-pages';

/** Refunds and voids across records, newest first, each linked to its record, a page at a time. */
export function RefundsList({ query }: { query: ReportQuery }) {
  const services = usePagesServices();
  const { api, locale, timeZone } = services;
  const { state, reload, page, hasNext, hasPrevious, next, previous } = useRefundPages(api, query);

  const rows = (items: readonly RefundListItem[]) =>
    items.length === 0 && page === 1 ? (
      <EmptyState testId="refunds-empty" title="No refunds match" layout="vertical">
        <Text>Try a longer period or fewer filters.</Text>
      </EmptyState>
    ) : (
      <Table testId="refunds" bordered>
        <TableHead>
          <TableRow>
            <TableHeader>When</TableHeader>
            <TableHeader>Record</TableHeader>
            <TableHeader>Amount</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>Reason and note</TableHeader>
            <TableHeader>Requested by</TableHeader>
            <TableHeader>Payment</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id} testId={`refund-${item.id}`}>
              <TableCell>{formatDate(item.createdAt, locale, timeZone)}</TableCell>
              <TableCell>
                <Link testId={`refund-record-${item.id}`} href={recordUrl(services, item.objectType, item.objectId)}>
                  {recordLabel(item.objectType, item.objectId)}
                </Link>
              </TableCell>
              <TableCell testId={`refund-amount-${item.id}`}>{`${kindLabel(item.kind)} of ${formatMoney(item.amount, item.currency, locale)}`}</TableCell>
              <TableCell>
                <AttemptStatusTag status={item.status} testId={`refund-status-${item.id}`} />
              </TableCell>
              <TableCell>{item.note ? `${reasonLabel(item.reason)}: ${item.note}` : reasonLabel(item.reason)}</TableCell>
              <TableCell testId={`refund-who-${item.id}`}>{personLabel(item.requestedBy, item.provider)}</TableCell>
              <TableCell>{`${providerLabel(item.provider)} ${item.providerTransactionId}`}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );

  return (
    <Flex direction="column" gap="sm">
      <Heading>Refunds</Heading>
      <Loaded state={state} spinner={{ testId: 'refunds-loading', label: 'Loading the refunds…' }} onRetry={reload}>
        {(answer) => rows(answer.value.results)}
      </Loaded>
      {hasPrevious || hasNext ? (
        <Flex direction="row" gap="sm" align="center">
          <Button testId="refunds-previous" size="sm" disabled={!hasPrevious} onClick={previous}>
            Newer
          </Button>
          <Text testId="refunds-page">{`Page ${page}`}</Text>
          <Button testId="refunds-next" size="sm" disabled={!hasNext} onClick={next}>
            Older
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
