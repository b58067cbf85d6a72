import { hubSpotSignature } from '../support/hubspot-signature';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

const SECRET = 'test-client-secret-9f1c';

const sign = (method: string, uri: string, body: string, timestamp: number, secret = SECRET) => hubSpotSignature(secret, method, uri, body, timestamp);

describe('requests signed by HubSpot (X-HubSpot-Signature-v3)', () => {
  let backend: TestBackend;
  let http: HttpClient;
  const publicUrl = 'https://refunds.example.com';

  beforeAll(async () => {
    backend = await testBackend();
    http = await startHttp(backend.deps, { clientSecret: SECRET, allowUnsigned: false, publicUrl });
  });
  beforeEach(() => backend.reset());
  afterAll(async () => {
    await http.close();
    await backend.close();
  });

  const path = '/api/transactions/deals/1001?userId=2&userEmail=rita.rep%40example.com&appId=5&portalId=99';
  const refundPath = '/api/transactions/deals/1001/refunds?userId=2&portalId=99';

  it('accepts a valid signature and takes the user from the signed query', async () => {
    const now = Date.now();
    // HubSpot decodes %40 to @ before signing.
    const response = await http.request('GET', path, { headers: sign('GET', `${publicUrl}${path.replace('%40', '@')}`, '', now) });
    expect(response.status).toBe(200);
    expect(response.body.viewer.canRefund).toBe(true);
  });

  it('covers the raw body: a signed refund goes through, a tampered one does not', async () => {
    const body = JSON.stringify({ amount: '5.00', reason: 'duplicate', idempotencyKey: 'signed-key-0001' });
    const headers = sign('POST', `${publicUrl}${refundPath}`, body, Date.now());
    expect((await http.request('POST', refundPath, { rawBody: body, headers })).status).toBe(201);
    const tampered = body.replace('5.00', '50.00');
    const response = await http.request('POST', refundPath, { rawBody: tampered, headers });
    expect(response).toEqual({ status: 401, body: { error: { code: 'INVALID_SIGNATURE', message: 'The request signature does not match.' } } });
    expect(backend.stripe.calls).toHaveLength(1);
  });

  it('rejects a user id changed after signing', async () => {
    const headers = sign('GET', `${publicUrl}${path}`, '', Date.now());
    expect((await http.request('GET', path.replace('userId=2', 'userId=1'), { headers })).status).toBe(401);
  });

  it.each([
    ['no signature', {}],
    ['a signature made with another secret', sign('GET', `${publicUrl}${path}`, '', Date.now(), 'other-secret')],
    ['a stale timestamp (6 minutes)', sign('GET', `${publicUrl}${path}`, '', Date.now() - 6 * 60_000)],
    ['a timestamp from the future (6 minutes)', sign('GET', `${publicUrl}${path}`, '', Date.now() + 6 * 60_000)],
    ['a timestamp more than a minute ahead (replayed later)', sign('GET', `${publicUrl}${path.replace('%40', '@')}`, '', Date.now() + 2 * 60_000)],
    ['a malformed timestamp', { 'X-HubSpot-Signature-v3': 'abc', 'X-HubSpot-Request-Timestamp': 'yesterday' }],
    ['a signature of the wrong length', { 'X-HubSpot-Signature-v3': 'c2hvcnQ=', 'X-HubSpot-Request-Timestamp': String(Date.now()) }],
  ])('rejects %s with 401 INVALID_SIGNATURE', async (_label, headers) => {
    const response = await http.request('GET', path, { headers: headers as Record<string, string> });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('INVALID_SIGNATURE');
  });

  it('accepts a timestamp a little ahead of our clock (skew under a minute)', async () => {
    const headers = sign('GET', `${publicUrl}${path.replace('%40', '@')}`, '', Date.now() + 30_000);
    expect((await http.request('GET', path, { headers })).status).toBe(200);
  });

  it('does not accept an unsigned ?userId= outside sandbox mode', async () => {
    expect((await http.request('GET', '/api/transactions/deals/1001?userId=1')).status).toBe(401);
  });

  it('refuses a signed request that names no user', async () => {
    const bare = '/api/transactions/deals/1001?portalId=99';
    const response = await http.request('GET', bare, { headers: sign('GET', `${publicUrl}${bare}`, '', Date.now()) });
    expect(response.status).toBe(401);
  });
});

describe('sandbox mode with a default user (hs project dev)', () => {
  it('acts as SANDBOX_USER_ID when a request names no user, and never outside sandbox mode', async () => {
    const backend = await testBackend();
    const sandbox = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true, defaultUserId: '3' });
    const production = await startHttp(backend.deps, { clientSecret: SECRET, allowUnsigned: false, defaultUserId: '3' });
    try {
      const read = await sandbox.request('GET', '/api/transactions/deals/1001');
      expect(read.status).toBe(200);
      expect(read.body.viewer.denyReason).toMatch(/super admin/);
      expect((await sandbox.request('GET', '/api/transactions/deals/1001?userId=1')).body.viewer.canRefund).toBe(true);
      expect((await production.request('GET', '/api/transactions/deals/1001')).status).toBe(401);
    } finally {
      await sandbox.close();
      await production.close();
      await backend.close();
    }
  });
});
