import { createHash } from 'node:crypto';
import type { RefundAttempt } from '../domain/attempt';
import { AppError } from '../domain/errors';
import { attemptId, type HubSpotUserId, type IdempotencyKey, type TransactionRef } from '../domain/ids';
import { assertNever, describeMoneyError, formatMinor, parseMoney } from '../domain/money';
import { displayName } from '../domain/directory-user';
import { decidePermission } from '../domain/policy';
import type { RefundReason } from '../domain/refund-reason';
import type { AttemptRequest, ReserveResult } from '../ports/ledger';
import type { PaymentProvider, ProviderOutcome } from '../ports/payment-provider';
import { loadTransaction, type Transaction } from './load-transaction';
import type { RefundDeps } from './refund-deps';
import { syncCrm } from './sync-crm';
import { type AttemptView, presentAttempt, presentTransaction, type TransactionView } from './transaction-view';

export interface RefundCommand {
  readonly transaction: TransactionRef;
  readonly userId: HubSpotUserId;
  /** decimal string; undefined = everything still refundable */
  readonly amount: string | undefined;
  readonly reason: RefundReason;
  readonly note: string | undefined;
  readonly idempotencyKey: IdempotencyKey;
}

export interface RefundResult {
  /** created: this request made the attempt; replayed: the same key and body came before */
  readonly outcome: 'created' | 'replayed';
  readonly attempt: AttemptView;
  readonly transaction: TransactionView;
}

/**
 * Record first (a pending attempt is committed before the provider is called), never twice (one attempt
 * per idempotency key), never more than was paid (checked under the ledger's lock), and a timeout is an
 * `unknown` attempt, not a failure (design §3).
 */
export async function requestRefund(deps: RefundDeps, command: RefundCommand): Promise<RefundResult> {
  const startedAt = deps.clock.now().getTime();
  const [transaction, user] = await Promise.all([loadTransaction(deps, command.transaction), deps.users.findUser(command.userId)]);
  const permission = decidePermission(deps.policy, user, transaction.currency);
  if (!permission.canRefund) throw new AppError('NOT_PERMITTED', permission.denyReason ?? 'You may not refund.');
  const provider = deps.providers.get(transaction.provider);
  if (!provider) {
    throw new AppError('PROVIDER_NOT_CONFIGURED', `Refunds through ${transaction.provider} are not set up on this backend yet. Ask your HubSpot admin.`, {
      provider: transaction.provider,
    });
  }
  const invalidId = provider.describeInvalidTransactionId(transaction.providerTransactionId);
  if (invalidId) throw new AppError('TRANSACTION_NOT_REFUNDABLE', invalidId, { property: 'transactionId' });

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
    requestedBy: { userId: command.userId, ...(user ? { email: user.email, name: displayName(user) } : {}) },
    idempotencyKey: command.idempotencyKey,
    fingerprint: fingerprintOf(amount, command),
    provider: transaction.provider,
    providerTransactionId: transaction.providerTransactionId,
  };
  const reserved = await deps.ledger.reserveAttempt(request);
  const attempt = await settle(deps, reserved, transaction, provider, startedAt);
  const attempts = await deps.ledger.listAttempts(transaction.ref);
  return {
    outcome: reserved.kind === 'created' ? 'created' : 'replayed',
    attempt: presentAttempt(attempt),
    transaction: presentTransaction(transaction, attempts),
  };
}

