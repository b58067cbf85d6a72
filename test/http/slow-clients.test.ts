import { connect, type Socket } from 'node:net';
import { loadConfig } from '../../src/config/config';
import { DEFAULT_SERVER_LIMITS, type ServerLimits, serve } from '../../src/http/serve';
import { testBackend } from '../support/test-backend';

/** What came back on a raw connection until the server closed it. */
function closed(socket: Socket): Promise<string> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1'))));
}

/** Writes one byte at a time until the socket closes: a client that never finishes. */
function trickle(socket: Socket, text: string): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer);
    socket.write(text[at % text.length] ?? ' ');
    at += 1;
  }, 20);
  socket.on('close', () => clearInterval(timer));
}

async function startServer(limits: Partial<ServerLimits>) {
  const backend = await testBackend();
  const config = loadConfig({ PORT: '0' });
  const running = await serve({ deps: backend.deps, schema: backend.crm, account: backend.crm, config, sandboxCrm: backend.crm, summary: [], webhooks: [], close: () => backend.close() }, limits);
  const port = Number(new URL(running.url).port);
  return { ...running, open: () => connect(port, '127.0.0.1') };
}

/** Slow clients (issue 11, item 8): headers and body must arrive in time, and open connections are bounded. */
describe('slow and greedy clients', () => {
  // Short limits stand in for the 10 s defaults; the assertions are about what happens, never how long it took.
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ headersTimeoutMs: 300, requestTimeoutMs: 300, timeoutCheckMs: 50, maxConnections: 3 });
  });
  afterAll(() => server.stop());

  /** Sends `start`, then `more` a byte at a time, never finishing; resolves with what came back once closed. */
  const slowClient = (start: string, more: string) => {
    const socket = server.open();
    const answer = closed(socket);
    socket.write(start);
    trickle(socket, more);
    return answer;
  };

  it('closes a connection whose body trickles in, answering 408', async () => {
    const headers = 'POST /api/transactions/deals/1001/refunds?userId=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n';
    expect(await slowClient(`${headers}{"amount":"1`, '0')).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection whose headers trickle in, answering 408', async () => {
    expect(await slowClient('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 'a')).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('drops a connection beyond the maximum instead of holding it', async () => {
    const held: Socket[] = [];
    const connected = new Promise<void>((resolve) => {
      let count = 0;
      const onConnection = () => {
        count += 1;
        if (count === 3) {
          server.server.off('connection', onConnection);
          resolve();
        }
      };
      server.server.on('connection', onConnection);
    });
    for (let i = 0; i < 3; i += 1) held.push(server.open());
    await connected;
    const extra = server.open();
    expect(await closed(extra)).toBe('');
    for (const socket of held) socket.destroy();
  });
});

describe('the default limits', () => {
  it('are 10 s for headers and for the whole request, and 512 connections', async () => {
    expect(DEFAULT_SERVER_LIMITS).toMatchObject({ headersTimeoutMs: 10_000, requestTimeoutMs: 10_000, maxConnections: 512 });
    const server = await startServer({});
    try {
      expect(server.server).toMatchObject({ headersTimeout: 10_000, requestTimeout: 10_000, maxConnections: 512 });
      expect(server.server.keepAliveTimeout).toBeLessThan(server.server.headersTimeout);
    } finally {
      await server.stop();
    }
  });
});
