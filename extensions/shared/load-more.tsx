import { Button, Text } from '@hubspot/ui-extensions';
import type { CursorListState } from './use-cursor-list';

interface LoadMoreProps {
  readonly testId: string;
  readonly list: Extract<CursorListState<unknown>, { phase: 'ready' }>;
  readonly label: string;
  /** what failed to load, as the start of a sentence ("The older versions") */
  readonly what: string;
  readonly onMore: () => void;
}

/** The next page of a list, while there is one, and why it did not come. */
export function LoadMore({ testId, list, label, what, onMore }: LoadMoreProps) {
  return (
    <>
      {list.nextCursor ? (
        <Button testId={testId} variant="transparent" size="sm" disabled={list.loadingMore} onClick={onMore}>
          {list.loadingMore ? 'Loading…' : label}
        </Button>
      ) : null}
      {list.moreError ? <Text testId={`${testId}-error`}>{`${what} could not be loaded: ${list.moreError.message}`}</Text> : null}
    </>
  );
}