async function settle(deps: RefundDeps, reserved: ReserveResult, transaction: Transaction, provider: PaymentProvider, startedAt: number): Promise<RefundAttempt> {
  const format = (minor: bigint) => formatMinor(minor, transaction.currency);
  switch (reserved.kind) {
    case 'created':
      return send(deps, reserved.attempt, reserved.isFullAmount, transaction, provider, startedAt);
    case 'replayed':
      return reserved.attempt;
    case 'key_reused':
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This refund form was already sent with different details. Reopen the form to start a new refund.', {
        attemptId: reserved.attempt.id,
      });
    case 'exceeds_refundable':
      throw new AppError('AMOUNT_EXCEEDS_REFUNDABLE', `At most ${transaction.currency} ${format(reserved.refundableMinor)} can still be refunded.`, {
        refundable: format(reserved.refundableMinor),
      });
    case 'exceeds_limit':
      throw new AppError('NOT_PERMITTED', `You may refund at most ${transaction.currency} ${format(reserved.maxMinor)} at a time. Ask an admin for a larger refund.`, {
        maxRefundAmount: format(reserved.maxMinor),
      });
    case 'nothing_refundable':
      throw new AppError('TRANSACTION_NOT_REFUNDABLE', 'Nothing is left to refund: the payment is fully refunded or the rest is still being processed.', {
        refundable: format(0n),
      });
    case 'currency_changed':
      throw new AppError('TRANSACTION_NOT_REFUNDABLE', "The record's currency changed after earlier refunds; refund this payment from the provider's dashboard.", {
        property: 'currency',
      });
    default:
      return assertNever(reserved);
  }
}

async function send(
  deps: RefundDeps,
  attempt: RefundAttempt,
  isFullAmount: boolean,
  transaction: Transaction,
  provider: PaymentProvider,
  startedAt: number,
): Promise<RefundAttempt> {
  const outcome = await callProvider(deps, provider, {
    attemptId: attempt.id,
    idempotencyKey: attempt.idempotencyKey,
    providerTransactionId: transaction.providerTransactionId,
    amount: { minor: attempt.amountMinor, currency: attempt.currency },
    isFullAmount,
    reason: attempt.reason,
    cardLast4: transaction.cardLast4,
  });
  const completed = await deps.ledger.completeAttempt(attempt.id, outcome, deps.clock.now());
  deps.logger.info('refund attempt', {
    attemptId: attempt.id,
    transaction: `${transaction.ref.objectType}/${transaction.ref.objectId}`,
    provider: provider.name,
    status: completed.status,
    failureCode: completed.failure?.code,
    failureDetail: completed.failure?.detail,
  });
  const left = REQUEST_BUDGET_MS - (deps.clock.now().getTime() - startedAt);
  await syncWithinBudget(deps, transaction.ref, Math.max(0, Math.min(deps.crmSyncBudgetMs, left)));
  return completed;
}

async function callProvider(
  deps: RefundDeps,
  provider: PaymentProvider,
  request: Omit<Parameters<PaymentProvider['refund']>[0], 'signal'>,
): Promise<ProviderOutcome> {
  const controller = new AbortController();
  const seconds = Math.round(deps.providerTimeoutMs / 1000);
  const timedOut: ProviderOutcome = {
    status: 'unknown',
    failure: {
      code: 'provider_timeout',
      message: `The payment provider did not answer within ${seconds} seconds. The refund may or may not have gone through; it will be checked before anyone retries.`,
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<ProviderOutcome>((resolve) => {
    timer = setTimeout(() => {
      resolve(timedOut);
      controller.abort();
    }, deps.providerTimeoutMs);
  });
  try {
    return await Promise.race([provider.refund({ ...request, signal: controller.signal }), deadline]);
  } catch (error) {
    deps.logger.error('provider adapter threw', { provider: provider.name, attemptId: request.attemptId, error: String(error) });
    return { status: 'unknown', failure: { code: 'provider_error', message: 'The refund could not be confirmed with the provider; it will be checked before anyone retries.' } };
  } finally {
    clearTimeout(timer);
  }
}

/** hubspot.fetch gives up after 15 s (design §3): the answer must leave before, whatever HubSpot does. */
const REQUEST_BUDGET_MS = 14_000;

/** The card refreshes the record right after: try to write it now, but never hold the answer past the budget. */
async function syncWithinBudget(deps: RefundDeps, ref: TransactionRef, budgetMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, budgetMs);
  });
  const sync = syncCrm(deps, { transaction: ref }).catch((error: unknown) => {
    deps.logger.warn('crm write-back left to the outbox', { error: String(error) });
  });
  await Promise.race([sync, budget]);
  clearTimeout(timer);
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
