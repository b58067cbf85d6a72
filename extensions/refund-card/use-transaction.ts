import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../shared/api-error';
import type { TransactionDetails } from '../shared/api-schemas';
import type { TransactionRef } from '../shared/object-type';
import type { RefundApi } from './refund-api';

export type TransactionState =
  | { readonly phase: 'loading' }
  | { readonly phase: 'failed'; readonly error: ApiError }
  | { readonly phase: 'ready'; readonly details: TransactionDetails; readonly refreshing: boolean; readonly refreshError: ApiError | null };

/**
 * The payment, its history and what the viewer may do. A reload keeps what is on screen (and any open
 * dialog) until the new answer arrives; only the latest request's answer is used.
 */
export function useTransaction(api: RefundApi, ref: TransactionRef): { state: TransactionState; reload: () => void } {
  const [state, setState] = useState<TransactionState>({ phase: 'loading' });
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    setState((current) => (current.phase === 'ready' ? { ...current, refreshing: true } : { phase: 'loading' }));
    const result = await api.getTransaction(ref);
    if (request !== latest.current) return;
    setState((current) => {
      if (result.ok) return { phase: 'ready', details: result.value, refreshing: false, refreshError: null };
      return current.phase === 'ready' ? { ...current, refreshing: false, refreshError: result.error } : { phase: 'failed', error: result.error };
    });
  }, [api, ref]);

  useEffect(() => {
    void load();
    return () => {
      latest.current += 1; // answers that arrive after unmount are dropped
    };
  }, [load]);

  const reload = useCallback(() => void load(), [load]);
  return { state, reload };
}
