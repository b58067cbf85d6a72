import { assertNever } from '../../domain/assert-never';
import { AppError } from '../../domain/errors';
import { attemptId, type HubSpotUserId, type IdempotencyKey, type TransactionRef } from '../../domain/ids';
import type { RefundReason } from '../../domain/refund-reason';
import type { Settlement } from '../../ports/payment-provider';
import type { AttemptResult } from '../attempts/attempt-result';
import { prepareAttempt } from '../attempts/prepare-attempt';
import { requestBudget } from '../attempts/request-budget';
import { submitAttempt } from '../attempts/submit-attempt';
import type { RefundDeps } from '../refund-deps';
import { fingerprintOf, noteOf } from '../request-refund/refund-input';
import { checkSettlement } from '../settlement-check';

export interface VoidCommand {
  readonly transaction: TransactionRef;
  readonly userId: HubSpotUserId;
  readonly reason: RefundReason;
  readonly note: string | undefined;
  readonly idempotencyKey: IdempotencyKey;
}

const NOT_VOIDABLE = 'A void cancels the whole payment before the provider settles it.';

/**
 * Cancels a whole payment that the provider has not settled yet (Authorize.net, NMI): only where the provider
 * says it is unsettled, only for the full amount, and only while nothing of it is refunded, in flight or held.
 * The refund policy applies to it as to a refund of the whole amount.
 */
export async function requestVoid(deps: RefundDeps, command: VoidCommand): Promise<AttemptResult> {
  const budget = requestBudget();
  const prepared = await prepareAttempt(deps, command.transaction, command.userId);
  const { transaction, provider, inForce } = prepared;
  const voids = provider.voids;
  if (!voids) {
    throw new AppError('TRANSACTION_NOT_REFUNDABLE', `${NOT_VOIDABLE} ${transaction.key.provider} payments cannot be voided: refund them instead.`, { voidable: false });
  }
  const settlement = await checkSettlement(deps, provider, transaction.key.providerTransactionId);
  if (settlement.state !== 'unsettled') {
    throw new AppError('TRANSACTION_NOT_REFUNDABLE', `${NOT_VOIDABLE} ${whyNotUnsettled(settlement)}`, { voidable: false });
  }
  const note = noteOf(command.note, command.reason, inForce.policy);
  const payment = await deps.ledger.findPayment(transaction.key);
  const amount = payment?.totals.paidMinor ?? transaction.recordAmountMinor;
  try {
    return await submitAttempt(
      deps,
      prepared,
      {
        id: attemptId(deps.newId()),
        kind: 'void',
        amount,
        reason: command.reason,
        note,
        requestedBy: prepared.actor,
        idempotencyKey: command.idempotencyKey,
        fingerprint: fingerprintOf(['void', command.reason, note ?? '']),
      },
      (attempt, current, _isFullAmount, signal) =>
        voids.void({
          attemptId: attempt.id,
          idempotencyKey: attempt.idempotencyKey,
          providerTransactionId: current.key.providerTransactionId,
          amount: { minor: attempt.amountMinor, currency: attempt.currency },
          cardLast4: current.cardLast4,
          signal,
        }),
      budget,
    );
  } catch (error) {
    if (error instanceof AppError && (error.code === 'AMOUNT_EXCEEDS_REFUNDABLE' || (error.code === 'TRANSACTION_NOT_REFUNDABLE' && error.details?.refundable !== undefined))) {
      throw new AppError('TRANSACTION_NOT_REFUNDABLE', `${NOT_VOIDABLE} Part of this one is already refunded, being refunded or awaiting approval: refund the rest instead.`, {
        voidable: false,
      });
    }
    throw error;
  }
}

function whyNotUnsettled(settlement: Exclude<Settlement, { state: 'unsettled' }>): string {
  switch (settlement.state) {
    case 'settled':
      return 'This payment is already settled: refund it instead.';
    case 'unknown':
      return `Whether it is settled could not be checked (${settlement.reason}). Try again in a minute, or refund it.`;
    default:
      return assertNever(settlement);
  }
}
