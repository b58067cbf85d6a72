import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { backgroundTasks } from '../../src/application/background-tasks';
import { cachedUserDirectory } from '../../src/application/cached-user-directory';
import type { RefundDeps } from '../../src/application/refund-deps';
import { silentLogger } from '../../src/adapters/logging/json-logger';
import { createManualProvider } from '../../src/adapters/providers/manual/manual-provider';
import { providerRegistry } from '../../src/adapters/providers/provider-registry';
import { SandboxCrm } from '../../src/adapters/sandbox/sandbox-crm';
import { seedSandbox } from '../../src/adapters/sandbox/sandbox-seed';
import type { Database } from '../../src/adapters/store/database';
import { createHttpApp } from '../../src/http/app';
import { refundPolicySchema } from '../../src/domain/policy';
import type { Clock } from '../../src/ports/clock';
import { fakeProvider, type FakeProvider } from './fake-provider';
import { testLedger, resetLedger } from './ledger-fixtures';

export const POLICY = { teamIds: ['7'], maxPerRefund: { USD: '500.00' } };

export interface TestBackend {
  db: Database;
  crm: SandboxCrm;
  stripe: FakeProvider;
  deps: RefundDeps;
  clock: Clock & { set(date: Date): void };
  /** resets the ledger, reseeds the demo CRM and forgets provider calls */
  reset(): Promise<void>;
  addDeal(id: string, properties: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export async function testBackend(overrides: Partial<RefundDeps> = {}): Promise<TestBackend> {
  let now: Date | null = null;
  const clock = { now: () => now ?? new Date(), set: (date: Date) => (now = date) };
  const { ledger, db } = await testLedger(clock);
  const crm = new SandboxCrm(db);
  const stripe = fakeProvider('stripe');
  const deps: RefundDeps = {
    records: crm,
    timeline: crm,
    users: cachedUserDirectory(crm, clock),
    ledger,
    providers: providerRegistry([stripe, createManualProvider()]),
    policy: refundPolicySchema.parse(POLICY),
    clock,
    logger: silentLogger,
    objectTypes: ['deals'],
    providerTimeoutMs: 300,
    background: backgroundTasks(silentLogger),
    newId: randomUUID,
    ...overrides,
  };
  const backend: TestBackend = {
    db,
    crm,
    stripe,
    deps,
    clock,
    async reset() {
      await resetLedger(db);
      await seedSandbox(db);
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
  request(method: string, path: string, options?: { body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startHttp(
  deps: RefundDeps,
  identity: { clientSecret: string | null; allowUnsigned: boolean; publicUrl?: string | null; defaultUserId?: string | null },
): Promise<HttpClient> {
  const app = createHttpApp(deps, { publicUrl: null, ...identity });
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
