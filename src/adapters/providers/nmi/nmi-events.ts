import * as z from 'zod';
import type { ProviderOutcome } from '../../../ports/payment-provider';
import type { RefundReport } from '../../../ports/provider-reports';
import type { ProviderEvent } from '../../../ports/provider-webhooks';

/*
 * NMI's webhooks (Merchant Control Panel, Settings, Webhooks; NMI publishes no schema): { event_id, event_type,
 * event_body }, the body a transaction as the Query API shows it, with the action that fired the event. A refund is a
 * transaction of its own, naming our attempt as order_id when the app made it; a void acts on the payment itself.
 */

const actionSchema = z.object({
  action_type: z.string(),
  amount: z.string().regex(/^-?\d+(\.\d+)?$/).optional(),
  success: z.enum(['0', '1']),
  date: z.string().regex(/^\d{14}$/).optional(),
  response_text: z.string().optional(),
  response_code: z.string().optional(),
});

const eventSchema = z.object({
  event_id: z.string().min(1),
  event_type: z.string().min(1),
  event_body: z.object({
    transaction_id: z.string().regex(/^\d+$/),
    order_id: z.string().optional(),
    currency: z.string().optional(),
    action: actionSchema,
  }),
});

export type NmiEvent = z.infer<typeof eventSchema>;

/** The events to subscribe the webhook to (README, NMI webhooks). */
export const NMI_EVENTS = ['transaction.refund.success', 'transaction.refund.failure', 'transaction.void.success', 'transaction.void.failure'] as const;

export function readEvent(body: unknown): NmiEvent | null {
  const parsed = eventSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** An action's date (YYYYMMDDhhmmss, UTC as NMI's reports give it) as a Date, or null. */
export function actionDate(date: string | undefined): Date | null {
  const parts = date ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(date) : null;
  if (!parts) return null;
  const at = new Date(`${parts[1]}-${parts[2]}-${parts[3]}T${parts[4]}:${parts[5]}:${parts[6]}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function eventsOf(event: NmiEvent): ProviderEvent[] {
  switch (event.event_type) {
    case 'transaction.refund.success':
    case 'transaction.refund.failure':
      return [{ kind: 'refund', report: reportOf(event, 'refund') }];
    case 'transaction.void.success':
    case 'transaction.void.failure':
      return [{ kind: 'refund', report: reportOf(event, 'void') }];
    default:
      return [{ kind: 'ignored', why: `NMI event type ${event.event_type} is not one this app acts on` }];
  }
}

function reportOf(event: NmiEvent, kind: 'refund' | 'void'): RefundReport {
  const body = event.event_body;
  const id = body.transaction_id;
  const orderId = body.order_id?.trim() ?? '';
  return {
    // a refund is its own transaction and names no payment; a void is the payment's own
    paymentIds: kind === 'void' ? [id] : [],
    providerRefundId: id,
    kind,
    mark: kind === 'refund' && orderId !== '' ? { kind: 'attempt_id', attemptId: orderId } : null,
    amount: body.action.amount ? { value: body.action.amount.replace(/^-/, ''), currency: body.currency ?? null } : null,
    outcome: outcomeOf(body.action, id, kind),
    reason: null,
    createdAt: actionDate(body.action.date),
  };
}

function outcomeOf(action: z.infer<typeof actionSchema>, id: string, kind: 'refund' | 'void'): Exclude<ProviderOutcome, { status: 'unknown' }> {
  if (action.success === '1') return { status: 'succeeded', providerRefundId: id };
  return {
    status: 'failed',
    providerRefundId: kind === 'refund' ? id : null,
    failure: {
      code: kind === 'refund' ? 'refund_refused' : 'void_refused',
      message:
        kind === 'refund'
          ? 'NMI refused the refund, so nothing was refunded. The reason is kept in the attempt details.'
          : 'NMI refused the void, so the payment was not cancelled. The reason is kept in the attempt details.',
      detail: { nmi_transaction_id: id, nmi_response_code: action.response_code ?? '', nmi_response_text: action.response_text ?? '' },
    },
  };
}
