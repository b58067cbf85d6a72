import * as z from 'zod';
import type { ProviderLookupRequest, ProviderOutcome } from '../../../ports/payment-provider';
import { failedOutcome, unknownOutcome } from '../outcomes';
import type Stripe from 'stripe';
import { stopReasonOf } from '../http-exchange';
import { ask, refundAnswerOutcome } from './stripe-call';
import { noAnswerOutcome, unreadableAnswerOutcome } from './stripe-errors';
import { describeInvalidStripeId, paymentTargetOf, type StripePaymentTarget } from './stripe-mapping';

// GET /v1/refunds lists a payment's refunds newest first, at most 100 a page; `starting_after` (the last id of a page)
// gives the next one, `has_more` says whether there is one (https://docs.stripe.com/api/refunds/list,
// https://docs.stripe.com/api/pagination).
export const PAGE_SIZE = 100;
/**
 * Pages read in one lookup: the 2,000 newest refunds of the payment. Our refund is older than every refund made after
 * it, so a payment refunded more than that since the attempt stays `unknown` rather than being read forever.
 */
export const MAX_PAGES = 20;

/** The fields of a list page and of its refunds that the search reads; the refund itself is read by readRefund. */
export const pageSchema = z.object({
  data: z.array(z.object({ id: z.string().min(1), metadata: z.record(z.string(), z.string()).nullish() }).loose()),
  has_more: z.boolean(),
});

/**
 * With Stripe's refund id (a `pending` answer gave it), the refund itself. Without one, the payment's refunds page by
 * page until one carries our attempt id in its metadata. "Never sent" is concluded only once Stripe has said that
 * there is no further page; a search cut short by the time budget, the page limit or an unreadable page stays `unknown`.
 */
export async function lookup(stripe: Stripe, request: ProviderLookupRequest): Promise<ProviderOutcome> {
  const target = paymentTargetOf(request.providerTransactionId);
  if (target === null) {
    const message = describeInvalidStripeId(request.providerTransactionId) ?? 'This is not a Stripe payment id.';
    return { status: 'unknown', failure: { code: 'invalid_transaction_id', message } };
  }
  if (request.providerRefundId !== null) {
    const asked = await ask(stripe.refunds.retrieve(request.providerRefundId), request.signal);
    return asked.kind === 'answer' ? refundAnswerOutcome(asked.value) : inconclusive(asked.outcome);
  }
  return searchPages(stripe, request, target);
}

/**
 * No usable answer to the lookup's own GET. Stripe refusing it (a rate limit, a key without read access, a payment
 * this key cannot see) says nothing about the refund, unlike a refund's own status: the attempt stays `unknown`.
 */
function inconclusive(outcome: ProviderOutcome): ProviderOutcome {
  if (outcome.status !== 'failed') return outcome;
  return unknownOutcome('lookup_inconclusive', 'Stripe did not say what became of this refund yet; it stays unknown and will be checked again.', {
    ...outcome.failure.detail,
    refusal: outcome.failure.code,
  });
}

async function searchPages(stripe: Stripe, request: ProviderLookupRequest, target: StripePaymentTarget): Promise<ProviderOutcome> {
  const searched = `refunds of ${request.providerTransactionId}`;
  let after: string | null = null;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    if (request.signal.aborted) return noAnswerOutcome(stopReasonOf(request.signal));
    const listed = stripe.refunds.list({ ...target, limit: PAGE_SIZE, ...(after === null ? {} : { starting_after: after }) });
    const asked = await ask(listed, request.signal);
    if (asked.kind === 'no_answer') return inconclusive(asked.outcome);
    const parsed = pageSchema.safeParse(asked.value);
    if (!parsed.success) return unreadableAnswerOutcome();
    const refunds = parsed.data.data;
    const ours = refunds.find((refund) => refund.metadata?.attempt_id === request.attemptId);
    if (ours) return refundAnswerOutcome(ours);
    if (!parsed.data.has_more) {
      return failedOutcome('not_received_by_provider', 'Stripe has no refund for this attempt: nothing was refunded. You can refund again.', {
        searched: `${searched}, all ${page} page(s)`,
      });
    }
    const last = refunds.at(-1);
    if (last === undefined) return unreadableAnswerOutcome();
    after = last.id;
  }
  return unknownOutcome(
    'lookup_inconclusive',
    `Stripe shows more refunds on this payment than one check reads (the newest ${MAX_PAGES * PAGE_SIZE}), and this attempt's refund is not among them, so whether it went through is still unknown. Look for it on the payment in the Stripe dashboard.`,
    { searched: `${searched}, the newest ${MAX_PAGES} page(s)`, last_refund_read: after ?? '' },
  );
}
