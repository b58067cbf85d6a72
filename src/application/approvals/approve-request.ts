import { AppError } from '../../domain/errors';
import type { AttemptId, HubSpotUserId } from '../../domain/ids';
import { mayApprove } from '../../domain/refund-decision';
import type { ProviderOutcome } from '../../ports/payment-provider';
import { type AttemptResult, attemptResult } from '../attempts/attempt-result';
import { configuredProvider } from '../attempts/prepare-attempt';
import { requestBudget } from '../attempts/request-budget';
import { afterSending, sendAndRecord } from '../attempts/send-and-record';
import { recordChange } from '../attempts/record-outcome';
import type { RefundDeps } from '../refund-deps';
import { changed, pendingRequest } from './decide-request';

/**
 * An approver approves a request (design §5): not their own, while it awaits approval and the payment still
 * has room for it. The refund then runs as it was requested (same amount, reason and idempotency key) and
 * its outcome is recorded like any other.
 */
export async function approveRequest(deps: RefundDeps, id: AttemptId, userId: HubSpotUserId, note: string | null): Promise<AttemptResult> {
  const budget = requestBudget();
  const request = await pendingRequest(deps, id, userId, note);
  const { attempt, payment, user, inForce } = request;
  if (!mayApprove(inForce.policy, user)) throw new AppError('NOT_PERMITTED', 'Only approvers named in the refund policy may approve refunds.');
  if (attempt.requestedBy?.userId === userId) throw new AppError('NOT_PERMITTED', 'Nobody approves their own request: ask another approver.');
  const provider = configuredProvider(deps, payment.key.provider);
  const approved = changed(await recordChange(deps, attempt, { kind: 'approve', decision: request.decision }, 'approval'), payment.currency);
  const totals = approved.payment.totals;
  const isFullAmount = attempt.amountMinor === totals.paidMinor && totals.refundedMinor + totals.voidedMinor + totals.heldMinor + totals.inFlightMinor === attempt.amountMinor;
  const sent = await sendAndRecord(deps, provider, approved.attempt, budget, (signal): Promise<ProviderOutcome> => {
    const common = { attemptId: attempt.id, idempotencyKey: attempt.idempotencyKey, providerTransactionId: payment.key.providerTransactionId, cardLast4: payment.cardLast4, signal };
    const amount = { minor: attempt.amountMinor, currency: attempt.currency };
    if (attempt.kind === 'void') {
      if (!provider.voids) throw new Error(`${provider.name} does not void payments`);
      return provider.voids.void({ ...common, amount });
    }
    return provider.refund({ ...common, amount, isFullAmount, reason: attempt.reason });
  });
  const recorded = afterSending(sent, approved.payment);
  return attemptResult('created', attempt.transaction, recorded.attempt, recorded.payment);
}
