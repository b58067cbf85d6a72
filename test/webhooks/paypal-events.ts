import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import nock from 'nock';
import { ACCESS_TOKEN, BASIC_AUTH, CAPTURE_ID, PAYPAL_API, refundFixture, tokenFixture } from '../adapters/paypal/paypal-fixtures';
import { specPath } from '../support/specs';

/*
 * PayPal's side: webhook events in the Webhooks spec's `event` envelope around a Payments v2 refund (the adapter tests'
 * spec-checked refund fixture) or a Disputes v1 dispute; deliveries carry the five PAYPAL-* headers; the
 * verify-webhook-signature API behind nock, which answers only the exact request PayPal documents.
 */
export const WEBHOOK_ID = '3LN76325NJ481224B';
const spec = JSON.parse(readFileSync(specPath('paypal/notifications_webhooks_v1.json'), 'utf8')) as { components: { schemas: Record<string, unknown> } };
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema({ $id: 'https://paypal.spec/webhooks.json', components: spec.components });

/** Problems of `value` against a schema of the Webhooks spec; empty when it conforms. */
export function webhookSpecProblems(schema: 'event' | 'verify_webhook_signature' | 'verify_webhook_signature_response', value: unknown): string[] {
  const validate = ajv.getSchema(`https://paypal.spec/webhooks.json#/components/schemas/${schema}`);
  if (!validate) throw new Error(`no schema ${schema}`);
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

export function refundResource(changes: Parameters<typeof refundFixture>[0] & { custom_id?: string } = {}): Record<string, unknown> {
  const { custom_id, ...rest } = changes;
  return { ...refundFixture({ id: '1Y107995YT783435V', value: '25.00', ...rest }), ...(custom_id ? { custom_id } : {}) };
}

export function disputeResource(stage = 'INQUIRY', channel = 'INTERNAL'): Record<string, unknown> {
  return {
    dispute_id: 'PP-D-4012',
    create_time: '2026-11-30T09:59:00.000Z',
    update_time: '2026-11-30T09:59:00.000Z',
    disputed_transactions: [{ seller_transaction_id: CAPTURE_ID, buyer_transaction_id: '3BC38643YC807283D', transaction_status: 'COMPLETED', gross_amount: { currency_code: 'USD', value: '100.00' } }],
    reason: 'MERCHANDISE_OR_SERVICE_NOT_RECEIVED',
    status: 'OPEN',
    dispute_amount: { currency_code: 'USD', value: '100.00' },
    dispute_life_cycle_stage: stage,
    dispute_channel: channel,
    links: [{ href: `${PAYPAL_API}/v1/customer/disputes/PP-D-4012`, rel: 'self', method: 'GET' }],
  };
}

let counter = 0;

export function payPalEvent(eventType: string, resourceType: string, resource: Record<string, unknown>, id = `WH-1GE84257G0350133W-${(counter += 1).toString().padStart(16, '0')}`): string {
  return JSON.stringify({
    id,
    event_version: '1.0',
    create_time: '2026-12-01T11:59:58.000Z',
    resource_type: resourceType,
    resource_version: '2.0',
    event_type: eventType,
    summary: 'A capture payment was refunded',
    resource,
    links: [{ href: `${PAYPAL_API}/v1/notifications/webhooks-events/${id}`, rel: 'self', method: 'GET' }],
  });
}

export function deliveryHeaders(at: Date): Record<string, string> {
  return {
    'content-type': 'application/json',
    'paypal-auth-algo': 'SHA256withRSA',
    'paypal-cert-url': 'https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
    'paypal-transmission-id': 'd938e770-8046-11e6-8103-6b62a8a99ac4',
    'paypal-transmission-sig': 'eDOnWUj9FXOnr2naQnrdL7bhgejVSTwRbwbJ0kuk5wAtm2ZYkr7w5BSUDO7e5ZOsqLwN3sPn3RV85Jd9pjHuTlpuXDLYk',
    'paypal-transmission-time': at.toISOString(),
  };
}

/** The verify-webhook-signature request PayPal documents, with the delivery spliced in byte for byte. */
export function verifyBody(headers: Record<string, string>, body: string): string {
  const h = (name: string) => JSON.stringify(headers[name]);
  return `{"auth_algo":${h('paypal-auth-algo')},"cert_url":${h('paypal-cert-url')},"transmission_id":${h('paypal-transmission-id')},"transmission_sig":${h('paypal-transmission-sig')},"transmission_time":${h('paypal-transmission-time')},"webhook_id":"${WEBHOOK_ID}","webhook_event":${body}}`;
}

export function offerToken(): void {
  nock(PAYPAL_API).matchHeader('authorization', BASIC_AUTH).post('/v1/oauth2/token', 'grant_type=client_credentials').optionally().reply(200, tokenFixture(), { 'Content-Type': 'application/json' });
}

/** POST /v1/notifications/verify-webhook-signature answering `status` for exactly this delivery. */
export function verifyEndpoint(headers: Record<string, string>, body: string): nock.Interceptor {
  offerToken();
  return nock(PAYPAL_API).matchHeader('authorization', `Bearer ${ACCESS_TOKEN}`).matchHeader('content-type', 'application/json').post('/v1/notifications/verify-webhook-signature', verifyBody(headers, body));
}
