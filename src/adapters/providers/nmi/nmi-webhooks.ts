import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookDelivery, WebhookReceipt, WebhookReceiver } from '../../../ports/provider-webhooks';
import { sentInTime } from '../delivery-time';
import { parseJson } from '../http-exchange';
import { actionDate, eventsOf, readEvent } from './nmi-events';

/**
 * Webhook-Signature: "t=<nonce>,s=<signature>", the signature the hex HMAC-SHA256 of "<nonce>.<raw body>" keyed with the
 * webhook signing key (NMI's webhook documentation, "Verifying the webhook signature"). `t` is a nonce, not a time;
 * the signed body carries the action's date.
 */
export function nmiWebhookReceiver(signingKey: string): WebhookReceiver {
  return {
    async receive(delivery: WebhookDelivery): Promise<WebhookReceipt> {
      const header = delivery.headers['webhook-signature'];
      if (!header) return { kind: 'rejected', reason: 'the Webhook-Signature header is missing.' };
      const fields = new Map(header.split(',').map((part) => [part.slice(0, part.indexOf('=')).trim(), part.slice(part.indexOf('=') + 1).trim()]));
      const nonce = fields.get('t');
      const given = fields.get('s');
      if (!nonce || !given || !/^[0-9a-f]{64}$/i.test(given)) return { kind: 'rejected', reason: 'the Webhook-Signature header is not "t=<nonce>,s=<signature>".' };
      const expected = createHmac('sha256', signingKey).update(`${nonce}.`, 'utf8').update(delivery.body).digest('hex');
      if (!timingSafeEqual(Buffer.from(given.toLowerCase(), 'utf8'), Buffer.from(expected, 'utf8'))) {
        return { kind: 'rejected', reason: 'the Webhook-Signature does not match the body and the signing key (NMI_WEBHOOK_SIGNING_KEY).' };
      }
      const event = readEvent(parseJson(delivery.body.toString('utf8')));
      if (!event) return { kind: 'rejected', reason: 'the signed body is not an NMI webhook event.' };
      const at = actionDate(event.event_body.action.date);
      if (at !== null && !sentInTime(at, delivery.receivedAt)) {
        return { kind: 'rejected', reason: "its action's date is not a time NMI could be sending it at (too old, or in the future)." };
      }
      return { kind: 'verified', eventId: event.event_id, eventType: event.event_type, events: eventsOf(event) };
    },
  };
}
