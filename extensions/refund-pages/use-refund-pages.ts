import { useCallback, useState } from 'react';
import { useApiRead } from '../shared/use-api-read';
import type { ReportQuery, RefundsApi } from './refunds-api';

interface Paging {
  readonly query: ReportQuery;
  /** the cursor of each page seen so far; the first page has none */
  readonly cursors: readonly (string | null)[];
  readonly index: number;
}

/**
 * The list a page at a time, forwards with the answer's cursor and back with the cursors already seen. New
 * filters start again from the first page.
 */
export function useRefundPages(api: RefundsApi, query: ReportQuery) {
  const [paging, setPaging] = useState<Paging>({ query, cursors: [null], index: 0 });
  const current: Paging = paging.query === query ? paging : { query, cursors: [null], index: 0 };
  const cursor = current.cursors[current.index] ?? null;
  const read = useCallback(() => api.refunds(query, cursor), [api, query, cursor]);
  const { state, reload } = useApiRead(read);
  const nextCursor = state.phase === 'ready' ? state.value.nextCursor : null;

  const next = useCallback(() => {
    if (!nextCursor || state.phase !== 'ready' || state.refreshing) return;
    setPaging({ ...current, cursors: [...current.cursors.slice(0, current.index + 1), nextCursor], index: current.index + 1 });
  }, [current, nextCursor, state]);
  const previous = useCallback(() => {
    if (current.index > 0) setPaging({ ...current, index: current.index - 1 });
  }, [current]);

  return { state, reload, page: current.index + 1, hasNext: nextCursor !== null, hasPrevious: current.index > 0, next, previous };
}
