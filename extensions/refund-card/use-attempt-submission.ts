import { useCallback, useRef, useState } from 'react';
import type { ApiError, ApiResult } from '../shared/api-error';
import type { AttemptResult } from '../shared/api-schemas';
import { newIdempotencyKey } from './idempotency-key';

export interface AttemptSubmission {
  /** the form's one idempotency key, made when the form opens */
  readonly key: string;
  readonly sending: boolean;
  readonly error: ApiError | null;
  /** sends at most one request at a time, always with the form's key */
  readonly submit: (send: (key: string) => Promise<ApiResult<AttemptResult>>) => Promise<void>;
  readonly clearError: () => void;
}

/**
 * One key per opened form, reused by every retry; a click while a request is in flight does nothing. The
 * guard is a ref, not state: two clicks in the same tick both see the old state, but not the old ref.
 */
export function useAttemptSubmission(onFinished: (result: AttemptResult) => void, onRejected: (error: ApiError) => void): AttemptSubmission {
  const [key] = useState(newIdempotencyKey);
  const inFlight = useRef(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = useCallback(
    async (send: (key: string) => Promise<ApiResult<AttemptResult>>) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setSending(true);
      setError(null);
      try {
        const result = await send(key);
        if (result.ok) {
          onFinished(result.value);
        } else {
          setError(result.error);
          onRejected(result.error);
        }
      } catch (thrown) {
        const failure: ApiError = { code: 'BAD_RESPONSE', message: `The request could not be completed: ${thrown instanceof Error ? thrown.message : String(thrown)}`, status: null };
        setError(failure);
        onRejected(failure);
      } finally {
        inFlight.current = false;
        setSending(false);
      }
    },
    [key, onFinished, onRejected],
  );

  const clearError = useCallback(() => setError(null), []);
  return { key, sending, error, submit, clearError };
}
