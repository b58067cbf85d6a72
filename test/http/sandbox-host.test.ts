import { withHost } from '../support/host-request';
import { httpTestBackend, startHttp, testBackend } from '../support/test-backend';

/** Sandbox mode fails closed: it answers only a loopback Host (issue 11, item 4: DNS rebinding). */
describe('sandbox mode and the Host header', () => {
  const setup = httpTestBackend({ clientSecret: null, allowUnsigned: true });

  it.each(['attacker.example', 'attacker.example:3000', '127.0.0.1.attacker.example', 'localhost.', '0.0.0.0:3000', '10.0.0.5'])(
    'refuses a refund addressed to %s, and every other route too',
    async (host) => {
      const refund = await withHost(setup.http.url, 'POST', '/api/transactions/deals/1001/refunds?userId=1', host, JSON.stringify({ reason: 'duplicate', idempotencyKey: 'rebind-key-0001' }));
      expect(refund).toEqual({ status: 403, body: { error: { code: 'NOT_PERMITTED', message: expect.stringMatching(/127\.0\.0\.1, localhost or \[::1\]/) } } });
      expect((await withHost(setup.http.url, 'GET', '/api/transactions/deals/1001?userId=1', host)).status).toBe(403);
      expect((await withHost(setup.http.url, 'GET', '/healthz', host)).status).toBe(403);
      expect(setup.backend.stripe.calls).toEqual([]);
    },
  );

  it('refuses a request without a Host header (Node itself answers 400 to HTTP/1.1 without one)', async () => {
    expect([400, 403]).toContain((await withHost(setup.http.url, 'GET', '/healthz', null)).status);
  });

  it.each(['127.0.0.1', '127.0.0.1:3000', 'localhost:8080', 'LOCALHOST', '[::1]:3000'])('answers Host %s', async (host) => {
    expect((await withHost(setup.http.url, 'GET', '/api/transactions/deals/1001?userId=1', host)).status).toBe(200);
  });
});

describe('production mode and the Host header', () => {
  it('is left to the signature, which covers the URL HubSpot called', async () => {
    const backend = await testBackend();
    const http = await startHttp(backend.deps, { clientSecret: 'secret-for-host-test', allowUnsigned: false });
    try {
      expect((await withHost(http.url, 'GET', '/healthz', 'refunds.example.com')).status).toBe(200);
    } finally {
      await http.close();
      await backend.close();
    }
  });
});
