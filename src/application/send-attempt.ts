import type { RefundAttempt } from '../domain/attempt';
import type { PaymentProviderName } from '../domain/refund-reason';
import type { ProviderOutcome } from '../ports/payment-provider';
import type { Transaction } from './load-transaction';
import type { RefundDeps } from './refund-deps';
import { syncCrm } from './sync-crm';

/**
 * Sends a freshly reserved attempt to its provider and records the outcome. A provider that does not answer
 * within the budget, or an adapter that throws, leaves the attempt `unknown`: never retried with a new key.
 * The CRM write-back follows the answer (design §3: the CRM is a projection, retried from the outbox).
 */
export async function sendAttempt(
  deps: RefundDeps,
  attempt: RefundAttempt,
  transaction: Transaction,
  provider: PaymentProviderName,
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
  deps.background.run('crm write-back', () => syncCrm(deps, { transaction: transaction.ref }));
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
