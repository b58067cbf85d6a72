import * as z from 'zod';
import type { ProviderEvent } from '../../../ports/provider-webhooks';
import { decimalText } from './authorize-net-responses';

/*
 * Authorize.net's webhook notifications (https://developer.authorize.net/api/reference/features/webhooks.html): an
 * envelope (notificationId, eventType, eventDate, webhookId) around a payload whose `id` is "one of the four primary
 * IDs returned by the API request that created the resource". For a refund that is the new refund transaction, which
 * names its payment only in its details; for a void, the voided payment itself.
 */

const notificationSchema = z.object({
  notificationId: z.string().min(1),
  eventType: z.string().min(1),
  eventDate: z.string().min(1),
  payload: z.object({ entityName: z.string().optional(), id: z.string().regex(/^\d+$/), authAmount: z.union([z.number(), z.string()]).optional() }).loose(),
});

export type AnetNotification = z.infer<typeof notificationSchema>;

/** The events to subscribe the webhook to (README, Authorize.net webhooks). */
export const AUTHORIZE_NET_EVENTS = ['net.authorize.payment.refund.created', 'net.authorize.payment.void.created'] as const;

export function readNotification(body: unknown): AnetNotification | null {
  const parsed = notificationSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export function eventsOf(notification: AnetNotification): ProviderEvent[] {
  const id = notification.payload.id;
  switch (notification.eventType) {
    case 'net.authorize.payment.refund.created':
      return [{ kind: 'refund_to_look_up', providerRefundId: id }];
    case 'net.authorize.payment.void.created': {
      const amount = decimalText(notification.payload.authAmount);
      return [
        {
          kind: 'refund',
          report: {
            paymentIds: [id],
            providerRefundId: id,
            kind: 'void',
            mark: null,
            amount: amount === null ? null : { value: amount, currency: null },
            outcome: { status: 'succeeded', providerRefundId: id },
            reason: null,
            createdAt: null,
          },
        },
      ];
    }
    default:
      return [{ kind: 'ignored', why: `Authorize.net event type ${notification.eventType} is not one this app acts on` }];
  }
}
