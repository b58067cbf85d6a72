import type { RefundAttempt } from '../../domain/attempt';
import { AppError, isAppError } from '../../domain/errors';
import { dailyLimitOf } from '../../domain/refund-decision';
import type { AttemptDraft, PaymentState } from '../../ports/ledger';
import type { ProviderOutcome } from '../../ports/payment-provider';
import { deliverJob } from '../crm-write/deliver-job';
import { sightingOf } from '../load-transaction';
import type { RefundDeps } from '../refund-deps';
import { type AttemptResult, attemptResult } from './attempt-result';
import type { PreparedAttempt } from './prepare-attempt';
import type { RequestBudget } from './request-budget';
import { afterSending, sendAndRecord } from './send-and-record';
import { DAY_MS, DECLINE_WINDOW_MS, refundJudge } from './refund-judge';
import { reserveRejection } from './reserve-rejection';

/** The provider call of a refund or a void, given the reserved attempt. */
export type ProviderCall = (attempt: RefundAttempt, payment: PaymentState, isFullAmount: boolean, signal: AbortSignal) => Promise<ProviderOutcome>;

/**
 * A refund or void at its natural steps (design §3, §5): reserve under the payment's lock (and the refunder's,
 * for daily totals), the policy decides, then send to the provider and record the outcome; or hold for an
 * approver. Record first, never twice, never more than was paid, and a timeout is `unknown`.
 */
export async function submitAttempt(deps: RefundDeps, prepared: PreparedAttempt, draft: AttemptDraft, call: ProviderCall, budget: RequestBudget): Promise<AttemptResult> {
  const { transaction, user, inForce, provider } = prepared;
  const now = deps.clock.now();
  const daily = dailyLimitOf(inForce.policy, user, transaction.currency) === null ? null : { userId: draft.requestedBy.userId, since: new Date(now.getTime() - DAY_MS) };
  const reserved = await deps.ledger
    .reserveAttempt(sightingOf(transaction), draft, { daily, declinesSince: new Date(now.getTime() - DECLINE_WINDOW_MS) }, refundJudge(deps, inForce.policy, user, now))
    .catch((error: unknown) => {
      if (isAppError(error) && error.code === 'LEDGER_UNAVAILABLE' && error.details?.cause !== 'busy') throw new AppError('LEDGER_UNAVAILABLE', `${error.message} Nothing was sent to the payment provider.`, error.details);
      throw error;
    });
  switch (reserved.kind) {
    case 'replayed':
      return attemptResult('replayed', transaction.ref, reserved.attempt, reserved.payment);
    case 'created': {
      if (reserved.attempt.status === 'awaiting_approval') {
        const delivery = reserved.delivery;
        if (delivery) deps.background.run('crm write-back', () => deliverJob(deps, delivery));
        deps.logger.info('refund attempt', { attemptId: reserved.attempt.id, kind: draft.kind, status: 'awaiting_approval', source: 'sender' });
        return attemptResult('created', transaction.ref, reserved.attempt, reserved.payment);
      }
      const sent = await sendAndRecord(deps, provider, reserved.attempt, budget, (signal) => call(reserved.attempt, reserved.payment, reserved.isFullAmount, signal));
      const { attempt, payment } = afterSending(sent, reserved.payment);
      return attemptResult('created', transaction.ref, attempt, payment);
    }
    default:
      throw reserveRejection(reserved, transaction.currency);
  }
}

