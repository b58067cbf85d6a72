import type { RefundAttempt } from '../../domain/attempt';
import { isAppError } from '../../domain/errors';
import type { ChangeResult } from '../../ports/ledger';
import type { PaymentProvider, ProviderOutcome } from '../../ports/payment-provider';
import type { RefundDeps } from '../refund-deps';
import { withDeadline } from './provider-deadline';
import { recordChange } from './record-outcome';
import { providerBudgetMs, recordingBudgetMs, type RequestBudget } from './request-budget';

/** The provider's answer recorded, or (the ledger down or too slow) left for the background and the resolver. */
export type SentAttempt = { readonly kind: 'recorded'; readonly result: ChangeResult } | { readonly kind: 'unrecorded'; readonly attempt: RefundAttempt };

/**
 * Sends a reserved attempt and records the answer within the request's budget. A ledger that cannot take the
 * answer in time does not hold the rep past HubSpot's 15 s: the answer says the outcome is being checked, the
 * recording goes on in the background, and the resolver looks the attempt up if that fails too (design §3).
 */
export async function sendAndRecord(
  deps: RefundDeps,
  provider: PaymentProvider,
  attempt: RefundAttempt,
  budget: RequestBudget,
  call: (signal: AbortSignal) => Promise<ProviderOutcome>,
): Promise<SentAttempt> {
  const outcome = await withDeadline(deps, provider.name, attempt, call, providerBudgetMs(budget, deps.providerTimeoutMs));
  const recording = recordChange(deps, attempt, { kind: 'outcome', outcome }, 'sender');
  const limitMs = recordingBudgetMs(budget);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), limitMs);
  });
  try {
    const result = await Promise.race([recording, late]);
    if (result !== 'late') return { kind: 'recorded', result };
  } catch (error) {
    if (!(isAppError(error) && error.code === 'LEDGER_UNAVAILABLE')) throw error;
    deps.logger.error('outcome not recorded: the ledger did not answer; the resolver will look it up', { attemptId: attempt.id, status: outcome.status });
    return { kind: 'unrecorded', attempt: unrecorded(attempt) };
  } finally {
    clearTimeout(timer);
  }
  deps.logger.warn('outcome not recorded in time: answering now, still recording', { attemptId: attempt.id, status: outcome.status, waitedMs: limitMs });
  deps.background.run('outcome recording', () =>
    recording.catch((error: unknown) =>
      deps.logger.error('outcome not recorded: the ledger did not answer; the resolver will look it up', { attemptId: attempt.id, status: outcome.status, error: String(error) }),
    ),
  );
  return { kind: 'unrecorded', attempt: unrecorded(attempt) };
}

function unrecorded(attempt: RefundAttempt): RefundAttempt {
  return {
    ...attempt,
    status: 'unknown',
    failure: {
      code: 'outcome_not_recorded',
      message: 'The payment provider answered, but its answer could not be saved yet. It will be checked with the provider before anyone retries.',
    },
  };
}
