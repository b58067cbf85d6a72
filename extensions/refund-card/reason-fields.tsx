import { Select, TextArea } from '@hubspot/ui-extensions';
import type { RefundReason } from '../shared/api-schemas';
import { REASON_OPTIONS, reasonLabel } from '../shared/labels';
import { NOTE_MAX_LENGTH } from '../shared/note-length';

export interface ReasonValue {
  readonly reason: RefundReason | null;
  readonly note: string;
}

export type ReasonProblems = { readonly reason?: string; readonly note?: string };

/**
 * The same rules as the API (src/contract/request-schemas.ts and the policy's requireNoteFor, which the backend
 * sends as viewer.noteRequiredFor): a reason, and a note when the reason needs one ("other" always does).
 */
export function checkReason(value: ReasonValue, noteRequiredFor: readonly RefundReason[] = ['other']): ReasonProblems {
  const problems: { reason?: string; note?: string } = {};
  if (value.reason === null) problems.reason = 'Choose a reason.';
  if (value.reason !== null && needsNote(value.reason, noteRequiredFor) && value.note.trim() === '') {
    problems.note = `Explain the refund: a note is required when the reason is "${reasonLabel(value.reason)}".`;
  }
  if (value.note.length > NOTE_MAX_LENGTH) problems.note = `Keep the note under ${NOTE_MAX_LENGTH} characters.`;
  return problems;
}

function needsNote(reason: RefundReason, noteRequiredFor: readonly RefundReason[]): boolean {
  return reason === 'other' || noteRequiredFor.includes(reason);
}

interface ReasonFieldsProps {
  readonly idPrefix: string;
  readonly value: ReasonValue;
  readonly problems: ReasonProblems;
  readonly noteRequiredFor?: readonly RefundReason[];
  readonly onChange: (value: ReasonValue) => void;
}

const isReason = (value: unknown): value is RefundReason => REASON_OPTIONS.some((option) => option.value === value);

export function ReasonFields({ idPrefix, value, problems, noteRequiredFor = ['other'], onChange }: ReasonFieldsProps) {
  return (
    <>
      <Select
        testId={`${idPrefix}-reason`}
        name={`${idPrefix}-reason`}
        label="Reason"
        required
        placeholder="Choose a reason"
        options={REASON_OPTIONS.map((option) => ({ value: option.value, label: option.label }))}
        value={value.reason ?? undefined}
        error={problems.reason !== undefined}
        validationMessage={problems.reason}
        onChange={(reason) => onChange({ ...value, reason: isReason(reason) ? reason : null })}
      />
      <TextArea
        testId={`${idPrefix}-note`}
        name={`${idPrefix}-note`}
        label="Note"
        description="Kept with the refund and on the record's timeline."
        required={value.reason !== null && needsNote(value.reason, noteRequiredFor)}
        maxLength={NOTE_MAX_LENGTH}
        value={value.note}
        error={problems.note !== undefined}
        validationMessage={problems.note}
        onChange={(note) => onChange({ ...value, note })}
      />
    </>
  );
}
