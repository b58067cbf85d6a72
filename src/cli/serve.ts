import type { Server } from 'node:http';
import { syncCrm } from '../application/sync-crm';
import type { Backend } from '../composition-root';
import { createHttpApp } from '../http/app';
import { sandboxRoutes } from '../http/sandbox-routes';

const OUTBOX_INTERVAL_MS = 5_000;

/** Starts the Express host and the outbox worker; resolves with a stop function. */
export async function serve(backend: Backend): Promise<{ server: Server; url: string; stop: () => Promise<void> }> {
  const { config, deps } = backend;
  const app = createHttpApp(deps, {
    clientSecret: config.hubspot.clientSecret,
    allowUnsigned: config.mode === 'sandbox',
    publicUrl: config.publicUrl,
  }, backend.sandboxCrm ? { '/sandbox': sandboxRoutes(backend.sandboxCrm) } : {});
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address();
  const url = `http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`;
  let syncing: Promise<unknown> = Promise.resolve();
  const worker = setInterval(() => {
    syncing = syncCrm(deps).catch((error: unknown) => deps.logger.error('crm outbox worker failed', { error: String(error) }));
  }, OUTBOX_INTERVAL_MS);
  worker.unref();
  return {
    server,
    url,
    async stop() {
      clearInterval(worker);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await syncing;
      await backend.close();
    },
  };
}
