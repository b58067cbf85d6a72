import { hubSpotSignature } from '../support/hubspot-signature';
import { httpTestBackend } from '../support/test-backend';

const SECRET = 'test-client-secret-3b90';
const PUBLIC_URL = 'https://refunds.example.com';

/** One portal: a request HubSpot signed for another account is refused (issue 11, item 2; design §7). */
describe('requests signed for another HubSpot account', () => {
  const setup = httpTestBackend({ clientSecret: SECRET, allowUnsigned: false, publicUrl: PUBLIC_URL, portalId: '99' });

  const signedGet = (query: string) => {
    const path = `/api/transactions/deals/1001?${query}`;
    return setup.http.request('GET', path, { headers: hubSpotSignature(SECRET, 'GET', `${PUBLIC_URL}${path}`, '', Date.now()) });
  };

  it('answers the configured portal', async () => {
    expect((await signedGet('userId=2&appId=5&portalId=99')).status).toBe(200);
  });

  it.each([
    ['another portal', 'userId=2&appId=5&portalId=98'],
    ['no portal', 'userId=2&appId=5'],
    ['two portals, ours among them', 'userId=2&portalId=98&portalId=99'],
    ['a portal with a suffix', 'userId=2&portalId=99x'],
  ])('refuses %s with 401, though the signature is valid', async (_label, query) => {
    const response = await signedGet(query);
    expect(response).toEqual({ status: 401, body: { error: { code: 'INVALID_SIGNATURE', message: expect.stringMatching(/portalId/) } } });
  });
});
