import { useExtensionActions } from '@hubspot/ui-extensions';
import { useCallback, useEffect, useRef } from 'react';

/**
 * The backend answers the card first and writes the record's refund properties just after (design §3: the
 * CRM is a projection, written after each transition). Refreshing once now and once a little later shows
 * the new values without waiting for the rep to reload the page.
 */
export const PROPERTIES_SETTLE_MS = 2000;

export function useRecordRefresh(delayMs: number = PROPERTIES_SETTLE_MS): () => void {
  const actions = useExtensionActions<'crm.record.tab'>();
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);

  useEffect(
    () => () => {
      for (const timer of timers.current) clearTimeout(timer);
    },
    [],
  );

  return useCallback(() => {
    actions.refreshObjectProperties();
    const timer = setTimeout(() => {
      timers.current = timers.current.filter((pending) => pending !== timer);
      actions.refreshObjectProperties();
    }, delayMs);
    timers.current.push(timer);
  }, [actions, delayMs]);
}
