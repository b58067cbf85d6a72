import type { RefundAttempt } from '../../domain/attempt';
import { isAppError } from '../../domain/errors';
import { assertNever } from '../../domain/assert-never';
import type { ChangeResult, PaymentState } from '../../ports/ledger';
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
  const providerMs = providerBudgetMs(budget, deps.providerTimeoutMs);
  const outcome = providerMs === null ? OUT_OF_TIME : await withDeadline(deps, provider.name, attempt, call, providerMs);
  if (providerMs === null) deps.logger.warn('not sent: too little of the request budget left for the provider', { attemptId: attempt.id, leftMs: Math.round(budget.leftMs()) });
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
    // Whatever went wrong, the provider has answered: the rep hears "being checked", never a bare error that
    // invites a second refund, and the resolver asks the provider again.
    deps.logger.error('outcome not recorded; the resolver will look it up', {
      attemptId: attempt.id,
      status: outcome.status,
      ...(isAppError(error) && error.code === 'LEDGER_UNAVAILABLE' ? {} : { error: String(error) }),
    });
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

const OUT_OF_TIME: ProviderOutcome = {
  status: 'failed',
  providerRefundId: null,
  failure: { code: 'not_sent', message: 'Nothing was sent to the payment provider: the request ran out of time before it could be. You can try again.' },
};

/**
 * What the rep is told once the provider was asked: the attempt as the ledger has it now. A webhook about this
 * very refund may have been recorded first; the ledger then keeps the provider's word (`unchanged`, or
 * `not_allowed` when our later `unknown` may not overwrite its `succeeded`).
 */
export function afterSending(sent: SentAttempt, reservedPayment: PaymentState): { readonly attempt: RefundAttempt; readonly payment: PaymentState } {
  if (sent.kind === 'unrecorded') return { attempt: sent.attempt, payment: reservedPayment };
  const result = sent.result;
  switch (result.kind) {
    case 'changed':
    case 'unchanged':
    case 'not_allowed':
      return { attempt: result.attempt, payment: result.payment };
    case 'not_found': // the attempt was reserved by this very request
    case 'no_longer_fits': // only an approval is refused for room
      throw new Error(`a sent attempt could not record its outcome (${result.kind})`);
    default:
      return assertNever(result);
  }
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
