import type { RefundAttempt } from '../../domain/attempt';
import type { PaymentProviderName } from '../../domain/refund-reason';
import type { ProviderOutcome } from '../../ports/payment-provider';
import type { RefundDeps } from '../refund-deps';

/**
 * The engine alone owns the provider deadline: the call gets a signal that aborts when the budget runs out,
 * and an answer that did not come in time, or an adapter that threw, is `unknown` (never a failure).
 */
export async function withDeadline(
  deps: Pick<RefundDeps, 'providerTimeoutMs' | 'logger'>,
  provider: PaymentProviderName,
  attempt: Pick<RefundAttempt, 'id'>,
  call: (signal: AbortSignal) => Promise<ProviderOutcome>,
  budgetMs: number = deps.providerTimeoutMs,
): Promise<ProviderOutcome> {
  const seconds = Math.max(1, Math.round(budgetMs / 1000));
  const timedOut: ProviderOutcome = {
    status: 'unknown',
    failure: {
      code: 'provider_timeout',
      message: `The payment provider did not answer within ${seconds} seconds. The refund may or may not have gone through; it will be checked before anyone retries.`,
    },
  };
  return withBudget(budgetMs, call, timedOut, (error) => {
    deps.logger.error('provider adapter threw', { provider, attemptId: attempt.id, error: String(error) });
    return { status: 'unknown', failure: { code: 'provider_error', message: 'The refund could not be confirmed with the provider; it will be checked before anyone retries.' } };
  });
}

/**
 * Runs `call` with an abort signal and a time budget: `late` when the budget ran out, `failed(error)` when it threw.
 * When the budget runs out the signal is aborted with a TimeoutError, as AbortSignal.timeout() does, so that what the
 * call was waiting for knows the deadline passed rather than someone giving up.
 */
export async function withBudget<T>(ms: number, call: (signal: AbortSignal) => Promise<T>, late: T, failed: (error: unknown) => T): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<T>((resolve) => {
    timer = setTimeout(() => {
      resolve(late);
      controller.abort(new DOMException('The provider time budget ran out.', 'TimeoutError'));
    }, ms);
  });
  try {
    return await Promise.race([call(controller.signal), deadline]);
  } catch (error) {
    return failed(error);
  } finally {
    clearTimeout(timer);
  }
}
