import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult } from './api-error';

export interface CursorPage<T> {
  readonly results: readonly T[];
  readonly nextCursor: string | null;
}

export type CursorListState<T> =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly error: ApiError }
  | { readonly phase: 'ready'; readonly items: readonly T[]; readonly nextCursor: string | null; readonly loadingMore: boolean; readonly moreError: ApiError | null };

/**
 * A list the API gives a page at a time ({ results, nextCursor }): the first page, then more on demand,
 * appended. A new `load` (other filters, a saved version) starts again from the first page; only the latest
 * request's answer is used.
 */
export function useCursorList<T>(load: (cursor: string | null) => Promise<ApiResult<CursorPage<T>>>) {
  const [state, setState] = useState<CursorListState<T>>({ phase: 'loading' });
  const latest = useRef(0);

  const first = useCallback(async () => {
    const request = ++latest.current;
    // a reload keeps what is shown until the new first page arrives
    setState((current) => (current.phase === 'ready' ? current : { phase: 'loading' }));
    const result = await load(null);
    if (request !== latest.current) return;
    setState(result.ok ? { phase: 'ready', items: result.value.results, nextCursor: result.value.nextCursor, loadingMore: false, moreError: null } : { phase: 'failed', error: result.error });
  }, [load]);

  useEffect(() => {
    void first();
    return () => {
      latest.current += 1; // answers that arrive after unmount are dropped
    };
  }, [first]);

  const loadMore = useCallback(async () => {
    if (state.phase !== 'ready' || !state.nextCursor || state.loadingMore) return;
    const request = latest.current;
    const { items, nextCursor } = state;
    setState({ ...state, loadingMore: true, moreError: null });
    const result = await load(nextCursor);
    if (request !== latest.current) return;
    setState(
      result.ok
        ? { phase: 'ready', items: [...items, ...result.value.results], nextCursor: result.value.nextCursor, loadingMore: false, moreError: null }
        : { phase: 'ready', items, nextCursor, loadingMore: false, moreError: result.error },
    );
  }, [load, state]);

  const reload = useCallback(() => void first(), [first]);
  return { state, loadMore: () => void loadMore(), reload };
}
