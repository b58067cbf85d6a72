import type { RefundAttempt } from '../domain/attempt';
import type { PaymentId } from '../domain/ids';
import type { ProviderOutcome } from '../ports/payment-provider';
import { withDeadline } from './attempts/provider-deadline';
import { recordChange } from './attempts/record-outcome';
import type { RefundDeps } from './refund-deps';

export interface ResolveReport {
  readonly checked: number;
  readonly resolved: number;
  readonly stillOpen: number;
}

/** A provider may still be working on a request that timed out a moment ago: look only at older attempts. */
export const DEFAULT_RESOLVE_AFTER_MS = 60_000;
/**
 * Whatever the caller asks, an attempt younger than the provider budget plus this margin may still be in
 * flight in another instance (its sender has not recorded the answer yet): a lookup then would find nothing
 * and could wrongly conclude "never sent".
 */
export const IN_FLIGHT_MARGIN_MS = 5_000;

/**
 * "A timeout is not a failure" (design §3): an `unknown` attempt, or a `pending` one the provider has not
 * settled, is looked up at its provider, never sent again. What the lookup learns is recorded like any
 * outcome; an answer that still does not tell changes nothing.
 */
export async function resolveAttempts(
  deps: RefundDeps,
  options: { paymentId?: PaymentId; olderThanMs?: number; limit?: number } = {},
): Promise<ResolveReport> {
  const olderThanMs = Math.max(options.olderThanMs ?? DEFAULT_RESOLVE_AFTER_MS, deps.providerTimeoutMs + IN_FLIGHT_MARGIN_MS);
  const createdBefore = new Date(deps.clock.now().getTime() - olderThanMs);
  const attempts = await deps.ledger.listUnresolved(createdBefore, options.limit ?? 50, options.paymentId);
  let resolved = 0;
  for (const attempt of attempts) {
    const outcome = await lookUp(deps, attempt);
    if (!outcome || !changes(attempt, outcome)) continue;
    const result = await recordChange(deps, attempt, { kind: 'outcome', outcome }, 'resolver');
    if (result.kind === 'changed') resolved += 1;
  }
  return { checked: attempts.length, resolved, stillOpen: attempts.length - resolved };
}

async function lookUp(deps: RefundDeps, attempt: RefundAttempt): Promise<ProviderOutcome | null> {
  const provider = deps.providers.get(attempt.provider);
  if (!provider) {
    deps.logger.warn('cannot resolve attempt: provider not configured', { attemptId: attempt.id, provider: attempt.provider });
    return null;
  }
  return withDeadline(deps, provider.name, attempt, (signal) =>
    provider.lookup({
      attemptId: attempt.id,
      idempotencyKey: attempt.idempotencyKey,
      kind: attempt.kind,
      providerTransactionId: attempt.providerTransactionId,
      providerRefundId: attempt.providerRefundId,
      amount: { minor: attempt.amountMinor, currency: attempt.currency },
      createdAt: attempt.createdAt,
      signal,
    }),
  );
}

/** Only news is recorded: a lookup that cannot tell, or that repeats a known pending, leaves the attempt alone. */
function changes(attempt: RefundAttempt, outcome: ProviderOutcome): boolean {
  switch (outcome.status) {
    case 'unknown':
      return false;
    case 'pending':
      return attempt.status === 'unknown' || outcome.providerRefundId !== attempt.providerRefundId;
    case 'succeeded':
    case 'failed':
      return true;
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}
