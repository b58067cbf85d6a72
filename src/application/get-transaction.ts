import type { DirectoryUser } from '../domain/directory-user';
import type { HubSpotUserId, TransactionRef } from '../domain/ids';
import type { RefundPolicy } from '../domain/policy';
import { dailyLimitOf, viewerLimits } from '../domain/refund-decision';
import { refundableMinor } from '../domain/refund-status';
import type { PaymentState } from '../ports/ledger';
import { DAY_MS } from './attempts/refund-judge';
import { describeApprovers } from './approvals/describe-approvers';
import { loadTransaction, type Transaction } from './load-transaction';
import type { RefundDeps } from './refund-deps';
import { seePayment, warningsOf } from './see-payment';
import { checkSettlement } from './settlement-check';
import { type AttemptView, presentAttempt, presentTransaction, presentViewer, type TransactionView, type ViewerView } from './transaction-view';

export interface TransactionDetails {
  readonly transaction: TransactionView;
  /** the latest attempts, newest first */
  readonly attempts: readonly AttemptView[];
  /** for the older ones: GET …/attempts?cursor= */
  readonly attemptsCursor: string | null;
  readonly viewer: ViewerView;
}

/** How many attempts a read returns; the card pages through the rest. */
export const ATTEMPTS_PAGE = 20;

/** What the card shows: the payment, its latest attempts and what this user may do (design §7). */
export async function getTransaction(deps: RefundDeps, ref: TransactionRef, userId: HubSpotUserId): Promise<TransactionDetails> {
  const [transaction, user, inForce] = await Promise.all([loadTransaction(deps, ref), deps.users.findUser(userId), deps.policies.current()]);
  const payment = await seePayment(deps, transaction);
  const [page, used, approvalBy] = await Promise.all([
    deps.ledger.listAttempts(payment.id, { limit: ATTEMPTS_PAGE }),
    usedToday(deps, inForce.policy, user, payment),
    describeApprovers(deps, inForce.policy),
  ]);
  const limits = viewerLimits(inForce.policy, user, payment.currency, used);
  const canVoid = limits.canRefund && (await isVoidable(deps, transaction, payment));
  return {
    transaction: presentTransaction(transaction.ref, payment, warningsOf(transaction, payment)),
    attempts: page.attempts.map(presentAttempt),
    attemptsCursor: page.nextCursor,
    viewer: presentViewer(limits, payment.currency, { canVoid, approvalBy, noteRequiredFor: inForce.policy.requireNoteFor }),
  };
}

/** Older attempts of the record's payment, newest first (the card's history pages). */
export async function getAttempts(deps: RefundDeps, ref: TransactionRef, cursor: string | null): Promise<{ results: AttemptView[]; nextCursor: string | null }> {
  const transaction = await loadTransaction(deps, ref);
  const payment = await seePayment(deps, transaction);
  const page = await deps.ledger.listAttempts(payment.id, { limit: ATTEMPTS_PAGE, cursor });
  return { results: page.attempts.map(presentAttempt), nextCursor: page.nextCursor };
}

async function usedToday(deps: RefundDeps, policy: RefundPolicy, user: DirectoryUser | null, payment: PaymentState): Promise<bigint> {
  if (!user || dailyLimitOf(policy, user, payment.currency) === null) return 0n;
  return deps.ledger.usedSince(user.id, payment.currency, new Date(deps.clock.now().getTime() - DAY_MS));
}

/** A void is offered only for a provider that voids, a payment untouched by any attempt, and an unsettled one. */
async function isVoidable(deps: RefundDeps, transaction: Transaction, payment: PaymentState): Promise<boolean> {
  const provider = deps.providers.get(transaction.key.provider);
  if (!provider?.voids || refundableMinor(payment.totals) !== payment.totals.paidMinor) return false;
  return (await checkSettlement(deps, provider, transaction.key.providerTransactionId)).state === 'unsettled';
}
