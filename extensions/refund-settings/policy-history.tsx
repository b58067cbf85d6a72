import { EmptyState, Flex, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useCallback } from 'react';
import { formatDate } from '../shared/date-format';
import { personLabel } from '../shared/labels';
import { LoadMore } from '../shared/load-more';
import { Loaded } from '../shared/loaded';
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
  return (
    <Loaded state={state} spinner={{ testId: 'history-loading', label: 'Loading the versions…' }} onRetry={reload}>
      {(list) =>
        list.items.length === 0 ? (
          <EmptyState testId="history-empty" title="No saved versions yet" layout="vertical">
            <Text>The policy in force is the built-in default until someone saves one.</Text>
          </EmptyState>
        ) : (
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
                {list.items.map((item) => (
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
            <LoadMore testId="history-older" list={list} label="Show older versions" what="The older versions" onMore={loadMore} />
          </Flex>
        )
      }
    </Loaded>
  );
}
