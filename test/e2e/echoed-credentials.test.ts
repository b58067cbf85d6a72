import nock from 'nock';
import { jsonLogger } from '../../src/adapters/logging/json-logger';
import { type Backend, composeBackend } from '../../src/composition-root';
import { loadConfig } from '../../src/config/config';
import { openPostgresDatabase } from '../../src/adapters/store/postgres-database';
import { createTestDatabase } from '../support/ledger-fixtures';
import { type HttpClient, startHttp } from '../support/test-backend';

const PAYPAL_API = 'https://paypal.echo.test';
const CLIENT_ID = 'AbEchoClientId-refund-card-77';
const CLIENT_SECRET = 'EcEchoClientSecret-refund-card-77';
const CREDENTIAL = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
const CAPTURE_ID = '2GG279541U471931P';

/**
 * Redaction covers encoded credentials (issue 11, item 7): PayPal echoes our `Basic base64(id:secret)` header in a
 * refusal, and neither the attempt's failure detail in the ledger nor any log line keeps it, in any encoding.
 */
describe("PayPal's Basic header echoed in an error", () => {
  let backend: Backend;
  let http: HttpClient;
  let databaseUrl: string;
  const logged: string[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: databaseUrl, PAYPAL_CLIENT_ID: CLIENT_ID, PAYPAL_CLIENT_SECRET: CLIENT_SECRET, PAYPAL_API_BASE: PAYPAL_API });
    backend = await composeBackend(config, jsonLogger((line) => logged.push(line)));
    nock.disableNetConnect();
    nock.enableNetConnect(/^127\.0\.0\.1(:\d+)?$/);
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  afterAll(async () => {
    await http.close();
    await backend.close();
    nock.cleanAll();
    nock.restore();
  });

  it('keeps it out of the ledger and the logs', async () => {
    nock(PAYPAL_API).post('/v1/oauth2/token').matchHeader('authorization', `Basic ${CREDENTIAL}`).reply(200, { access_token: 'A21AAEchoAccessToken', token_type: 'Bearer', expires_in: 32400 });
    nock(PAYPAL_API)
      .post(`/v2/payments/captures/${CAPTURE_ID}/refund`)
      .reply(400, {
        name: 'INVALID_REQUEST',
        message: `Request is not well-formed. Received Authorization: Basic ${CREDENTIAL}`,
        debug_id: 'f2b6a7c1d9e03',
        details: [{ issue: 'INVALID_PARAMETER_VALUE', description: `Header echo: ${CREDENTIAL}; client_secret=${encodeURIComponent(CLIENT_SECRET)}` }],
      });

    const response = await http.request('POST', '/api/transactions/deals/1010/refunds?userId=1', { body: { amount: '10.00', reason: 'duplicate', idempotencyKey: 'echo-key-0001' } });
    expect(response.status).toBe(201);
    expect(response.body.attempt.status).toBe('failed');

    const db = await openPostgresDatabase(databaseUrl);
    const rows = await db.query<{ failure_message: string; failure_detail: Record<string, string> }>(
      `SELECT failure_message, failure_detail FROM refund_attempts WHERE object_type = 'deals' AND object_id = '1010'`,
    );
    await db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.failure_detail).toMatchObject({ http_status: '400', debug_id: 'f2b6a7c1d9e03' });
    const stored = JSON.stringify(rows);
    expect(stored).toContain('[redacted]');
    for (const text of [stored, JSON.stringify(response.body), logged.join('\n')]) {
      expect(text).not.toContain(CREDENTIAL);
      expect(text).not.toContain(CLIENT_SECRET);
      expect(text).not.toContain(encodeURIComponent(CLIENT_SECRET));
    }
    expect(nock.pendingMocks()).toEqual([]);
  });
});
