import { hubSpotSignature } from '../support/hubspot-signature';
import { httpTestBackend, startHttp, testBackend } from '../support/test-backend';

const SECRET = 'test-client-secret-51a7';
const PUBLIC_URL = 'https://refunds.example.com';
const BODY = JSON.stringify({ amount: '600.00', reason: 'duplicate', idempotencyKey: 'signed-url-0001' });

/** A signature covers one URL: routing and the acting user come from exactly the URL HubSpot signed (issue 11, item 1). */
describe('a signature covers exactly one URL', () => {
  const setup = httpTestBackend({ clientSecret: SECRET, allowUnsigned: false, publicUrl: PUBLIC_URL });

  const refused = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
    const response = await setup.http.request(method, path, { headers, ...(body === undefined ? {} : { rawBody: body }) });
    expect(response).toEqual({ status: 401, body: { error: { code: 'INVALID_SIGNATURE', message: expect.any(String) } } });
    expect(setup.backend.stripe.calls).toEqual([]);
    expect(await setup.backend.attemptsOf({ objectType: 'deals', objectId: '1001' })).toEqual([]);
  };

  it('does not let user 2 act as user 1 with a path whose %3F HubSpot decoded before signing', async () => {
    // Rita (user 2, capped at 500.00) gets HubSpot to sign a URL whose path smuggles "?userId=1" in as %3F.
    const signedFor = '/api/transactions/deals/1001/refunds%3FuserId=1&x=?userId=2&portalId=99';
    const headers = hubSpotSignature(SECRET, 'POST', `${PUBLIC_URL}${signedFor.replace('%3F', '?')}`, BODY, Date.now());
    await refused('POST', signedFor, headers, BODY);
    await refused('POST', signedFor.replace('%3F', '?'), headers, BODY);
    await refused('POST', signedFor.replace('%3F', '%3f'), headers, BODY);
  });

  it.each(['%2F', '%2f', '%3F', '%23', '%26', '%3D', '%3d', '%40', '%3A'])('refuses a correctly signed path carrying %s', async (escape) => {
    const path = `/api/transactions/deals/1001${escape}/refunds?userId=1&portalId=99`;
    const signedUri = `${PUBLIC_URL}${path}`.replace(/%(2F|3F|40|3A)/gi, (match) => decodeURIComponent(match));
    await refused('POST', path, hubSpotSignature(SECRET, 'POST', signedUri, BODY, Date.now()), BODY);
  });

  it('refuses a signed query that names two users, whichever comes first', async () => {
    for (const path of ['/api/transactions/deals/1001?userId=1&userId=2&portalId=99', '/api/transactions/deals/1001?userId=2&x=%3FuserId=1&portalId=99']) {
      const response = await setup.http.request('GET', path, { headers: hubSpotSignature(SECRET, 'GET', `${PUBLIC_URL}${path.replace('%3F', '?')}`, '', Date.now()) });
      expect(response.status).toBe(401);
    }
  });

  it('still accepts the URL HubSpot really signs, escapes in the query included', async () => {
    const path = '/api/transactions/deals/1001?userId=1&userEmail=ada%2Badmin%40example.com&appId=5&portalId=99';
    const response = await setup.http.request('GET', path, { headers: hubSpotSignature(SECRET, 'GET', `${PUBLIC_URL}${path.replace('%40', '@')}`, '', Date.now()) });
    expect(response.status).toBe(200);
    expect(response.body.viewer.canRefund).toBe(true);
  });
});

describe('a path with an encoded reserved character in sandbox mode', () => {
  it('is refused too: no route has one', async () => {
    const backend = await testBackend();
    const http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
    try {
      const response = await http.request('GET', '/api/transactions/deals%2F1001?userId=1');
      expect(response.status).toBe(401);
      expect((await http.request('GET', '/api/transactions/deals/1001?userId=1')).status).toBe(200);
    } finally {
      await http.close();
      await backend.close();
    }
  });
});
