import { useCallback, useState } from 'react';
import type { ApiError } from '../shared/api-error';
import type { AttemptView } from '../shared/api-schemas';
import type { TransactionRef } from '../shared/object-type';
import type { RefundApi } from './refund-api';

interface Pages {
  /** the first page's cursor these older pages follow */
  readonly after: string | null;
  readonly older: readonly AttemptView[];
  readonly next: string | null;
}

/**
 * The history's older pages (the read brings the latest attempts and a cursor). Pages loaded after an earlier
 * read are dropped as soon as a new read brings a new cursor, so that nothing is listed twice.
 */
export function useOlderAttempts(api: RefundApi, ref: TransactionRef, firstCursor: string | null) {
  const [pages, setPages] = useState<Pages>({ after: firstCursor, older: [], next: firstCursor });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const current: Pages = pages.after === firstCursor ? pages : { after: firstCursor, older: [], next: firstCursor };

  const loadOlder = useCallback(async () => {
    if (!current.next || loading) return;
    setLoading(true);
    const result = await api.olderAttempts(ref, current.next);
    setLoading(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setPages({ after: current.after, older: [...current.older, ...result.value.results], next: result.value.nextCursor });
  }, [api, ref, current, loading]);

  return { older: current.older, hasMore: current.next !== null, loading, error, loadOlder };
}
