import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHubSpotClient } from '../../../src/adapters/hubspot/hubspot-client';

/**
 * A HubSpot that accepts connections and never answers (a stall): every attempt given up on must close its
 * connection, or an outage would pile up open sockets until the process runs out of them.
 */
describe('an attempt given up on', () => {
  let server: http.Server;
  let baseUrl: string;
  const open = new Set<import('node:net').Socket>();
  let connected = 0;
  let closed = 0;
  let onClose: (() => void) | undefined;

  beforeAll(async () => {
    server = http.createServer(() => undefined); // reads the request, never answers
    server.on('connection', (socket) => {
      connected += 1;
      open.add(socket);
      socket.on('close', () => {
        open.delete(socket);
        closed += 1;
        onClose?.();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('closes its connection, on every retry', async () => {
    const client = createHubSpotClient({ accessToken: 'pat-na1-test', baseUrl, retries: 2, attemptTimeoutMs: 50, deadlineMs: 2_000, backoffMs: { base: 1, max: 1 } });

    await expect(client.send({ method: 'GET', path: '/crm/v3/objects/deals/1' })).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE', details: { reason: 'timeout' } });
    expect(connected).toBeGreaterThan(0);
    // the server never ends a connection: each one that closes was closed by the client giving up on it
    await new Promise<void>((resolve) => {
      onClose = () => closed === connected && resolve();
      onClose();
    });
    expect(open.size).toBe(0);
  });
});
