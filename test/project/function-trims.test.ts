import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { STRIPE_RESOURCES_USED, functionTrims } from '../../scripts/build/function-trims';

/*
 * The app function bundle leaves out what it never runs (scripts/build/function-trims.ts). This test bundles the
 * HubSpot client with the same trims, runs the result with plain node outside the repository, and checks that what
 * the function does use still works: the SDK's HTTP path without whatwg-url.
 */
const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

async function bundleProbe(dir: string, code: string): Promise<string> {
  const outfile = path.join(dir, 'probe.js');
  await build({
    stdin: { contents: code, resolveDir: ROOT, loader: 'ts', sourcefile: 'probe.ts' },
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'silent',
    plugins: [functionTrims()],
  });
  return outfile;
}

/** Plain node, in a folder with no node_modules above it, so that nothing outside the bundle can be found. */
async function runProbe(file: string, env: Record<string, string> = {}): Promise<unknown> {
  const { stdout } = await run(process.execPath, [file], { cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '', ...env } });
  return JSON.parse(stdout);
}

/** A local server that records each request and answers it with `answer`'s JSON. */
async function recordingServer(answer: (request: Received) => unknown, headers: Record<string, string> = {}): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const request = { method: req.method ?? '?', url: req.url ?? '?', headers: req.headers, body };
      received.push(request);
      res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(answer(request)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('what the function bundle leaves out is never used', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'function-trims-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("sends HubSpot requests through the SDK's HTTP client with Node's URL in place of whatwg-url", async () => {
    const server = await recordingServer(() => ({ id: '42', properties: { amount: '100.00' } }));
    try {
      const probe = await bundleProbe(
        dir,
        `import { createHubSpotClient } from './src/adapters/hubspot/hubspot-client';
         const client = createHubSpotClient({ accessToken: 'pat-probe-token', baseUrl: process.env.BASE_URL, retries: 0 });
         client.send({ method: 'PATCH', path: '/crm/v3/objects/deals/42', query: [['idProperty', 'hs_object_id']], body: { properties: { refund_status: 'voided' } } })
           .then((answer) => process.stdout.write(JSON.stringify(answer)));`,
      );
      expect(readFileSync(probe, 'utf8')).not.toMatch(/mappingTable|xn--/);

      const answer = await runProbe(probe, { BASE_URL: server.url });

      expect(answer).toEqual({ status: 200, body: { id: '42', properties: { amount: '100.00' } } });
      expect(server.received).toEqual([
        {
          method: 'PATCH',
          url: '/crm/v3/objects/deals/42?idProperty=hs_object_id',
          headers: expect.objectContaining({ authorization: 'Bearer pat-probe-token', 'content-type': 'application/json' }) as IncomingHttpHeaders,
          body: '{"properties":{"refund_status":"voided"}}',
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it("refunds, lists and reads through the Stripe SDK with only the resources the app calls", async () => {
    const server = await recordingServer(
      (request) =>
        request.url.startsWith('/v1/payment_intents/')
          ? { id: 'pi_3Probe1', object: 'payment_intent', amount_received: 1000, currency: 'usd', status: 'succeeded' }
          : request.method === 'POST'
            ? { id: 're_probe1', object: 'refund', amount: 250, currency: 'usd', status: 'succeeded', payment_intent: 'pi_3Probe1', metadata: {} }
            : { object: 'list', data: [], has_more: false, url: '/v1/refunds' },
      { 'request-id': 'req_probe' },
    );
    try {
      const probe = await bundleProbe(
        dir,
        `import Stripe from 'stripe';
         const base = new URL(process.env.BASE_URL);
         const stripe = new Stripe('sk_test_probe', { host: base.hostname, port: Number(base.port), protocol: 'http', maxNetworkRetries: 0, telemetry: false });
         (async () => {
           const refund = await stripe.refunds.create({ payment_intent: 'pi_3Probe1', amount: 250 }, { idempotencyKey: 'probe-key-1' });
           const listed = await stripe.refunds.list({ payment_intent: 'pi_3Probe1', limit: 100 });
           const intent = await stripe.paymentIntents.retrieve('pi_3Probe1');
           process.stdout.write(JSON.stringify({ refund: refund.id, listed: listed.data.length, intent: intent.amount_received, trimmed: typeof stripe.customers.create, charges: typeof stripe.charges.retrieve }));
         })();`,
      );
      expect(readFileSync(probe, 'utf8')).not.toContain('/v1/customers');

      const answer = await runProbe(probe, { BASE_URL: server.url });

      expect(answer).toEqual({ refund: 're_probe1', listed: 0, intent: 1000, trimmed: 'undefined', charges: 'function' });
      expect(server.received.map((request) => `${request.method} ${request.url}`)).toEqual([
        'POST /v1/refunds',
        'GET /v1/refunds?payment_intent=pi_3Probe1&limit=100',
        'GET /v1/payment_intents/pi_3Probe1',
      ]);
      expect(server.received[0]).toMatchObject({ body: 'payment_intent=pi_3Probe1&amount=250', headers: { 'idempotency-key': 'probe-key-1' } });
    } finally {
      await server.close();
    }
  });

  it('keeps every Stripe resource the app calls', () => {
    const folder = path.join(ROOT, 'src/adapters/providers/stripe');
    const called = new Set(
      readdirSync(folder).flatMap((file) => [...readFileSync(path.join(folder, file), 'utf8').matchAll(/\bstripe\.(\w+)\.\w+\(/g)].map((match) => match[1] ?? '')),
    );
    expect(called.size).toBeGreaterThan(0);
    for (const resource of called) expect(STRIPE_RESOURCES_USED).toContain(`${resource.charAt(0).toUpperCase()}${resource.slice(1)}.js`);
  });
});
