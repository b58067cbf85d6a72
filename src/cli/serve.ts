import type { Server } from 'node:http';
import { resolveAttempts } from '../application/resolve-attempts';
import { syncCrm } from '../application/sync-crm';
import type { Backend } from '../composition-root';
import { createHttpApp } from '../http/app';
import { sandboxRoutes } from '../http/sandbox-routes';

const OUTBOX_INTERVAL_MS = 5_000;
const RESOLVE_INTERVAL_MS = 60_000;

/** Starts the Express host and the outbox worker; resolves with a stop function. */
export async function serve(backend: Backend): Promise<{ server: Server; url: string; stop: () => Promise<void> }> {
  const { config, deps } = backend;
  const app = createHttpApp(deps, {
    clientSecret: config.hubspot.clientSecret,
    allowUnsigned: config.mode === 'sandbox',
    publicUrl: config.publicUrl,
    defaultUserId: config.sandboxUserId,
  }, backend.sandboxCrm ? { '/sandbox': sandboxRoutes(backend.sandboxCrm) } : {});
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const url = `http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`;
  const outbox = every(OUTBOX_INTERVAL_MS, () => syncCrm(deps), (error) => deps.logger.error('crm outbox worker failed', { error: String(error) }));
  const resolver = every(RESOLVE_INTERVAL_MS, () => resolveAttempts(deps), (error) => deps.logger.error('attempt resolver failed', { error: String(error) }));
  return {
    server,
    url,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([outbox.stop(), resolver.stop()]);
      await backend.close();
    },
  };
}

/** Runs `work` every `ms`, never two at once; stop() waits for a run in progress. */
function every(ms: number, work: () => Promise<unknown>, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = work()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, ms);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
