import { useCallback, useState } from 'react';
import type { ApiError, ApiResult } from './api-error';
import { type ReadState, useApiRead } from './use-api-read';

export interface CursorPage<T> {
  readonly results: readonly T[];
  readonly nextCursor: string | null;
}

export type CursorListState<T> =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly error: ApiError }
  | { readonly phase: 'ready'; readonly items: readonly T[]; readonly nextCursor: string | null; readonly loadingMore: boolean; readonly moreError: ApiError | null };

interface More<T> {
  /** the first page these pages follow */
  readonly after: CursorPage<T>;
  readonly items: readonly T[];
  readonly nextCursor: string | null;
  readonly loading: boolean;
  readonly error: ApiError | null;
}

/**
 * A list the API gives a page at a time ({ results, nextCursor }): the first page, then more on demand,
 * appended. A new first page (a reload, another `load`) drops the pages loaded after the previous one, so
 * that nothing is listed twice.
 */
export function useCursorList<T>(load: (cursor: string | null) => Promise<ApiResult<CursorPage<T>>>) {
  const firstPage = useCallback(() => load(null), [load]);
  const { state: first, reload } = useApiRead(firstPage);
  const [more, setMore] = useState<More<T> | null>(null);
  const page = first.phase === 'ready' ? first.value : null;
  const current: More<T> | null = page === null ? null : more?.after === page ? more : { after: page, items: [], nextCursor: page.nextCursor, loading: false, error: null };

  const loadMore = useCallback(async () => {
    if (!current?.nextCursor || current.loading) return;
    setMore({ ...current, loading: true, error: null });
    const result = await load(current.nextCursor);
    setMore((latest) => {
      if (latest?.after !== current.after) return latest;
      return result.ok
        ? { ...current, items: [...current.items, ...result.value.results], nextCursor: result.value.nextCursor, loading: false, error: null }
        : { ...current, loading: false, error: result.error };
    });
  }, [current, load]);

  return { state: listState(first, current), loadMore: () => void loadMore(), reload };
}

function listState<T>(first: ReadState<CursorPage<T>>, more: More<T> | null): CursorListState<T> {
  if (first.phase !== 'ready' || !more) return first.phase === 'failed' ? first : { phase: 'loading' };
  return { phase: 'ready', items: [...more.after.results, ...more.items], nextCursor: more.nextCursor, loadingMore: more.loading, moreError: more.error };
}
