import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { backgroundTasks } from '../../src/application/background-tasks';
import { cachedUserDirectory } from '../../src/application/cached-user-directory';
import { policySource } from '../../src/application/policy/policy-source';
import type { RefundDeps } from '../../src/application/refund-deps';
import { silentLogger } from '../../src/adapters/logging/json-logger';
import { createManualProvider } from '../../src/adapters/providers/manual/manual-provider';
import { providerRegistry } from '../../src/adapters/providers/provider-registry';
import { providerLabels } from '../../src/adapters/providers/provider-modules';
import { SandboxCrm } from '../../src/adapters/sandbox/sandbox-crm';
import { seedSandbox } from '../../src/adapters/sandbox/sandbox-seed';
import { type AttemptRow, ATTEMPT_COLUMNS, attemptFromRow } from '../../src/adapters/store/attempt-row';
import type { Database } from '../../src/adapters/store/database';
import type { PostgresOptions } from '../../src/adapters/store/postgres-database';
import { SqlCrmOutbox } from '../../src/adapters/store/sql-crm-outbox';
import { SqlProviderEventLog } from '../../src/adapters/store/sql-provider-event-log';
import { SqlPolicyStore } from '../../src/adapters/store/sql-policy-store';
import { SqlRefundReports } from '../../src/adapters/store/sql-refund-reports';
import type { RefundAttempt } from '../../src/domain/attempt';
import type { TransactionRef } from '../../src/domain/ids';
import { parsePolicy } from '../../src/domain/policy';
import { createHttpApp } from '../../src/http/app';
import type { Clock } from '../../src/ports/clock';
import type { WebhookEndpoint } from '../../src/ports/provider-webhooks';
import { fakeProvider, type FakeProvider } from './fake-provider';
import { resetLedger, testLedger } from './ledger-fixtures';

/** The test policy: team 7 refunds up to 500.00 USD at a time; super admins approve above. */
export const POLICY = { refunders: { teamIds: ['7'] }, limits: { USD: { perRefund: '500.00' } }, otherCurrencies: 'no_limit' };

export interface TestBackend {
  db: Database;
  /** the test database's URL, for tests that open their own connections */
  url: string;
  crm: SandboxCrm;
  stripe: FakeProvider;
  deps: RefundDeps;
  clock: Clock & { set(date: Date): void };
  /** resets the ledger, reseeds the demo CRM and the policy, and forgets provider calls */
  reset(policy?: unknown): Promise<void>;
  addDeal(id: string, properties: Record<string, string>): Promise<void>;
  /** every attempt made from a record, newest first, straight from the ledger's table */
  attemptsOf(ref: TransactionRef): Promise<RefundAttempt[]>;
  close(): Promise<void>;
}

export async function testBackend(overrides: Partial<RefundDeps> = {}, options: { policy?: unknown; database?: PostgresOptions } = {}): Promise<TestBackend> {
  let now: Date | null = null;
  const clock = { now: () => now ?? new Date(), set: (date: Date) => (now = date) };
  const { ledger, db, url } = await testLedger(clock, options.database);
  const crm = new SandboxCrm(db);
  const stripe = fakeProvider('stripe');
  const policyStore = new SqlPolicyStore(db);
  const policies = policySource(policyStore, clock, false);
  const deps: RefundDeps = {
    records: crm,
    timeline: crm,
    users: cachedUserDirectory(crm, clock),
    directory: crm,
    ledger,
    outbox: new SqlCrmOutbox(db),
    events: new SqlProviderEventLog(db),
    providers: providerRegistry([stripe, createManualProvider()]),
    providerLabels: providerLabels(),
    policies,
    policyStore,
    reports: new SqlRefundReports(db),
    clock,
    logger: silentLogger,
    objectTypes: ['deals'],
    providerTimeoutMs: 300,
    maxDeclinesPerHour: 10,
    background: backgroundTasks(silentLogger),
    newId: randomUUID,
    ...overrides,
  };
  const backend: TestBackend = {
    db,
    url,
    crm,
    stripe,
    deps,
    clock,
    async reset(policy = options.policy ?? POLICY) {
      // A CRM write-back the previous test started must not run into the truncation (PostgreSQL: deadlock detected).
      await deps.background.drain();
      await resetLedger(db);
      await seedSandbox(db);
      const parsed = parsePolicy(policy);
      if (!parsed.ok) throw new Error(`test policy invalid: ${JSON.stringify(parsed.problems)}`);
      const saved = await policyStore.save(parsed.document, 0, 'seed', null, new Date());
      if (saved === 'conflict') throw new Error('the test policy could not be seeded');
      policies.forget();
      const fresh = fakeProvider();
      stripe.calls.length = 0;
      stripe.lookups.length = 0;
      stripe.answer = fresh.answer;
      stripe.lookupAnswer = fresh.lookupAnswer;
      now = null;
    },
    async addDeal(id, properties) {
      await db.query(`INSERT INTO sandbox_records (object_type, object_id, properties) VALUES ('deals', $1, $2)`, [id, JSON.stringify(properties)]);
    },
    async attemptsOf(ref) {
      const rows = await db.query<AttemptRow>(
        `SELECT ${ATTEMPT_COLUMNS} FROM refund_attempts WHERE object_type = $1 AND object_id = $2 ORDER BY created_at DESC, id DESC`,
        [ref.objectType, ref.objectId],
      );
      return rows.map(attemptFromRow);
    },
    async close() {
      await deps.background.drain();
      await ledger.close();
    },
  };
  await backend.reset();
  return backend;
}

export interface HttpClient {
  url: string;
  request(method: string, path: string, options?: { body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startHttp(
  deps: RefundDeps,
  identity: { clientSecret: string | null; allowUnsigned: boolean; publicUrl?: string | null; defaultUserId?: string | null; portalId?: string | null },
  webhooks: readonly WebhookEndpoint[] = [],
): Promise<HttpClient> {
  const app = createHttpApp(deps, { publicUrl: null, ...identity }, {}, webhooks);
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async request(method, path, options = {}) {
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
        ...(body !== undefined ? { body } : {}),
      });
      const text = await response.text();
      await deps.background.drain();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The usual setup of an HTTP test file as jest hooks: one backend and an HTTP server on it for the file, the ledger,
 * demo CRM and policy (`setup.policy`, or the test policy) reset before each test, both closed at the end. Read
 * `backend` and `http` inside the tests.
 */
export function httpTestBackend(
  identity: Parameters<typeof startHttp>[1],
  setup: { readonly overrides?: Partial<RefundDeps>; readonly policy?: unknown } = {},
): { readonly backend: TestBackend; readonly http: HttpClient } {
  const context = {} as { backend: TestBackend; http: HttpClient };
  beforeAll(async () => {
    context.backend = await testBackend(setup.overrides, setup.policy === undefined ? {} : { policy: setup.policy });
    context.http = await startHttp(context.backend.deps, identity);
  });
  beforeEach(() => context.backend.reset());
  afterAll(async () => {
    await context.http.close();
    await context.backend.close();
  });
  return context;
}
