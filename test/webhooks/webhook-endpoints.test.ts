import { providerModules } from '../../src/adapters/providers/provider-modules';
import type { WebhookEndpoint } from '../../src/ports/provider-webhooks';
import { withHost } from '../support/host-request';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

/* The webhook endpoints as a backend without signing secrets serves them: each says what is missing, and changes nothing. */

const endpoints: WebhookEndpoint[] = providerModules().flatMap((module) =>
  module.webhooks ? [{ provider: module.name, path: module.webhooks.path, receiver: null, setUpWith: module.webhooks.setUpWith, events: module.webhooks.events }] : [],
);

let backend: TestBackend;
let http: HttpClient;
beforeAll(async () => {
  backend = await testBackend();
  http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true }, endpoints);
});
afterAll(async () => {
  await http.close();
  await backend.close();
});

describe('webhook endpoints', () => {
  it('are the four providers that send webhooks', () => {
    expect(endpoints.map((endpoint) => endpoint.path).sort()).toEqual(['authorize-net', 'nmi', 'paypal', 'stripe']);
  });

  it.each(endpoints.map((endpoint) => [endpoint.path, endpoint.setUpWith] as const))(
    '/webhooks/%s without its signing secret answers 503 PROVIDER_NOT_CONFIGURED naming %s, and changes nothing',
    async (path, variable) => {
      const answer = await http.request('POST', `/webhooks/${path}`, { rawBody: '{"id":"evt_1"}' });
      expect(answer.status).toBe(503);
      expect(answer.body.error.code).toBe('PROVIDER_NOT_CONFIGURED');
      expect(answer.body.error.message).toContain(variable);
      expect(await backend.db.query('SELECT * FROM provider_events')).toEqual([]);
    },
  );

  it('answers 404 for a provider that sends none', async () => {
    expect((await http.request('POST', '/webhooks/manual', { rawBody: '{}' })).status).toBe(404);
  });

  it('are reached through a tunnel in sandbox mode (another Host), where the API is not', async () => {
    const host = 'abc123.ngrok.example';
    expect((await withHost(http.url, 'POST', '/webhooks/stripe', host, '{}')).status).toBe(503);
    expect((await withHost(http.url, 'GET', '/api/transactions/deals/1001?userId=1', host)).status).toBe(403);
  });

  it('take any media type: the signature covers the bytes, whatever they are', async () => {
    const answer = await http.request('POST', '/webhooks/nmi', { rawBody: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(answer.status).toBe(503);
  });
});
