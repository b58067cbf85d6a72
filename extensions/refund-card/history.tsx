import { Button, EmptyState, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { AttemptView } from '../shared/api-schemas';
import { formatDate } from '../shared/date-format';
import { kindLabel, LATE_FAILURE, personLabel, reasonLabel } from '../shared/labels';
import { formatMoney } from '../shared/money-format';
import { AttemptStatusTag } from '../shared/status-tags';

interface HistoryProps {
  readonly attempts: readonly AttemptView[];
  readonly provider: string;
  readonly locale: string | undefined;
  readonly timeZone: string | undefined;
  /** there are older attempts: the button loads the next page */
  readonly onLoadOlder?: (() => void) | null;
  readonly loadingOlder?: boolean;
}

/** Every refund and void attempt, successful or not, newest first, with each decision and who made it. */
export function History({ attempts, provider, locale, timeZone, onLoadOlder, loadingOlder }: HistoryProps) {
  if (attempts.length === 0) {
    return (
      <EmptyState testId="history-empty" title="No refunds yet" layout="vertical" imageName="productsShoppingCart">
        <Text>Every refund or void of this payment, successful or not, will be listed here.</Text>
      </EmptyState>
    );
  }
  const newestFirst = [...attempts].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return (
    <>
      <Table testId="history" bordered>
        <TableHead>
          <TableRow>
            <TableHeader>Date</TableHeader>
            <TableHeader>Kind</TableHeader>
            <TableHeader>Amount</TableHeader>
            <TableHeader>Status</TableHeader>
            <TableHeader>Who</TableHeader>
            <TableHeader>Reason and note</TableHeader>
            <TableHeader>Approval</TableHeader>
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
                <AttemptStatusTag status={attempt.status} failedLate={attempt.failure?.code === LATE_FAILURE} testId={`history-status-${attempt.id}`} />
              </TableCell>
              <TableCell testId={`history-who-${attempt.id}`}>{personLabel(attempt.requestedBy, provider)}</TableCell>
              <TableCell>{attempt.note ? `${reasonLabel(attempt.reason)}: ${attempt.note}` : reasonLabel(attempt.reason)}</TableCell>
              <TableCell testId={`history-approval-${attempt.id}`}>{approvalText(attempt, locale, timeZone)}</TableCell>
              <TableCell>{attempt.providerRefundId ?? '—'}</TableCell>
              <TableCell testId={`history-failure-${attempt.id}`}>{attempt.failure?.message ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {onLoadOlder ? (
        <Button testId="history-older" variant="transparent" size="sm" disabled={loadingOlder} onClick={onLoadOlder}>
          {loadingOlder ? 'Loading…' : 'Show older attempts'}
        </Button>
      ) : null}
    </>
  );
}

/** Who decided and what they said; for a waiting request, until when it waits. */
function approvalText(attempt: AttemptView, locale: string | undefined, timeZone: string | undefined): string {
  if (attempt.approval) {
    const verb = attempt.status === 'rejected' ? 'Rejected' : attempt.status === 'canceled' ? 'Canceled' : 'Approved';
    return `${verb} by ${personLabel(attempt.approval.decidedBy)}, ${formatDate(attempt.approval.decidedAt, locale, timeZone)}${attempt.approval.note ? `: ${attempt.approval.note}` : ''}`;
  }
  if (attempt.status === 'awaiting_approval' && attempt.expiresAt) return `Waiting; expires ${formatDate(attempt.expiresAt, locale, timeZone)}`;
  if (attempt.status === 'expired') return 'Nobody approved it in time';
  return attempt.approvalReason ?? '—';
}
