import type { RefundAttempt } from '../domain/attempt';
import type { TransactionRef } from '../domain/ids';
import type { PaymentProviderName } from '../domain/refund-reason';
import type { ProviderOutcome } from '../ports/payment-provider';
import type { Transaction } from './load-transaction';
import type { RefundDeps } from './refund-deps';
import { syncCrm } from './sync-crm';

/**
 * Sends a freshly reserved attempt to its provider and records the outcome. A provider that does not answer
 * within the budget, or an adapter that throws, leaves the attempt `unknown`: never retried with a new key.
 */
export async function sendAttempt(
  deps: RefundDeps,
  attempt: RefundAttempt,
  transaction: Transaction,
  provider: PaymentProviderName,
  startedAt: number,
  call: (signal: AbortSignal) => Promise<ProviderOutcome>,
): Promise<RefundAttempt> {
  const outcome = await withDeadline(deps, provider, attempt, call);
  const completed = await deps.ledger.completeAttempt(attempt.id, outcome, deps.clock.now());
  deps.logger.info('refund attempt', {
    attemptId: attempt.id,
    kind: attempt.kind,
    transaction: `${transaction.ref.objectType}/${transaction.ref.objectId}`,
    provider,
    status: completed.status,
    failureCode: completed.failure?.code,
    failureDetail: completed.failure?.detail,
  });
  const left = REQUEST_BUDGET_MS - (deps.clock.now().getTime() - startedAt);
  await syncWithinBudget(deps, transaction.ref, Math.max(0, Math.min(deps.crmSyncBudgetMs, left)));
  return completed;
}

export async function withDeadline(
  deps: Pick<RefundDeps, 'providerTimeoutMs' | 'logger'>,
  provider: PaymentProviderName,
  attempt: Pick<RefundAttempt, 'id'>,
  call: (signal: AbortSignal) => Promise<ProviderOutcome>,
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
    return await Promise.race([call(controller.signal), deadline]);
  } catch (error) {
    deps.logger.error('provider adapter threw', { provider, attemptId: attempt.id, error: String(error) });
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

