import * as z from 'zod';
import type { DisputeRefunds } from '../../../domain/dispute';
import type { DisputeReport, RefundReport } from '../../../ports/provider-reports';
import type { ProviderEvent } from '../../../ports/provider-webhooks';
import { readRefund, refundToOutcome } from './paypal-mapping';

/*
 * PayPal's webhook events as this app reads them: the envelope of the Webhooks spec (schema `event`), its `resource`
 * a Payments v2 refund (PAYMENT.CAPTURE.REFUNDED, .REVERSED) or a Disputes v1 dispute (CUSTOMER.DISPUTE.CREATED).
 */

const linkSchema = z.object({ href: z.string(), rel: z.string() });

const envelopeSchema = z.object({ id: z.string().min(1), event_type: z.string().min(1), resource: z.unknown() });

const refundResourceSchema = z.object({
  id: z.string().min(1),
  custom_id: z.string().optional(),
  amount: z.object({ currency_code: z.string().length(3), value: z.string() }).optional(),
  create_time: z.string().optional(),
  links: z.array(linkSchema).default([]),
});

const disputeSchema = z.object({
  dispute_id: z.string().min(1),
  create_time: z.string(),
  disputed_transactions: z.array(z.object({ seller_transaction_id: z.string().min(1).optional() })).default([]),
  dispute_life_cycle_stage: z.string().optional(),
  dispute_channel: z.string().optional(),
});

/** The events to subscribe the webhook to (README, PayPal webhooks). */
export const PAYPAL_EVENTS = ['PAYMENT.CAPTURE.REFUNDED', 'PAYMENT.CAPTURE.REVERSED', 'CUSTOMER.DISPUTE.CREATED'] as const;

export type PayPalEnvelope = z.infer<typeof envelopeSchema>;

export function readEnvelope(body: unknown): PayPalEnvelope | null {
  const parsed = envelopeSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export function eventsOf(envelope: PayPalEnvelope): ProviderEvent[] {
  switch (envelope.event_type) {
    case 'PAYMENT.CAPTURE.REFUNDED':
    // A reversal is a refund PayPal made itself (a chargeback, a reversed payment): the money went back all the same.
    case 'PAYMENT.CAPTURE.REVERSED': {
      const report = refundReportOf(envelope.resource);
      return [report ? { kind: 'refund', report } : { kind: 'ignored', why: `${envelope.event_type} without a readable refund` }];
    }
    case 'CUSTOMER.DISPUTE.CREATED': {
      const dispute = disputeSchema.safeParse(envelope.resource);
      const report = dispute.success ? disputeReport(dispute.data) : null;
      return [report ? { kind: 'dispute', report } : { kind: 'ignored', why: `${envelope.event_type} without a readable dispute` }];
    }
    default:
      return [{ kind: 'ignored', why: `PayPal event type ${envelope.event_type} is not one this app acts on` }];
  }
}

/**
 * A Payments v2 refund → the report. The refund names its capture only in its `up` link (…/v2/payments/captures/{id}),
 * which `knownCaptureId` stands in for when the caller knows it;
 * `custom_id` is our attempt id when the app made it.
 */
export function refundReportOf(resource: unknown, knownCaptureId?: string): RefundReport | null {
  const parsed = refundResourceSchema.safeParse(resource);
  const facts = readRefund(resource);
  if (!parsed.success || facts === null) return null;
  const refund = parsed.data;
  const captureId = /\/v2\/payments\/captures\/([A-Za-z0-9]+)$/.exec(refund.links.find((link) => link.rel === 'up')?.href ?? '')?.[1] ?? knownCaptureId;
  const outcome = refundToOutcome(facts);
  if (!captureId || outcome.status === 'unknown') return null;
  const createdAt = refund.create_time ? new Date(refund.create_time) : null;
  return {
    paymentIds: [captureId],
    providerRefundId: refund.id,
    kind: 'refund',
    mark: refund.custom_id ? { kind: 'attempt_id', attemptId: refund.custom_id } : null,
    amount: refund.amount ? { value: refund.amount.value, currency: refund.amount.currency_code } : null,
    outcome,
    reason: null,
    createdAt: createdAt && !Number.isNaN(createdAt.getTime()) ? createdAt : null,
  };
}

/**
 * Payments v2 refusals while a case is open: TRANSACTION_DISPUTED, "Partial refunds cannot be offered at this time
 * because there is an open case on this transaction", and REFUND_NOT_PERMITTED_DUE_TO_CHARGEBACK, "Refunds are not
 * allowed on this capture due to a chargeback".
 */
function disputeReport(dispute: z.infer<typeof disputeSchema>): DisputeReport | null {
  const captures = dispute.disputed_transactions.map((transaction) => transaction.seller_transaction_id).filter((id): id is string => id !== undefined);
  const openedAt = new Date(dispute.create_time);
  if (captures.length === 0 || Number.isNaN(openedAt.getTime())) return null;
  const chargeback = dispute.dispute_life_cycle_stage === 'CHARGEBACK' || dispute.dispute_channel === 'EXTERNAL';
  const refunds: DisputeRefunds = chargeback ? 'refused' : 'full_only';
  return { paymentIds: captures, disputeId: dispute.dispute_id, openedAt, refunds };
}
