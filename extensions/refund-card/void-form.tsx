import { ModalBody, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { ApiError, ApiResult } from '../shared/api-error';
import type { AttemptResult, RefundReason, TransactionView, ViewerView } from '../shared/api-schemas';
import { approvalLine, needsApproval } from './approval-text';
import { ConfirmStep } from './confirm-step';
import { formatMoney } from '../shared/money-format';
import { checkReason, ReasonFields, type ReasonValue } from './reason-fields';
import { reasonSummary } from './reason-summary';
import type { VoidRequest } from './refund-api';
import { useAttemptSubmission } from './use-attempt-submission';
import { ReviewFooter } from './review-footer';

export const VOID_EXPLAINED =
  'A void cancels the whole payment before it settles: the customer is never charged, and the pending charge drops off their statement. It is always for the full amount and cannot be undone.';

export interface VoidFormProps {
  readonly transaction: TransactionView;
  readonly viewer: ViewerView;
  readonly locale: string | undefined;
  readonly send: (request: VoidRequest) => Promise<ApiResult<AttemptResult>>;
  readonly onFinished: (result: AttemptResult) => void;
  readonly onRejected: (error: ApiError) => void;
  readonly onCancel: () => void;
}

type ReviewedVoid = { readonly reason: RefundReason; readonly note?: string };

/** Offered only while the backend says the payment is unsettled (viewer.canVoid); same key rules as a refund. */
export function VoidForm({ transaction, viewer, locale, send, onFinished, onRejected, onCancel }: VoidFormProps) {
  const [reason, setReason] = useState<ReasonValue>({ reason: null, note: '' });
  const [reviewed, setReviewed] = useState<ReviewedVoid | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const submission = useAttemptSubmission(onFinished, onRejected);
  const amount = formatMoney(transaction.amount, transaction.currency, locale);
  const problems = checkReason(reason, viewer.noteRequiredFor);
  const approval = needsApproval(transaction.amount, viewer);

  if (reviewed) {
    return (
      <ConfirmStep
        idPrefix="void"
        lines={[
          `Void the whole payment of ${amount} (${transaction.currency}).`,
          VOID_EXPLAINED,
          ...(approval ? [approvalLine(viewer)] : []),
          reasonSummary(reviewed.reason, reviewed.note ?? ''),
        ]}
        submitLabel={approval ? `Ask for approval to void ${amount}` : `Void ${amount}`}
        sendingLabel="Sending the void…"
        submission={submission}
        currency={transaction.currency}
        locale={locale}
        onSubmit={() => void submission.submit((idempotencyKey) => send({ ...reviewed, idempotencyKey }))}
        onBack={() => {
          submission.clearError();
          setReviewed(null);
        }}
      />
    );
  }

  const review = () => {
    setShowProblems(true);
    if (reason.reason === null || Object.keys(problems).length > 0) return;
    const note = reason.note.trim();
    setReviewed({ reason: reason.reason, ...(note ? { note } : {}) });
  };

  return (
    <>
      <ModalBody>
        <Text testId="void-explained">{VOID_EXPLAINED}</Text>
        <Text>This payment has not settled yet, so it can be voided instead of refunded.</Text>
        {approval ? <Text testId="void-needs-approval">{approvalLine(viewer)}</Text> : null}
        <ReasonFields idPrefix="void" value={reason} problems={showProblems ? problems : {}} noteRequiredFor={viewer.noteRequiredFor} onChange={setReason} />
      </ModalBody>
      <ReviewFooter testIdPrefix="void" label="Review void" onReview={review} onCancel={onCancel} />
    </>
  );
}
