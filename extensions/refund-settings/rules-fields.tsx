import { Checkbox, Flex, Input, ToggleGroup } from '@hubspot/ui-extensions';
import { REFUND_REASONS, type RefundReason } from '../shared/api-schemas';
import { FieldProblem } from './field-problem';
import { MAX_APPROVAL_HOURS } from './policy-checks';
import type { PolicyDraft } from './policy-draft';
import { noteReasonLabel, otherCurrenciesLabel } from './policy-labels';
import { OTHER_CURRENCIES } from './policy-schemas';

interface RulesFieldsProps {
  readonly draft: PolicyDraft;
  readonly readOnly: boolean;
  readonly problemAt: (field: string) => string | undefined;
  readonly onChange: (field: string, draft: PolicyDraft) => void;
}

const isReason = (value: string): value is RefundReason => (REFUND_REASONS as readonly string[]).includes(value);

/** Currencies without limits, whether super admins are limited, which reasons need a note, when requests expire. */
export function RulesFields({ draft, readOnly, problemAt, onChange }: RulesFieldsProps) {
  return (
    <Flex direction="column" gap="sm">
      <ToggleGroup
        testId="otherCurrencies"
        name="otherCurrencies"
        label="In a currency without limits above"
        toggleType="radioButtonList"
        options={OTHER_CURRENCIES.map((value) => ({ value, label: otherCurrenciesLabel(value), readOnly }))}
        value={draft.otherCurrencies}
        error={problemAt('otherCurrencies') !== undefined}
        validationMessage={problemAt('otherCurrencies')}
        onChange={(value) => {
          const choice = OTHER_CURRENCIES.find((option) => option === value);
          if (choice) onChange('otherCurrencies', { ...draft, otherCurrencies: choice });
        }}
      />
      <Checkbox
        testId="limitSuperAdmins"
        name="limitSuperAdmins"
        checked={draft.limitSuperAdmins}
        readOnly={readOnly}
        description="Otherwise super admins refund any amount at once."
        onChange={(checked) => onChange('limitSuperAdmins', { ...draft, limitSuperAdmins: checked })}
      >
        The limits apply to super admins too
      </Checkbox>
      <FieldProblem field="limitSuperAdmins" message={problemAt('limitSuperAdmins')} />
      <ToggleGroup
        testId="requireNoteFor"
        name="requireNoteFor"
        label="A note is required when the reason is"
        toggleType="checkboxList"
        options={REFUND_REASONS.map((reason) => ({ value: reason, label: noteReasonLabel(reason), readOnly: readOnly || reason === 'other' }))}
        value={[...draft.requireNoteFor]}
        error={problemAt('requireNoteFor') !== undefined}
        validationMessage={problemAt('requireNoteFor')}
        onChange={(values) => {
          const chosen = REFUND_REASONS.filter((reason) => reason === 'other' || values.filter(isReason).includes(reason));
          onChange('requireNoteFor', { ...draft, requireNoteFor: chosen });
        }}
      />
      <Input
        testId="approvalExpiresAfterHours"
        name="approvalExpiresAfterHours"
        label="Approval requests expire after (hours)"
        description={`From 1 to ${MAX_APPROVAL_HOURS} (30 days). An expired request refunds nothing; the rep may ask again.`}
        readOnly={readOnly}
        value={draft.approvalExpiresAfterHours}
        error={problemAt('approvalExpiresAfterHours') !== undefined}
        validationMessage={problemAt('approvalExpiresAfterHours')}
        onInput={(text) => onChange('approvalExpiresAfterHours', { ...draft, approvalExpiresAfterHours: text })}
      />
    </Flex>
  );
}
