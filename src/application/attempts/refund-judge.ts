import { assertNever } from '../../domain/assert-never';
import type { CurrencyCode } from '../../domain/currency';
import type { DirectoryUser } from '../../domain/directory-user';
import { AppError } from '../../domain/errors';
import { formatMinor } from '../../domain/money';
import type { RefundPolicy } from '../../domain/policy';
import { decideRefund, describeExceeded } from '../../domain/refund-decision';
import { type DisputeRefunds, refusedByDispute } from '../../domain/dispute';
import { refundableMinor } from '../../domain/refund-status';
import type { ReservationState, Verdict } from '../../ports/ledger';
import type { RefundDeps } from '../refund-deps';

const HOUR_MS = 3_600_000;

/**
 * The policy's verdict on a reservation, given what the ledger read under its locks (design §5): send now,
 * hold for an approver until the request expires, or refuse. A payment declined too often in the last hour
 * takes no more attempts for a while (each would add a timeline note and bother the bank).
 */
export function refundJudge(
  deps: Pick<RefundDeps, 'maxDeclinesPerHour' | 'providerLabels'>,
  policy: RefundPolicy,
  user: DirectoryUser | null,
  now: Date,
): (state: ReservationState) => Verdict {
  return (state) => {
    const currency: CurrencyCode = state.payment.currency;
    if (state.recentDeclines >= deps.maxDeclinesPerHour) {
      return {
        kind: 'refuse',
        error: new AppError(
          'TRANSACTION_NOT_REFUNDABLE',
          `This payment was declined ${state.recentDeclines} times in the last hour, so no more attempts are sent for now. Try again in an hour, or refund another way.`,
          { reason: 'too_many_declines', retryAfterSeconds: 3600 },
        ),
      };
    }
    const { dispute } = state.payment;
    if (dispute && refusedByDispute(dispute, state.amountMinor, refundableMinor(state.payment.totals))) {
      return { kind: 'refuse', error: disputeRefusal(deps.providerLabels[state.payment.key.provider].label, dispute.refunds) };
    }
    const decision = decideRefund(policy, user, currency, state.amountMinor, state.usedTodayMinor);
    switch (decision.kind) {
      case 'allow':
        return { kind: 'send' };
      case 'needs_approval':
        return {
          kind: 'hold',
          expiresAt: new Date(now.getTime() + policy.approvalExpiresAfterHours * HOUR_MS),
          request: { limit: decision.exceeded.limit, message: describeExceeded(decision.exceeded, currency) },
        };
      case 'deny':
        return {
          kind: 'refuse',
          error: new AppError('NOT_PERMITTED', decision.message, decision.maxMinor === null ? undefined : { maxRefundAmount: formatMinor(decision.maxMinor, currency) }),
        };
      default:
        return assertNever(decision);
    }
  };
}

/** The rolling window of the daily limit (design §5: any 24 hours). */
export const DAY_MS = 24 * HOUR_MS;
export const DECLINE_WINDOW_MS = HOUR_MS;

/** A refund the provider would refuse while the customer's dispute is open: refused here, before anything is sent. */
function disputeRefusal(provider: string, refunds: DisputeRefunds): AppError {
  const what =
    refunds === 'full_only'
      ? `${provider} refunds it only in full while the case is open: refund everything that is left, or wait until the dispute is resolved.`
      : `${provider} does not refund it while the dispute is open: your finance team can respond to the dispute in ${provider}, or accept it.`;
  return new AppError('TRANSACTION_NOT_REFUNDABLE', `The customer has disputed this payment. ${what} Nothing was sent.`, { reason: 'payment_disputed' });
}
