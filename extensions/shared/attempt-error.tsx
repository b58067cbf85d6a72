import { Alert, Text } from '@hubspot/ui-extensions';
import type { ApiError } from './api-error';
import { isWorthRetrying } from './api-error';
import { errorHint, errorTitle } from './error-text';

/** Why the last send did not go through, in the backend's words, and whether sending again is the fix. */
export function AttemptError({ idPrefix, error, currency, locale }: { idPrefix: string; error: ApiError; currency: string; locale: string | undefined }) {
  const hint = errorHint(error, currency, locale);
  return (
    <Alert testId={`${idPrefix}-error`} variant="danger" title={errorTitle(error)}>
      <Text testId={`${idPrefix}-error-message`}>{error.message}</Text>
      {hint ? <Text testId={`${idPrefix}-error-hint`}>{hint}</Text> : null}
      {isWorthRetrying(error) ? (
        <Text>Try again: this form sends the same request key, so it can never refund or void twice.</Text>
      ) : null}
    </Alert>
  );
}
