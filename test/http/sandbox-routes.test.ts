import { AddressInfo } from 'node:net';
import { createHttpApp } from '../../src/http/app';
import { sandboxRoutes } from '../../src/http/sandbox-routes';
import { type TestBackend, testBackend } from '../support/test-backend';

describe('sandbox CRM view', () => {
  let backend: TestBackend;
  let url: string;
  let close: () => void;

  beforeAll(async () => {
    backend = await testBackend();
    const app = createHttpApp(backend.deps, { clientSecret: null, allowUnsigned: true, publicUrl: null }, { '/sandbox': sandboxRoutes(backend.crm) });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close();
    await backend.close();
  });

  it('shows the refund properties and notes the app wrote', async () => {
    await fetch(`${url}/api/transactions/deals/1003/refunds?userId=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: '9.90', reason: 'duplicate', idempotencyKey: 'sandbox-view-1' }),
    });
    // the CRM write-back follows the answer
    await backend.deps.background.drain();
    const response = await fetch(`${url}/sandbox/crm/deals/1003`);
    const body = (await response.json()) as { properties: Record<string, string>; notes: { bodyHtml: string }[] };
    expect(body.properties).toMatchObject({ dealname: 'Consulting (Stripe, EUR)', refund_status: 'partially_refunded', refunded_amount: '9.90', refund_count: '1' });
    expect(body.notes).toHaveLength(1);
    expect(body.notes[0]?.bodyHtml).toContain('EUR 9.90');
    expect((await fetch(`${url}/sandbox/crm/deals/9`)).status).toBe(404);
  });
});
