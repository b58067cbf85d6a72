import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookDelivery, WebhookReceipt, WebhookReceiver } from '../../../ports/provider-webhooks';
import { sentInTime } from '../delivery-time';
import { parseJson } from '../http-exchange';
import { eventsOf, readNotification } from './authorize-net-events';

/**
 * X-ANET-Signature: "sha512=" and the HMAC-SHA512 of the raw body, in upper-case hex, keyed with the Signature Key as the
 * Merchant Interface shows it, used as text (Authorize.net Webhooks guide, "Verifying the Notification"; the key is
 * not hex-decoded: Authorize.net's own example vector only matches it used as text). The signature has no time of its
 * own; the signed body's eventDate has.
 */
export function authorizeNetWebhookReceiver(signatureKey: string): WebhookReceiver {
  return {
    async receive(delivery: WebhookDelivery): Promise<WebhookReceipt> {
      const header = delivery.headers['x-anet-signature'];
      if (!header) return { kind: 'rejected', reason: 'the X-ANET-Signature header is missing.' };
      const given = /^sha512=([0-9A-Fa-f]{128})$/.exec(header.trim())?.[1];
      const expected = createHmac('sha512', Buffer.from(signatureKey, 'utf8')).update(delivery.body).digest('hex').toUpperCase();
      if (!given || !timingSafeEqual(Buffer.from(given.toUpperCase(), 'utf8'), Buffer.from(expected, 'utf8'))) {
        return { kind: 'rejected', reason: 'the X-ANET-Signature does not match the body and the Signature Key (AUTHORIZENET_SIGNATURE_KEY).' };
      }
      const text = delivery.body.toString('utf8');
      const notification = readNotification(parseJson(text));
      if (!notification) return { kind: 'rejected', reason: 'the signed body is not an Authorize.net notification.' };
      if (!sentInTime(new Date(notification.eventDate), delivery.receivedAt)) {
        return { kind: 'rejected', reason: 'its eventDate is not a time Authorize.net could be sending it at (too old, or in the future).' };
      }
      return { kind: 'verified', eventId: notification.notificationId, eventType: notification.eventType, events: eventsOf(notification) };
    },
  };
}
