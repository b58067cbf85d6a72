import Stripe from 'stripe';
import type { WebhookDelivery, WebhookReceipt, WebhookReceiver } from '../../../ports/provider-webhooks';
import { eventsOf, readEnvelope } from './stripe-events';

/** The SDK's default: a signature older than 5 minutes is refused (https://docs.stripe.com/webhooks#replay-attacks). */
export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Stripe-Signature checked by the SDK's own constructEvent on the raw body, with its tolerance, against the endpoint's
 * signing secret (https://docs.stripe.com/webhooks#verify-official-libraries). Its error messages are another
 * system's text: the refusal says what was wrong in our words.
 */
export function stripeWebhookReceiver(secret: string): WebhookReceiver {
  return {
    async receive(delivery: WebhookDelivery): Promise<WebhookReceipt> {
      const header = delivery.headers['stripe-signature'];
      if (!header) return { kind: 'rejected', reason: 'the Stripe-Signature header is missing.' };
      let event: unknown;
      try {
        event = Stripe.webhooks.constructEvent(delivery.body, header, secret, STRIPE_SIGNATURE_TOLERANCE_SECONDS, undefined, delivery.receivedAt.getTime());
      } catch (error) {
        return { kind: 'rejected', reason: refusal(error) };
      }
      const envelope = readEnvelope(event);
      if (!envelope) return { kind: 'rejected', reason: 'the signed body is not a Stripe event.' };
      return { kind: 'verified', eventId: envelope.id, eventType: envelope.type, events: eventsOf(envelope) };
    },
  };
}

function refusal(error: unknown): string {
  if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) return 'the signed body is not a Stripe event.';
  if (/tolerance/i.test(error.message)) return `the signature is older than ${STRIPE_SIGNATURE_TOLERANCE_SECONDS / 60} minutes (a replay, or a clock far off).`;
  return 'the Stripe-Signature does not match the body and the signing secret (STRIPE_WEBHOOK_SECRET).';
}
