import { Input, ModalBody, Text, ToggleGroup } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { ApiError, ApiResult } from '../shared/api-error';
import type { AttemptResult, RefundReason, TransactionView, ViewerView } from '../shared/api-schemas';
import { ConfirmStep } from './confirm-step';
import { type AmountProblem, checkAmount, decimalsOf, exceeds, isZero } from '../shared/decimal-amount';
import { unreachable } from '../shared/labels';
import { formatMoney } from '../shared/money-format';
import { MONEY_RETURNS } from './outcome';
import { approvalLine, needsApproval } from './approval-text';
import { checkReason, ReasonFields, type ReasonValue } from './reason-fields';
import type { RefundRequest } from './refund-api';
import { reasonSummary } from './reason-summary';
import { useAttemptSubmission } from './use-attempt-submission';
import { ReviewFooter } from './review-footer';

type Mode = 'full' | 'partial';
type ReviewedRefund = { readonly amount: string; readonly reason: RefundReason; readonly note?: string };

export interface RefundFormProps {
  readonly transaction: TransactionView;
  readonly viewer: ViewerView;
  readonly locale: string | undefined;
  readonly send: (request: RefundRequest) => Promise<ApiResult<AttemptResult>>;
  readonly onFinished: (result: AttemptResult) => void;
  readonly onRejected: (error: ApiError) => void;
  readonly onCancel: () => void;
}

/** Full or partial, a reason and a note, then a confirmation; one idempotency key for the form's life. */
export function RefundForm({ transaction, viewer, locale, send, onFinished, onRejected, onCancel }: RefundFormProps) {
  const fullAllowed = !exceeds(transaction.refundable, viewer.maxRefundAmount);
  const [mode, setMode] = useState<Mode>(fullAllowed ? 'full' : 'partial');
  const [amountInput, setAmountInput] = useState('');
  const [reason, setReason] = useState<ReasonValue>({ reason: null, note: '' });
  /** what the rep confirmed; every send and retry of this form sends exactly this */
  const [reviewed, setReviewed] = useState<ReviewedRefund | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const submission = useAttemptSubmission(onFinished, onRejected);

  const money = (decimal: string) => formatMoney(decimal, transaction.currency, locale);
  const amount = mode === 'full' ? { ok: true as const, amount: transaction.refundable } : checkAmount(amountInput, transaction.refundable, viewer.maxRefundAmount);
  const reasonProblems = checkReason(reason, viewer.noteRequiredFor);
  const amountProblem = amount.ok ? undefined : describeAmountProblem(amount.problem, transaction.currency, money);

  if (reviewed) {
    const approval = needsApproval(reviewed.amount, viewer);
    return (
      <ConfirmStep
        idPrefix="refund"
        lines={[
          `Refund ${money(reviewed.amount)} (${transaction.currency}) to the customer.`,
          approval ? approvalLine(viewer) : MONEY_RETURNS,
          reasonSummary(reviewed.reason, reviewed.note ?? ''),
        ]}
        submitLabel={approval ? `Ask for approval of ${money(reviewed.amount)}` : `Refund ${money(reviewed.amount)}`}
        sendingLabel="Sending the refund…"
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

  if (isZero(transaction.refundable)) {
    return (
      <ModalBody>
        <Text testId="refund-nothing-left">Nothing is left to refund on this payment.</Text>
      </ModalBody>
    );
  }

  const review = () => {
    setShowProblems(true);
    if (!amount.ok || reason.reason === null || Object.keys(reasonProblems).length > 0) return;
    const note = reason.note.trim();
    setReviewed({ amount: amount.amount, reason: reason.reason, ...(note ? { note } : {}) });
  };
  const decimals = decimalsOf(transaction.refundable);
  const limitText =
    viewer.maxRefundAmount !== null
      ? ` You may refund up to ${money(viewer.maxRefundAmount)} here.`
      : viewer.approvalAbove === null
        ? ''
        : isZero(viewer.approvalAbove)
          ? ` Every refund in ${transaction.currency} needs approval${viewer.approvalBy ? ` by ${viewer.approvalBy}` : ''}.`
          : ` Above ${money(viewer.approvalAbove)} needs approval${viewer.approvalBy ? ` by ${viewer.approvalBy}` : ''}.`;
  const typedNeedsApproval = amount.ok && needsApproval(amount.amount, viewer);

  return (
    <>
      <ModalBody>
        <ToggleGroup
          testId="refund-mode"
          toggleType="radioButtonList"
          name="refund-mode"
          label="How much"
          inline
          value={mode}
          options={[
            {
              value: 'full',
              label: 'Full refund',
              description: fullAllowed ? `Everything still refundable: ${money(transaction.refundable)}` : `More than you may refund here.`,
              readOnly: !fullAllowed,
            },
            { value: 'partial', label: 'Partial refund' },
          ]}
          onChange={(value) => setMode(value === 'partial' || !fullAllowed ? 'partial' : 'full')}
        />
        <Input
          testId="refund-amount"
          name="refund-amount"
          label={`Amount (${transaction.currency})`}
          readOnly={mode === 'full'}
          required
          value={mode === 'full' ? transaction.refundable : amountInput}
          placeholder={decimals === 0 ? '1000' : `10.${'0'.repeat(decimals)}`}
          description={`Up to ${money(transaction.refundable)}.${limitText} ${precisionHint(transaction.currency, decimals)}`}
          error={showProblems && amountProblem !== undefined}
          validationMessage={showProblems ? amountProblem : undefined}
          onInput={setAmountInput}
          onChange={setAmountInput}
        />
        {typedNeedsApproval ? <Text testId="refund-needs-approval">{approvalLine(viewer)}</Text> : null}
        <ReasonFields idPrefix="refund" value={reason} problems={showProblems ? reasonProblems : {}} noteRequiredFor={viewer.noteRequiredFor} onChange={setReason} />
      </ModalBody>
      <ReviewFooter testIdPrefix="refund" label="Review refund" onReview={review} onCancel={onCancel} />
    </>
  );
}

function precisionHint(currency: string, decimals: number): string {
  return decimals === 0 ? `${currency} has no decimals.` : `Use a dot and at most ${decimals} decimals.`;
}

function describeAmountProblem(problem: AmountProblem, currency: string, money: (decimal: string) => string): string {
  switch (problem.kind) {
    case 'empty':
      return 'Enter the amount to refund.';
    case 'not_a_number':
      return 'Enter digits only, with a dot before the decimals (for example 12.50).';
    case 'too_precise':
      return problem.decimals === 0 ? `${currency} has no decimals: enter a whole amount.` : `${currency} has ${problem.decimals} decimals at most.`;
    case 'not_positive':
      return 'Enter an amount above zero.';
    case 'over_refundable':
      return `Only ${money(problem.refundable)} is left to refund.`;
    case 'over_limit':
      return `You may refund up to ${money(problem.limit)} here, and the refund policy names nobody who could approve more. Ask a HubSpot super admin.`;
    default:
      return unreachable(problem);
  }
}
