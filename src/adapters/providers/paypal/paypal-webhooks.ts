import * as z from 'zod';
import type { WebhookDelivery, WebhookReceipt, WebhookReceiver } from '../../../ports/provider-webhooks';
import { sentInTime } from '../delivery-time';
import { parseJson } from '../http-exchange';
import { type PayPalContext, callPayPal, isSuccess } from './paypal-call';
import { eventsOf, readEnvelope } from './paypal-events';
import type { PayPalRequest } from './paypal-mapping';

const verificationSchema = z.object({ verification_status: z.enum(['SUCCESS', 'FAILURE']) });

const HEADERS = ['paypal-auth-algo', 'paypal-cert-url', 'paypal-transmission-id', 'paypal-transmission-sig', 'paypal-transmission-time'] as const;

/**
 * Verified as PayPal documents it: POST /v1/notifications/verify-webhook-signature with the five PAYPAL-* headers, our
 * webhook id and the event as received. The event must be the exact bytes PayPal sent ("The actual JSON string is
 * what is validated against", PayPal on paypal/PayPal-Python-SDK#196), so it is spliced into the request as is.
 */
export function payPalWebhookReceiver(context: PayPalContext, webhookId: string): WebhookReceiver {
  return {
    async receive(delivery: WebhookDelivery, signal: AbortSignal): Promise<WebhookReceipt> {
      const missing = HEADERS.filter((name) => !delivery.headers[name]);
      if (missing.length > 0) return { kind: 'rejected', reason: `the ${missing.map((name) => name.toUpperCase()).join(', ')} header(s) are missing.` };
      if (!sentInTime(new Date(delivery.headers['paypal-transmission-time'] ?? ''), delivery.receivedAt)) {
        return { kind: 'rejected', reason: 'its PAYPAL-TRANSMISSION-TIME is not a time PayPal could be sending it at (too old, or in the future).' };
      }
      const text = delivery.body.toString('utf8');
      const envelope = readEnvelope(parseJson(text));
      if (!envelope) return { kind: 'rejected', reason: 'the body is not a PayPal webhook event.' };
      const answer = await callPayPal(context, signal, verifyRequest(delivery, webhookId, text));
      if (answer.kind !== 'response') return { kind: 'unverifiable', reason: `PayPal's verify-webhook-signature API did not answer (${answer.kind})` };
      if (!isSuccess(answer.status)) return { kind: 'unverifiable', reason: `PayPal's verify-webhook-signature API answered HTTP ${answer.status} (check PAYPAL_WEBHOOK_ID)` };
      const verification = verificationSchema.safeParse(answer.body);
      if (!verification.success) return { kind: 'unverifiable', reason: "PayPal's verify-webhook-signature answer could not be read" };
      if (verification.data.verification_status !== 'SUCCESS') return { kind: 'rejected', reason: 'PayPal did not verify its signature.' };
      return { kind: 'verified', eventId: envelope.id, eventType: envelope.event_type, events: eventsOf(envelope) };
    },
  };
}

/** The verify_webhook_signature request of the Webhooks spec, `webhook_event` the delivery's own text. */
function verifyRequest(delivery: WebhookDelivery, webhookId: string, event: string): PayPalRequest {
  const header = (name: (typeof HEADERS)[number]) => JSON.stringify(delivery.headers[name] ?? '');
  const body =
    `{"auth_algo":${header('paypal-auth-algo')},"cert_url":${header('paypal-cert-url')},"transmission_id":${header('paypal-transmission-id')},` +
    `"transmission_sig":${header('paypal-transmission-sig')},"transmission_time":${header('paypal-transmission-time')},` +
    `"webhook_id":${JSON.stringify(webhookId)},"webhook_event":${event}}`;
  return { method: 'POST', path: '/v1/notifications/verify-webhook-signature', headers: { 'Content-Type': 'application/json' }, body };
}
