import { createHash } from 'node:crypto';
import { AppError } from '../domain/errors';
import { attemptId, type HubSpotUserId, type IdempotencyKey, type TransactionRef } from '../domain/ids';
import { describeMoneyError, parseMoney } from '../domain/money';
import type { RefundReason } from '../domain/refund-reason';
import type { AttemptRequest } from '../ports/ledger';
import type { Transaction } from './load-transaction';
import { type AttemptResult, attemptResult, prepareAttempt } from './prepare-attempt';
import type { RefundDeps } from './refund-deps';
import { reserveRejection } from './reserve-rejection';
import { sendAttempt } from './send-attempt';

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

/**
 * Record first (a pending attempt is committed before the provider is called), never twice (one attempt
 * per idempotency key), never more than was paid (checked under the ledger's lock), and a timeout is an
 * `unknown` attempt, not a failure (design §3).
 */
export async function requestRefund(deps: RefundDeps, command: RefundCommand): Promise<RefundResult> {
  const { transaction, provider, permission, actor } = await prepareAttempt(deps, command.transaction, command.userId);
  const amount = parseRequestedAmount(command.amount, transaction);
  const unsupported = amount === 'remaining' ? null : provider.describeUnsupportedAmount({ minor: amount, currency: transaction.currency });
  if (unsupported) throw new AppError('INVALID_REQUEST', unsupported, { field: 'amount', currency: transaction.currency });
  const request: AttemptRequest = {
    id: attemptId(deps.newId()),
    transaction: transaction.ref,
    kind: 'refund',
    amount,
    currency: transaction.currency,
    paidMinor: transaction.paidMinor,
    maxMinor: permission.maxRefundMinor,
    reason: command.reason,
    note: command.note?.trim() || null,
    requestedBy: actor,
    idempotencyKey: command.idempotencyKey,
    fingerprint: fingerprintOf(amount, command),
    provider: transaction.provider,
    providerTransactionId: transaction.providerTransactionId,
  };
  const reserved = await deps.ledger.reserveAttempt(request);
  if (reserved.kind !== 'created' && reserved.kind !== 'replayed') throw reserveRejection(reserved, transaction.currency);
  const attempt =
    reserved.kind === 'replayed'
      ? reserved.attempt
      : await sendAttempt(deps, reserved.attempt, transaction, provider.name, (signal) =>
          provider.refund({
            attemptId: reserved.attempt.id,
            idempotencyKey: reserved.attempt.idempotencyKey,
            providerTransactionId: transaction.providerTransactionId,
            amount: { minor: reserved.attempt.amountMinor, currency: reserved.attempt.currency },
            isFullAmount: reserved.isFullAmount,
            reason: reserved.attempt.reason,
            cardLast4: transaction.cardLast4,
            signal,
          }),
        );
  return attemptResult(deps, transaction, reserved, attempt);
}

function parseRequestedAmount(raw: string | undefined, transaction: Transaction): bigint | 'remaining' {
  if (raw === undefined) return 'remaining';
  const parsed = parseMoney(raw, transaction.currency);
  if (!parsed.ok) {
    throw new AppError('INVALID_REQUEST', describeMoneyError(parsed.error, transaction.currency), { field: 'amount', currency: transaction.currency });
  }
  return parsed.money.minor;
}

/** "12.3" and "12.30" are the same request; a different amount, reason or note is not. */
function fingerprintOf(amount: bigint | 'remaining', command: RefundCommand): string {
  const body = JSON.stringify([amount.toString(), command.reason, command.note?.trim() ?? '']);
  return createHash('sha256').update(body).digest('hex');
}
