import { createHmac } from 'node:crypto';
import nock from 'nock';
import { silentLogger } from '../../src/adapters/logging/json-logger';
import { serve } from '../../src/http/serve';
import { type Backend, composeBackend } from '../../src/composition-root';
import { loadConfig } from '../../src/config/config';
import type { Clock } from '../../src/ports/clock';
import { HubSpotMock, TEST_TOKEN } from '../support/hubspot-mock';
import { createTestDatabase } from '../support/ledger-fixtures';
import { readSpecJson } from '../support/specs';

export const HUBSPOT_BASE = 'https://hubspot.e2e.test';
export const STRIPE_BASE = 'https://stripe.e2e.test';
export const STRIPE_KEY = 'sk_test_e2e0000000000000000';
const SECRET = 'e2e-client-secret';
export const DEAL_QUERY =
  'properties=payment_provider&properties=payment_transaction_id&properties=payment_card_last4&properties=amount&properties=deal_currency_code&archived=false';
export const stripeRefundFixture = readSpecJson<{ resources: { refund: Record<string, unknown> } }>('stripe/fixtures3.json').resources.refund;

export interface E2eBackend {
  hubspot: HubSpotMock;
  backend: Backend;
  url: string;
  signedFetch(method: 'GET' | 'POST', pathAndQuery: string, body?: object): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/** The backend as `npm start` wires it against HubSpot and Stripe, both replaced by nock. */
export async function startE2eBackend(options: { clock?: Clock; newId?: () => string; env?: Record<string, string> } = {}): Promise<E2eBackend> {
  const databaseUrl = await createTestDatabase();
  const hubspot = HubSpotMock.start({ baseUrl: HUBSPOT_BASE, token: TEST_TOKEN });
  nock.enableNetConnect(/^127\.0\.0\.1(:\d+)?$/);
  const config = loadConfig({
    HUBSPOT_ACCESS_TOKEN: TEST_TOKEN,
    HUBSPOT_CLIENT_SECRET: SECRET,
    HUBSPOT_PORTAL_ID: '42',
    HUBSPOT_BASE_URL: HUBSPOT_BASE,
    STRIPE_SECRET_KEY: STRIPE_KEY,
    STRIPE_API_BASE: STRIPE_BASE,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    REFUND_POLICY: JSON.stringify({ teamIds: ['70'] }),
    ...options.env,
  });
  const backend = await composeBackend(config, silentLogger, { ...(options.clock ? { clock: options.clock } : {}), ...(options.newId ? { newId: options.newId } : {}) });
  const running = await serve(backend);
  const clock = options.clock ?? { now: () => new Date() };
  return {
    hubspot,
    backend,
    url: running.url,
    async signedFetch(method, pathAndQuery, body) {
      const raw = body === undefined ? '' : JSON.stringify(body);
      const timestamp = String(clock.now().getTime());
      const uri = `${running.url}${pathAndQuery}`;
      // HubSpot signs the URI with %40 and a few other escapes decoded.
      const signature = createHmac('sha256', SECRET).update(`${method}${uri.replace(/%40/g, '@')}${raw}${timestamp}`).digest('base64');
      const response = await fetch(uri, {
        method,
        headers: { 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': timestamp, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: raw } : {}),
      });
      const json = (await response.json()) as any;
      await backend.deps.background.drain();
      return { status: response.status, body: json };
    },
    async stop() {
      await running.stop();
      hubspot.close();
    },
  };
}

export function dealFixture(id: string, paymentIntent: string, amount: string, currency = 'USD') {
  return {
    id,
    properties: { payment_provider: 'stripe', payment_transaction_id: paymentIntent, payment_card_last4: '', amount, deal_currency_code: currency, hs_object_id: id },
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-02T09:00:00.000Z',
    archived: false,
  };
}

export const REP = { id: '55', email: 'rep@example.com', firstName: 'Rae', lastName: 'Rep', superAdmin: false, roleIds: ['3'], primaryTeamId: '70', secondaryTeamIds: [] };

export function createdNote(id: string) {
  const at = '2026-11-23T12:00:00.000Z';
  return { status: 201, body: { id, properties: {}, createdAt: at, updatedAt: at, archived: false } };
}
