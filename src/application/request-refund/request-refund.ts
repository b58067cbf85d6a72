import { AppError } from '../../domain/errors';
import { attemptId, type HubSpotUserId, type IdempotencyKey, type TransactionRef } from '../../domain/ids';
import type { RefundReason } from '../../domain/refund-reason';
import { type AttemptResult } from '../attempts/attempt-result';
import { prepareAttempt } from '../attempts/prepare-attempt';
import { requestBudget } from '../attempts/request-budget';
import { submitAttempt } from '../attempts/submit-attempt';
import type { RefundDeps } from '../refund-deps';
import { fingerprintOf, noteOf, requestedAmount } from './refund-input';

export interface RefundCommand {
  readonly transaction: TransactionRef;
  readonly userId: HubSpotUserId;
  /** decimal string; undefined = everything still refundable */
  readonly amount: string | undefined;
  readonly reason: RefundReason;
  readonly note: string | undefined;
  readonly idempotencyKey: IdempotencyKey;
}

export type RefundResult = AttemptResult;

/** A refund of the record's payment, in full or in part (design §3, §5). */
export async function requestRefund(deps: RefundDeps, command: RefundCommand): Promise<RefundResult> {
  const budget = requestBudget();
  const prepared = await prepareAttempt(deps, command.transaction, command.userId);
  const { transaction, provider, inForce } = prepared;
  const amount = requestedAmount(command.amount, transaction.currency);
  const unsupported = amount === 'remaining' ? null : provider.describeUnsupportedAmount({ minor: amount, currency: transaction.currency });
  if (unsupported) throw new AppError('INVALID_REQUEST', unsupported, { field: 'amount', currency: transaction.currency });
  const note = noteOf(command.note, command.reason, inForce.policy);
  return submitAttempt(
    deps,
    prepared,
    {
      id: attemptId(deps.newId()),
      kind: 'refund',
      amount,
      reason: command.reason,
      note,
      requestedBy: prepared.actor,
      idempotencyKey: command.idempotencyKey,
      fingerprint: fingerprintOf([amount.toString(), command.reason, note ?? '']),
    },
    (attempt, payment, isFullAmount, signal) =>
      provider.refund({
        attemptId: attempt.id,
        idempotencyKey: attempt.idempotencyKey,
        providerTransactionId: payment.key.providerTransactionId,
        amount: { minor: attempt.amountMinor, currency: attempt.currency },
        isFullAmount,
        reason: attempt.reason,
        cardLast4: payment.cardLast4,
        signal,
      }),
    budget,
  );
}
