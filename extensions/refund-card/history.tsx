import { EmptyState, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { AttemptView } from './api-schemas';
import { kindLabel, reasonLabel } from './labels';
import { formatMoney } from './money-format';
import { AttemptStatusTag } from './status-tags';

interface HistoryProps {
  readonly attempts: readonly AttemptView[];
  readonly locale: string | undefined;
  readonly timeZone: string | undefined;
}

/** Every refund and void attempt, successful or not, newest first. */
export function History({ attempts, locale, timeZone }: HistoryProps) {
  if (attempts.length === 0) {
    return (
      <EmptyState testId="history-empty" title="No refunds yet" layout="vertical" imageName="productsShoppingCart">
        <Text>Every refund or void of this payment, successful or not, will be listed here.</Text>
      </EmptyState>
    );
  }
  const newestFirst = [...attempts].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return (
    <Table testId="history" bordered>
      <TableHead>
        <TableRow>
          <TableHeader>Date</TableHeader>
          <TableHeader>Kind</TableHeader>
          <TableHeader>Amount</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader>Who</TableHeader>
          <TableHeader>Reason and note</TableHeader>
          <TableHeader>Provider refund id</TableHeader>
          <TableHeader>Failure</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {newestFirst.map((attempt) => (
          <TableRow key={attempt.id} testId={`history-row-${attempt.id}`}>
            <TableCell>{formatDate(attempt.createdAt, locale, timeZone)}</TableCell>
            <TableCell>{kindLabel(attempt.kind)}</TableCell>
            <TableCell>{formatMoney(attempt.amount, attempt.currency, locale)}</TableCell>
            <TableCell>
              <AttemptStatusTag status={attempt.status} testId={`history-status-${attempt.id}`} />
            </TableCell>
            <TableCell>{attempt.requestedBy.name ?? attempt.requestedBy.email ?? `HubSpot user ${attempt.requestedBy.userId}`}</TableCell>
            <TableCell>{attempt.note ? `${reasonLabel(attempt.reason)}: ${attempt.note}` : reasonLabel(attempt.reason)}</TableCell>
            <TableCell>{attempt.providerRefundId ?? '—'}</TableCell>
            <TableCell testId={`history-failure-${attempt.id}`}>{attempt.failure?.message ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function formatDate(iso: string, locale: string | undefined, timeZone: string | undefined): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
  } catch {
    return iso; // an unknown time zone or locale tag: the ISO timestamp is still unambiguous
  }
}
