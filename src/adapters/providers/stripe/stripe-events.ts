import * as z from 'zod';
import type { RefundReason } from '../../../domain/refund-reason';
import type { DisputeReport, RefundReport } from '../../../ports/provider-reports';
import type { ProviderEvent } from '../../../ports/provider-webhooks';
import type { ReportedAmount } from '../../../ports/provider-reports';
import { formatMoney } from '../../../domain/money';
import { readRefund, refundToOutcome } from './stripe-mapping';
import { stripeMoney } from './stripe-paid-amount';

/*
 * Stripe's events as this app reads them (https://docs.stripe.com/api/events/object, and the SDK's Event types): the
 * envelope, then data.object as a Refund, a Charge or a Dispute. Only the fields read are checked; a field Stripe adds
 * or an event type this app does not act on changes nothing.
 */

const envelopeSchema = z.object({ id: z.string().min(1), object: z.literal('event'), type: z.string().min(1), data: z.object({ object: z.unknown() }) });

const refundSchema = z.object({
  id: z.string().min(1),
  object: z.literal('refund'),
  amount: z.number().int(),
  currency: z.string(),
  charge: z.string().nullish(),
  payment_intent: z.string().nullish(),
  created: z.number().int(),
  metadata: z.record(z.string(), z.string()).nullish(),
  reason: z.string().nullish(),
});

const chargeSchema = z.object({ id: z.string().min(1), object: z.literal('charge'), payment_intent: z.string().nullish() });

const disputeSchema = z.object({
  id: z.string().min(1),
  object: z.literal('dispute'),
  charge: z.string().min(1),
  payment_intent: z.string().nullish(),
  created: z.number().int(),
  is_charge_refundable: z.boolean(),
});

/** The events to subscribe the endpoint to (README, Stripe webhooks), each read below. */
export const STRIPE_EVENTS = ['refund.created', 'refund.updated', 'refund.failed', 'charge.refunded', 'charge.refund.updated', 'charge.dispute.created'] as const;

export type StripeEnvelope = z.infer<typeof envelopeSchema>;

export function readEnvelope(event: unknown): StripeEnvelope | null {
  const parsed = envelopeSchema.safeParse(event);
  return parsed.success ? parsed.data : null;
}

/** What one event means for the ledger. */
export function eventsOf(envelope: StripeEnvelope): ProviderEvent[] {
  const object = envelope.data.object;
  switch (envelope.type) {
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed':
    case 'charge.refund.updated':
      return [refundEvent(object, envelope.type)];
    case 'charge.refunded': {
      // Since API 2022-11-15 a Charge no longer carries its refunds (https://docs.stripe.com/changelog/2022-11-15/deprecates-charges-auto-expand):
      // the payment's refunds are read again instead, which also makes this and refund.created one change.
      const charge = chargeSchema.safeParse(object);
      if (!charge.success) return [{ kind: 'ignored', why: `${envelope.type} without a readable Charge` }];
      return [{ kind: 'refunds_changed', paymentIds: idsOf(charge.data.payment_intent, charge.data.id) }];
    }
    case 'charge.dispute.created': {
      const dispute = disputeSchema.safeParse(object);
      return dispute.success ? [{ kind: 'dispute', report: disputeReport(dispute.data) }] : [{ kind: 'ignored', why: `${envelope.type} without a readable Dispute` }];
    }
    default:
      return [{ kind: 'ignored', why: `Stripe event type ${envelope.type} is not one this app acts on` }];
  }
}

function refundEvent(object: unknown, type: string): ProviderEvent {
  const report = refundReportOf(object);
  return report ? { kind: 'refund', report } : { kind: 'ignored', why: `${type} without a readable Refund` };
}

/** A Stripe Refund (an event's object, or an item of a list) → the report; null when it cannot be read. */
export function refundReportOf(object: unknown): RefundReport | null {
  const parsed = refundSchema.safeParse(object);
  const facts = readRefund(object);
  if (!parsed.success || facts === null) return null;
  const refund = parsed.data;
  const outcome = refundToOutcome(facts);
  if (outcome.status === 'unknown') return null;
  const attemptId = refund.metadata?.attempt_id;
  return {
    paymentIds: idsOf(refund.payment_intent, refund.charge),
    providerRefundId: refund.id,
    kind: 'refund',
    mark: attemptId ? { kind: 'attempt_id', attemptId } : null,
    amount: amountOf(refund.amount, refund.currency),
    outcome,
    reason: reasonOf(refund.reason),
    createdAt: new Date(refund.created * 1000),
  };
}

/**
 * `is_charge_refundable`: "If true, it's still possible to refund the disputed payment" (Stripe API, Dispute object);
 * when false, Stripe refuses refunds with charge_disputed.
 */
function disputeReport(dispute: z.infer<typeof disputeSchema>): DisputeReport {
  return {
    paymentIds: idsOf(dispute.payment_intent, dispute.charge),
    disputeId: dispute.id,
    openedAt: new Date(dispute.created * 1000),
    refunds: dispute.is_charge_refundable ? 'allowed' : 'refused',
  };
}

function idsOf(...ids: readonly (string | null | undefined)[]): string[] {
  return ids.filter((id): id is string => typeof id === 'string' && id !== '');
}

function reasonOf(reason: string | null | undefined): RefundReason | null {
  return reason === 'duplicate' || reason === 'fraudulent' || reason === 'requested_by_customer' ? reason : null;
}

function amountOf(amount: number, currency: string): ReportedAmount | null {
  const money = stripeMoney(amount, currency);
  return money ? { value: formatMoney(money), currency: money.currency } : null;
}
