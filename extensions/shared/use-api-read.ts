import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult } from './api-error';

export type ReadState<T> =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly error: ApiError }
  /**
   * `refreshing`: a newer read is on its way, what is shown is the last answer; `generation` counts the
   * answers, so that what starts from one (a form) can start again from the next
   */
  | { readonly phase: 'ready'; readonly value: T; readonly refreshing: boolean; readonly generation: number };

/**
 * One read, again whenever `read` changes (other filters, another page) or on reload: what was shown stays
 * until the new answer arrives, and only the latest request's answer is used.
 */
export function useApiRead<T>(read: () => Promise<ApiResult<T>>): { state: ReadState<T>; reload: () => void } {
  const [state, setState] = useState<ReadState<T>>({ phase: 'loading' });
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    setState((current) => (current.phase === 'ready' ? { ...current, refreshing: true } : { phase: 'loading' }));
    const result = await read();
    if (request !== latest.current) return;
    setState(result.ok ? { phase: 'ready', value: result.value, refreshing: false, generation: request } : { phase: 'failed', error: result.error });
  }, [read]);

  useEffect(() => {
    void load();
    return () => {
      latest.current += 1; // answers that arrive after unmount are dropped
    };
  }, [load]);

  return { state, reload: useCallback(() => void load(), [load]) };
}
