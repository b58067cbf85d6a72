import { createServer, type RequestListener, type Server } from 'node:http';
import { expireRequests } from '../application/approvals/expire-requests';
import { reconcileRecent } from '../application/reconcile/reconcile-recent';
import { resolveAttempts } from '../application/resolve-attempts';
import { CRM_SYNC_BATCH, syncCrm } from '../application/crm-write/sync-crm';
import type { Backend } from '../composition-root';
import { AppError } from '../domain/errors';
import { createHttpApp } from '../http/app';
import { sandboxRoutes } from '../http/sandbox-routes';

const OUTBOX_INTERVAL_MS = 5_000;
const RESOLVE_INTERVAL_MS = 60_000;
const RECONCILE_INTERVAL_MS = 3_600_000;
/** The hourly run compares the payments of the last week: a refund can fail days after it succeeded. */
const RECONCILE_WINDOW_MS = 7 * 86_400_000;

/** What a slow or greedy client may hold (issue 11, item 8): Node's own limits on the HTTP server. */
export interface ServerLimits {
  /** the request line and headers must have arrived within this (headersTimeout) */
  readonly headersTimeoutMs: number;
  /** the whole request, body included, within this; then Node answers 408 and closes (requestTimeout) */
  readonly requestTimeoutMs: number;
  /** an idle kept-alive connection is closed after this (keepAliveTimeout) */
  readonly keepAliveTimeoutMs: number;
  /** how often Node looks for connections past the two timeouts above (connectionsCheckingInterval, default 30 s) */
  readonly timeoutCheckMs: number;
  /** open connections at once; further ones are closed on arrival */
  readonly maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckMs: 1_000,
  maxConnections: 512,
};

/**
 * Starts the Express host and its workers (CRM outbox; expiry of requests and resolution of unknown attempts; the hourly
 * reconciliation with the providers); resolves with a stop function.
 */
export async function serve(backend: Backend, limits: Partial<ServerLimits> = {}): Promise<{ server: Server; url: string; stop: () => Promise<void> }> {
  const { config, deps } = backend;
  const app = createHttpApp(deps, {
    clientSecret: config.hubspot.clientSecret,
    allowUnsigned: config.mode === 'sandbox',
    publicUrl: config.publicUrl,
    defaultUserId: config.sandboxUserId,
    portalId: config.hubspot.portalId,
  }, backend.sandboxCrm ? { '/sandbox': sandboxRoutes(backend.sandboxCrm) } : {}, backend.webhooks);
  const server = createLimitedServer(app, { ...DEFAULT_SERVER_LIMITS, ...limits });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, config.host, config.port)));
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  let stopping = false;
  const outbox = every(
    OUTBOX_INTERVAL_MS,
    async () => {
      // A backlog (after an outage) is delivered run after run while they make progress, not one run a tick.
      for (;;) {
        const run = await syncCrm(deps);
        if (stopping || run.delivered === 0 || run.delivered + run.failed < CRM_SYNC_BATCH) return;
      }
    },
    (error) => deps.logger.error('crm outbox worker failed', { error: String(error) }),
    // an instance that starts catches up at once on what the instances before it left (a restart after a crash)
    true,
  );
  const resolver = every(
    RESOLVE_INTERVAL_MS,
    async () => {
      await expireRequests(deps);
      await resolveAttempts(deps);
    },
    (error) => deps.logger.error('attempt resolver failed', { error: String(error) }),
  );
  const reconciler = every(
    RECONCILE_INTERVAL_MS,
    async () => {
      const summary = await reconcileRecent(deps, new Date(deps.clock.now().getTime() - RECONCILE_WINDOW_MS));
      deps.logger.info('reconciliation', { ...summary });
    },
    (error) => deps.logger.error('reconciliation failed', { error: String(error) }),
  );
  return {
    server,
    url,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      stopping = true;
      await Promise.all([outbox.stop(), resolver.stop(), reconciler.stop()]);
      await backend.close();
    },
  };
}

function createLimitedServer(app: RequestListener, limits: ServerLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckMs,
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}

/** The operator's view of a port that cannot be had: which one, and what to do. */
function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new ListenError(`PORT ${port} on ${host} is already in use by another program. Stop it, or set PORT to a free port.`);
    case 'EACCES':
      return new ListenError(`PORT ${port} on ${host} needs privileges this process does not have. Set PORT to 1024 or above.`);
    case 'EADDRNOTAVAIL':
      return new ListenError(`HOST ${host} is not an address of this machine.`);
    default:
      return error;
  }
}

export class ListenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListenError';
  }
}

/** Runs `work` every `ms` (and once at once when `now`), never two at once; stop() waits for a run in progress. */
function every(ms: number, work: () => Promise<unknown>, onError: (error: unknown) => void, now = false): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const run = () => {
    if (running) return;
    running = work()
      .catch((error: unknown) => {
        // The ledger being down is reported by /healthz and the requests; the workers just try again later.
        if (!(error instanceof AppError && error.code === 'LEDGER_UNAVAILABLE')) onError(error);
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, ms);
  timer.unref();
  if (now) run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
