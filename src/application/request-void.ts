import { createHash } from 'node:crypto';
import { AppError } from '../domain/errors';
import { attemptId, type HubSpotUserId, type IdempotencyKey, type TransactionRef } from '../domain/ids';
import { assertNever } from '../domain/assert-never';
import type { RefundReason } from '../domain/refund-reason';
import type { Settlement } from '../ports/payment-provider';
import { type AttemptResult, attemptResult, prepareAttempt } from './prepare-attempt';
import type { RefundDeps } from './refund-deps';
import { reserveRejection } from './reserve-rejection';
import { sendAttempt } from './send-attempt';
import { checkSettlement } from './settlement-check';

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
 * says it is unsettled, only for the full amount, and only while nothing of it is refunded or in flight.
 */
export async function requestVoid(deps: RefundDeps, command: VoidCommand): Promise<AttemptResult> {
  const { transaction, provider, permission, actor } = await prepareAttempt(deps, command.transaction, command.userId);
  const voids = provider.voids;
  if (!voids) {
    throw new AppError('TRANSACTION_NOT_REFUNDABLE', `${NOT_VOIDABLE} ${transaction.provider} payments cannot be voided: refund them instead.`, { voidable: false });
  }
  const settlement = await checkSettlement(deps, provider, transaction.providerTransactionId);
  if (settlement.state !== 'unsettled') {
    throw new AppError('TRANSACTION_NOT_REFUNDABLE', `${NOT_VOIDABLE} ${whyNotUnsettled(settlement)}`, { voidable: false });
  }
  const note = command.note?.trim() || null;
  const reserved = await deps.ledger.reserveAttempt({
    id: attemptId(deps.newId()),
    transaction: transaction.ref,
    kind: 'void',
    amount: transaction.paidMinor,
    currency: transaction.currency,
    paidMinor: transaction.paidMinor,
    maxMinor: permission.maxRefundMinor,
    reason: command.reason,
    note,
    requestedBy: actor,
    idempotencyKey: command.idempotencyKey,
    fingerprint: createHash('sha256').update(JSON.stringify(['void', command.reason, note ?? ''])).digest('hex'),
    provider: transaction.provider,
    providerTransactionId: transaction.providerTransactionId,
  });
  if (reserved.kind === 'exceeds_refundable' || reserved.kind === 'nothing_refundable') {
    throw new AppError('TRANSACTION_NOT_REFUNDABLE', `${NOT_VOIDABLE} Part of this one is already refunded or being refunded: refund the rest instead.`, {
      voidable: false,
    });
  }
  if (reserved.kind !== 'created' && reserved.kind !== 'replayed') throw reserveRejection(reserved, transaction.currency);
  const attempt =
    reserved.kind === 'replayed'
      ? reserved.attempt
      : await sendAttempt(deps, reserved.attempt, transaction, provider.name, (signal) =>
          voids.void({
            attemptId: reserved.attempt.id,
            idempotencyKey: reserved.attempt.idempotencyKey,
            providerTransactionId: transaction.providerTransactionId,
            amount: { minor: reserved.attempt.amountMinor, currency: reserved.attempt.currency },
            cardLast4: transaction.cardLast4,
            signal,
          }),
        );
  return attemptResult(deps, transaction, reserved, attempt);
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
