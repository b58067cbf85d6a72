import { Button, LoadingButton, LoadingSpinner, ModalBody, ModalFooter, Text } from '@hubspot/ui-extensions';
import { isWorthRetrying } from '../shared/api-error';
import { AttemptError } from '../shared/attempt-error';
import type { AttemptSubmission } from './use-attempt-submission';

interface ConfirmStepProps {
  readonly idPrefix: string;
  /** what will happen, repeated before anything is sent */
  readonly lines: readonly string[];
  readonly submitLabel: string;
  readonly sendingLabel: string;
  readonly submission: AttemptSubmission;
  readonly currency: string;
  readonly locale: string | undefined;
  readonly onSubmit: () => void;
  readonly onBack: () => void;
}

/** The last step of a refund or void: repeat what will happen, send once, show progress and errors. */
export function ConfirmStep({ idPrefix, lines, submitLabel, sendingLabel, submission, currency, locale, onSubmit, onBack }: ConfirmStepProps) {
  const { sending, error } = submission;
  return (
    <>
      <ModalBody>
        {lines.map((line, index) => (
          <Text key={index} testId={`${idPrefix}-confirm-${index}`}>
            {line}
          </Text>
        ))}
        {sending ? <LoadingSpinner testId={`${idPrefix}-progress`} label={sendingLabel} showLabel layout="inline" /> : null}
        {error && !sending ? <AttemptError idPrefix={idPrefix} error={error} currency={currency} locale={locale} /> : null}
      </ModalBody>
      <ModalFooter>
        <LoadingButton testId={`${idPrefix}-submit`} variant="primary" loading={sending} disabled={sending} onClick={onSubmit}>
          {error && isWorthRetrying(error) ? 'Try again' : submitLabel}
        </LoadingButton>
        <Button testId={`${idPrefix}-back`} variant="secondary" disabled={sending} onClick={onBack}>
          Back
        </Button>
      </ModalFooter>
    </>
  );
}
