import type Stripe from 'stripe';
import type { PaymentToReconcile, ProviderReports, RefundListing, RefundReport } from '../../../ports/provider-reports';
import { ask } from './stripe-call';
import { refundReportOf } from './stripe-events';
import { MAX_PAGES, PAGE_SIZE, pageSchema } from './stripe-lookup';
import { paymentTargetOf } from './stripe-mapping';

/** Stripe lists a payment's refunds, every one, made here or in the Dashboard (https://docs.stripe.com/api/refunds/list). */
export function stripeReports(stripe: Stripe): ProviderReports {
  return { refundsOf: (payment, signal) => refundsOf(stripe, payment, signal) };
}

async function refundsOf(stripe: Stripe, payment: PaymentToReconcile, signal: AbortSignal): Promise<RefundListing> {
  const target = paymentTargetOf(payment.providerTransactionId);
  if (target === null) return { kind: 'unavailable', reason: `"${payment.providerTransactionId}" is not a Stripe payment id` };
  const reports: RefundReport[] = [];
  let after: string | null = null;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const asked = await ask(stripe.refunds.list({ ...target, limit: PAGE_SIZE, ...(after === null ? {} : { starting_after: after }) }), signal);
    if (asked.kind === 'no_answer') return { kind: 'unavailable', reason: `Stripe did not list the refunds (${asked.outcome.status === 'unknown' || asked.outcome.status === 'failed' ? asked.outcome.failure.code : 'no answer'})` };
    const parsed = pageSchema.safeParse(asked.value);
    if (!parsed.success) return { kind: 'unavailable', reason: "Stripe's list of refunds could not be read" };
    for (const item of parsed.data.data) {
      const report = refundReportOf(item);
      if (report) reports.push(report);
    }
    if (!parsed.data.has_more) return { kind: 'complete', refunds: reports };
    const last = parsed.data.data.at(-1);
    if (!last) return { kind: 'unavailable', reason: "Stripe's list of refunds could not be read" };
    after = last.id;
  }
  return { kind: 'partial', refunds: reports, missing: `Stripe payments with more than ${MAX_PAGES * PAGE_SIZE} refunds are compared on their newest ${MAX_PAGES * PAGE_SIZE} only` };
}
