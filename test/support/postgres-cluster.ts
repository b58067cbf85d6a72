import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type EmbeddedDatabase, openEmbeddedDatabase } from '../../src/adapters/store/embedded/embedded-database';
import { migrate } from '../../src/adapters/store/migrations';
import { openPostgresDatabase } from '../../src/adapters/store/postgres-database';

/** The database every test file copies: migrated once, so a file starts on the current schema in milliseconds. */
export const TEMPLATE_DATABASE = 'ledger_template';
export const ADMIN_URL_VARIABLE = 'TEST_POSTGRES_ADMIN_URL';

interface RunningCluster {
  readonly dataDir: string;
  readonly embedded: EmbeddedDatabase;
}

/**
 * Jest's globalSetup: one embedded PostgreSQL for the whole run, in a fresh temporary folder (so two runs at
 * once never meet), with its admin URL handed to the workers through the environment.
 */
export async function startTestCluster(): Promise<RunningCluster> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'refund-tests-pg-'));
  const embedded = await openEmbeddedDatabase(dataDir, 'command', { sync: false });
  const adminUrl = withDatabase(embedded.url, 'postgres');
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const template = await openPostgresDatabase(withDatabase(embedded.url, TEMPLATE_DATABASE));
  try {
    await migrate(template);
  } finally {
    await template.close();
  }
  process.env[ADMIN_URL_VARIABLE] = adminUrl;
  return { dataDir, embedded };
}

export async function stopTestCluster(cluster: RunningCluster): Promise<void> {
  await cluster.embedded.release();
  rmSync(cluster.dataDir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
