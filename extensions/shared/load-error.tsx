import { Button, ErrorState, Text } from '@hubspot/ui-extensions';
import type { ApiError } from './api-error';
import { errorTitle } from './error-text';

/** The payment could not be loaded: the backend's message and a way to try again. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <ErrorState testId="load-error" title={errorTitle(error)} type={error.code === 'NOT_PERMITTED' || error.code === 'INVALID_SIGNATURE' ? 'lock' : 'error'}>
      <Text testId="load-error-message">{error.message}</Text>
      <Button testId="load-retry" onClick={onRetry}>
        Try again
      </Button>
    </ErrorState>
  );
}
