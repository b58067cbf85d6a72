import { Button, LoadingButton, ModalBody, ModalFooter, Text, TextArea } from '@hubspot/ui-extensions';
import { useCallback, useRef, useState } from 'react';
import type { ApiError } from './api-error';
import type { AttemptResult, AttemptView } from './api-schemas';
import { AttemptError } from './attempt-error';
import { kindLabel, personLabel, unreachable } from './labels';
import { formatMoney } from './money-format';
import type { Decision } from './decision';
import { NOTE_MAX_LENGTH } from './note-length';

interface DecisionFormProps {
  readonly attempt: AttemptView;
  readonly decision: Decision;
  readonly locale: string | undefined;
  readonly send: (note: string | undefined) => Promise<{ ok: true; value: AttemptResult } | { ok: false; error: ApiError }>;
  readonly onFinished: (result: AttemptResult) => void;
  readonly onCancel: () => void;
  /** the start of the form's test ids, unique on the page (default `decide-<decision>`) */
  readonly idPrefix?: string;
}

/** Approve (a note for the requester, optional), reject (a note saying why, required) or cancel one's own request. */
export function DecisionForm({ attempt, decision, locale, send, onFinished, onCancel, idPrefix = `decide-${decision}` }: DecisionFormProps) {
  const [note, setNote] = useState('');
  const [showProblem, setShowProblem] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef(false);
  const amount = formatMoney(attempt.amount, attempt.currency, locale);
  const look = lookOf(decision, `${kindLabel(attempt.kind).toLowerCase()} of ${amount}`, personLabel(attempt.requestedBy));
  const noteProblem = decision === 'reject' && note.trim() === '' ? 'Say why: the requester reads it.' : undefined;

  const submit = useCallback(async () => {
    setShowProblem(true);
    if (noteProblem || inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setError(null);
    const result = await send(decision === 'cancel' ? undefined : note.trim() || undefined);
    inFlight.current = false;
    setSending(false);
    if (result.ok) onFinished(result.value);
    else setError(result.error);
  }, [decision, note, noteProblem, onFinished, send]);

  return (
    <>
      <ModalBody>
        <Text testId={`${idPrefix}-summary`}>{look.summary}</Text>
        {decision === 'cancel' ? null : (
          <TextArea
            testId={`${idPrefix}-note`}
            name={`${idPrefix}-note`}
            label={decision === 'reject' ? 'Why (the requester reads it)' : 'Note for the requester (optional)'}
            required={decision === 'reject'}
            maxLength={NOTE_MAX_LENGTH}
            value={note}
            error={showProblem && noteProblem !== undefined}
            validationMessage={showProblem ? noteProblem : undefined}
            onChange={setNote}
          />
        )}
        {error && !sending ? <AttemptError idPrefix={idPrefix} error={error} currency={attempt.currency} locale={locale} /> : null}
      </ModalBody>
      <ModalFooter>
        <LoadingButton testId={`${idPrefix}-submit`} variant={decision === 'approve' ? 'primary' : 'destructive'} loading={sending} disabled={sending} onClick={() => void submit()}>
          {look.submit}
        </LoadingButton>
        <Button testId={`${idPrefix}-back`} variant="secondary" disabled={sending} onClick={onCancel}>
          Back
        </Button>
      </ModalFooter>
    </>
  );
}

function lookOf(decision: Decision, what: string, requester: string): { summary: string; submit: string } {
  switch (decision) {
    case 'approve':
      return { summary: `Approve ${requester}'s ${what}: it is sent to the payment provider at once, as requested.`, submit: `Approve and send the ${what.split(' of ')[0]}` };
    case 'reject':
      return { summary: `Reject ${requester}'s ${what}: nothing is refunded, and they see your reason.`, submit: 'Reject' };
    case 'cancel':
      return { summary: `Withdraw your request for a ${what}: nothing is refunded.`, submit: 'Cancel the request' };
    default:
      return unreachable(decision);
  }
}
