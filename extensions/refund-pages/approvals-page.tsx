import { Alert, EmptyState, Flex, Table, TableBody, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { PageTitle } from '@hubspot/ui-extensions/pages';
import { useCallback, useState } from 'react';
import type { AttemptResult } from '../shared/api-schemas';
import { LoadMore } from '../shared/load-more';
import { Loaded } from '../shared/loaded';
import { type CursorListState, useCursorList } from '../shared/use-cursor-list';
import { approvalOutcome } from './approval-outcome';
import { ApprovalRow } from './approval-row';
import { usePagesServices } from './pages-services';
import type { ApprovalItem } from './report-schemas';

type Outcome = { readonly title: string; readonly variant: 'success' | 'warning' | 'danger' | 'info' };

/** The requests the viewer may decide, oldest first (design §5): approve or reject each without leaving the page. */
export function ApprovalsPage() {
  const { api, locale } = usePagesServices();
  const load = useCallback((cursor: string | null) => api.approvals(cursor), [api]);
  const { state, loadMore, reload } = useCursorList<ApprovalItem>(load);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const decided = useCallback(
    (decision: 'approve' | 'reject', result: AttemptResult) => {
      setOutcome(approvalOutcome(decision, result, locale));
      reload();
    },
    [locale, reload],
  );

  return (
    <Flex direction="column" gap="md">
      <PageTitle>Refunds waiting for approval</PageTitle>
      {outcome ? (
        <Alert testId="decision-outcome" variant={outcome.variant} title={outcome.title}>
          <Text>The request is off the queue; the record's timeline has the decision.</Text>
        </Alert>
      ) : null}
      <ApprovalQueue state={state} onMore={loadMore} onRetry={reload} onDecided={decided} />
    </Flex>
  );
}

interface ApprovalQueueProps {
  readonly state: CursorListState<ApprovalItem>;
  readonly onMore: () => void;
  readonly onRetry: () => void;
  readonly onDecided: (decision: 'approve' | 'reject', result: AttemptResult) => void;
}

function ApprovalQueue({ state, onMore, onRetry, onDecided }: ApprovalQueueProps) {
  return (
    <Loaded state={state} spinner={{ testId: 'approvals-loading', label: 'Loading the requests…' }} onRetry={onRetry}>
      {(queue) =>
        queue.items.length === 0 ? (
          <EmptyState testId="approvals-empty" title="Nothing waits for your approval" layout="vertical" imageName="emptyStateCharts">
            <Text>A refund above a refunder&apos;s limit waits here for an approver named in the refund policy. Your own requests are decided by someone else.</Text>
          </EmptyState>
        ) : (
          <Flex direction="column" gap="sm">
            <Table testId="approvals" bordered>
              <TableHead>
                <TableRow>
                  <TableHeader>Amount</TableHeader>
                  <TableHeader>Payment</TableHeader>
                  <TableHeader>Requested by</TableHeader>
                  <TableHeader>Reason and note</TableHeader>
                  <TableHeader>Why it needs approval</TableHeader>
                  <TableHeader>Expires</TableHeader>
                  <TableHeader>Decision</TableHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {queue.items.map((item) => (
                  <ApprovalRow key={item.attempt.id} item={item} onDecided={onDecided} onClosed={onRetry} />
                ))}
              </TableBody>
            </Table>
            <LoadMore testId="approvals-more" list={queue} label="Show more requests" what="More requests" onMore={onMore} />
          </Flex>
        )
      }
    </Loaded>
  );
}
