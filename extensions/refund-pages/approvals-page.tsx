import { Alert, Button, EmptyState, Flex, LoadingSpinner, Table, TableBody, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { PageTitle } from '@hubspot/ui-extensions/pages';
import { useCallback, useState } from 'react';
import type { AttemptResult } from '../shared/api-schemas';
import { LoadError } from '../shared/load-error';
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
  switch (state.phase) {
    case 'loading':
      return <LoadingSpinner testId="approvals-loading" label="Loading the requests…" showLabel layout="centered" />;
    case 'failed':
      return <LoadError error={state.error} onRetry={onRetry} />;
    case 'ready':
      break;
  }
  if (state.items.length === 0) {
    return (
      <EmptyState testId="approvals-empty" title="Nothing waits for your approval" layout="vertical" imageName="emptyStateCharts">
        <Text>A refund above a refunder&apos;s limit waits here for an approver named in the refund policy. Your own requests are decided by someone else.</Text>
      </EmptyState>
    );
  }
  return (
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
          {state.items.map((item) => (
            <ApprovalRow key={item.attempt.id} item={item} onDecided={onDecided} onClosed={onRetry} />
          ))}
        </TableBody>
      </Table>
      {state.nextCursor ? (
        <Button testId="approvals-more" variant="transparent" size="sm" disabled={state.loadingMore} onClick={onMore}>
          {state.loadingMore ? 'Loading…' : 'Show more requests'}
        </Button>
      ) : null}
      {state.moreError ? <Text testId="approvals-more-error">{`More requests could not be loaded: ${state.moreError.message}`}</Text> : null}
    </Flex>
  );
}
