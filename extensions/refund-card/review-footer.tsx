import { Button, ModalFooter } from '@hubspot/ui-extensions';

/** The footer of both forms: review what was entered, or leave without sending anything. */
export function ReviewFooter({ testIdPrefix, label, onReview, onCancel }: { testIdPrefix: string; label: string; onReview: () => void; onCancel: () => void }) {
  return (
    <ModalFooter>
      <Button testId={`${testIdPrefix}-review`} variant="primary" onClick={onReview}>
        {label}
      </Button>
      <Button testId={`${testIdPrefix}-cancel`} variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
    </ModalFooter>
  );
}
