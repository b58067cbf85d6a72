import { Button, EmptyState, Flex, LoadingSpinner, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useCallback } from 'react';
import { formatDate } from '../shared/date-format';
import { personLabel } from '../shared/labels';
import { LoadError } from '../shared/load-error';
import { useCursorList } from '../shared/use-cursor-list';
import type { PolicyApi } from './policy-api';
import { sourceLabel } from './policy-labels';
import type { PolicyHistoryItem } from './policy-schemas';

interface PolicyHistoryProps {
  readonly api: PolicyApi;
  readonly locale: string | undefined;
  readonly timeZone: string | undefined;
}

/** Every version, newest first: who saved it, when, from where, and what changed since the one before. */
export function PolicyHistory({ api, locale, timeZone }: PolicyHistoryProps) {
  const load = useCallback((cursor: string | null) => api.history(cursor), [api]);
  const { state, loadMore, reload } = useCursorList<PolicyHistoryItem>(load);
  switch (state.phase) {
    case 'loading':
      return <LoadingSpinner testId="history-loading" label="Loading the versions…" layout="inline" />;
    case 'failed':
      return <LoadError error={state.error} onRetry={reload} />;
    case 'ready':
      break;
  }
  if (state.items.length === 0) {
    return (
      <EmptyState testId="history-empty" title="No saved versions yet" layout="vertical">
        <Text>The policy in force is the built-in default until someone saves one.</Text>
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="sm">
      <Table testId="history" bordered>
        <TableHead>
          <TableRow>
            <TableHeader width="min">Version</TableHeader>
            <TableHeader>When</TableHeader>
            <TableHeader>Who</TableHeader>
            <TableHeader>What changed</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {state.items.map((item) => (
            <TableRow key={item.version} testId={`history-row-${item.version}`}>
              <TableCell>{String(item.version)}</TableCell>
              <TableCell testId={`history-when-${item.version}`}>{formatDate(item.updatedAt, locale, timeZone)}</TableCell>
              <TableCell testId={`history-who-${item.version}`}>{`${item.updatedBy ? personLabel(item.updatedBy) : 'The backend'}, from ${sourceLabel(item.source)}`}</TableCell>
              <TableCell testId={`history-changes-${item.version}`}>
                {item.changes.map((change, index) => (
                  <Text key={index}>{change}</Text>
                ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {state.nextCursor ? (
        <Button testId="history-older" variant="transparent" size="sm" disabled={state.loadingMore} onClick={loadMore}>
          {state.loadingMore ? 'Loading…' : 'Show older versions'}
        </Button>
      ) : null}
      {state.moreError ? <Text testId="history-older-error">{`The older versions could not be loaded: ${state.moreError.message}`}</Text> : null}
    </Flex>
  );
}
