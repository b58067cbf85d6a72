import Stripe from 'stripe';
import { readSpecJson } from '../support/specs';

/*
 * Stripe's side as data: events built from Stripe's own example objects (stripe/openapi fixtures3.json: the event
 * envelope, a refund, a charge, a dispute), only ids, amounts, statuses and metadata changed; signed as Stripe signs.
 */
type StripeObject = Record<string, unknown>;
const fixtures = readSpecJson<{ resources: Record<string, StripeObject> }>('stripe/fixtures3.json').resources;

export const SIGNING_SECRET = 'whsec_test_7c1d8a3f5e2b9c4d6a0f1e3b5c7d9a2f';
export const PAYMENT_INTENT = 'pi_3PgafuB7WZ01zgkW0l8Qm2xY';
export const CHARGE = 'ch_1PgafuB7WZ01zgkWXYmPNZs8';

const resource = (name: string, changes: StripeObject): StripeObject => ({ ...structuredClone(fixtures[name]), ...changes });

export function refundObject(changes: StripeObject = {}): StripeObject {
  return resource('refund', { id: 're_3PgcOutside01', amount: 2500, currency: 'usd', charge: CHARGE, payment_intent: PAYMENT_INTENT, status: 'succeeded', metadata: {}, created: 1764600000, ...changes });
}

export function chargeObject(changes: StripeObject = {}): StripeObject {
  return resource('charge', { id: CHARGE, payment_intent: PAYMENT_INTENT, amount: 10000, amount_refunded: 2500, refunded: false, currency: 'usd', ...changes });
}

export function disputeObject(changes: StripeObject = {}): StripeObject {
  return resource('dispute', { id: 'dp_1Pgc71B7WZ01zgkWMevJiAUx', charge: CHARGE, payment_intent: PAYMENT_INTENT, amount: 10000, currency: 'usd', is_charge_refundable: false, ...changes });
}

let counter = 0;

/** An event as Stripe delivers it: its own envelope around `object`. */
export function stripeEvent(type: string, object: StripeObject, id = `evt_1PgcTest${(counter += 1).toString().padStart(8, '0')}`): string {
  return JSON.stringify({ ...structuredClone(fixtures.event), id, type, api_version: '2026-10-28.endive', data: { object } });
}

/** The Stripe-Signature header Stripe would send with `body` at `at` (the SDK's own test signer). */
export function stripeSignature(body: string, at: Date, secret = SIGNING_SECRET): string {
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: Math.floor(at.getTime() / 1000) });
}
