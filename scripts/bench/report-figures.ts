import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { ReportTable } from './report-table';
import type { SignedClient } from './signed-client';
import { fmt, summarize, type Summary } from './stats';

const ROOT = join(__dirname, '..', '..');
const SUMMARY_GROUPS = ['reason', 'requestedBy', 'provider', 'status'] as const;

export interface SummaryFigures {
  readonly attempts: number;
  readonly seedMs: number;
  readonly byGroup: ReadonlyMap<string, Summary>;
  readonly firstPage: Summary;
}

/**
 * Issue 9: the managers' summary over a large ledger. The ledger is filled in SQL with copies of one real
 * attempt, spread over the last 30 days, reasons and requesters varied, until it holds `attempts` rows; then
 * each grouping of GET /api/refunds/summary and the first page of GET /api/refunds are timed.
 */
export async function measureSummary(api: SignedClient, databaseUrl: string, options: { readonly attempts: number; readonly runs: number }): Promise<SummaryFigures> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  let seedMs = 0;
  let attempts = 0;
  try {
    const started = Date.now();
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM refund_attempts');
    const missing = Math.max(0, options.attempts - Number(rows[0]?.n ?? 0));
    await client.query(
      `INSERT INTO refund_attempts (id, object_type, object_id, kind, amount_minor, currency, status, reason, note, requested_by_user_id,
         requested_by_email, requested_by_name, idempotency_key, fingerprint, provider, provider_transaction_id, provider_refund_id,
         created_at, updated_at, completed_at, payment_id, origin)
       SELECT gen_random_uuid(), a.object_type, a.object_id, a.kind, 100 + (n % 5000), a.currency,
         (ARRAY['succeeded','succeeded','succeeded','failed','pending'])[1 + n % 5],
         (ARRAY['duplicate','fraudulent','requested_by_customer','other'])[1 + n % 4], a.note, (7000 + n % 25)::text,
         a.requested_by_email, 'Bench user ' || (n % 25), 'seed-' || n || '-' || a.id, a.fingerprint, a.provider, a.provider_transaction_id, a.provider_refund_id,
         now() - (n % 43200) * interval '1 minute', now(), now(), a.payment_id, a.origin
       FROM (SELECT * FROM refund_attempts WHERE status = 'succeeded' LIMIT 1) a, generate_series(1, $1::int) AS n`,
      [missing],
    );
    await client.query('ANALYZE refund_attempts');
    seedMs = Date.now() - started;
    attempts = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM refund_attempts')).rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
  const timed = async (path: string) => {
    const times: number[] = [];
    for (let n = 0; n < options.runs; n += 1) {
      const reply = await api.get(path);
      if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      times.push(reply.ms);
    }
    return summarize(times);
  };
  const byGroup = new Map<string, Summary>();
  for (const groupBy of SUMMARY_GROUPS) byGroup.set(groupBy, await timed(`/api/refunds/summary?groupBy=${groupBy}`));
  const firstPage = await timed('/api/refunds?limit=50');
  await removeSeeded(databaseUrl);
  return { attempts, seedMs, byGroup, firstPage };
}

/**
 * The copies bypass the payments' totals and a fifth of them look in flight, which the resolver would then look
 * up at the fake Stripe in later phases: they go once timed, leaving the ledger as the backend made it.
 */
async function removeSeeded(databaseUrl: string): Promise<void> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    await client.query("DELETE FROM refund_attempts WHERE idempotency_key LIKE 'seed-%'");
  } finally {
    await client.end();
  }
}

export interface BulkFigures {
  readonly rows: number;
  readonly ms: number;
  readonly exitCode: number | null;
  readonly lastLines: string;
}

/** Issue 9: `bulk` from the CLI, beside the running server and on its ledger, over a file of `rows` refunds. */
export async function measureBulk(env: Record<string, string>, folder: string, options: { readonly rows: number; readonly firstDeal: number }): Promise<BulkFigures> {
  const file = join(folder, 'bench-bulk.csv');
  const lines = ['objectType,objectId,amount,reason,note'];
  for (let n = 0; n < options.rows; n += 1) lines.push(`deals,${options.firstDeal + n},1.00,requested_by_customer,Bench bulk row ${n + 1}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'refund-card.js'), 'bulk', '--user', '7001', '--file', file, '--concurrency', '8'], {
      env: { PATH: process.env.PATH ?? '', HOME: folder, ...env },
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve({ rows: options.rows, ms: Date.now() - started, exitCode, lastLines: output.trim().split('\n').slice(-3).join(' / ') }));
  });
}

export function reportsSection(table: ReportTable, summary: SummaryFigures, bulk: BulkFigures): void {
  table.heading(`Reports: the ledger filled to ${summary.attempts.toLocaleString('en-US')} attempts (seeded in ${fmt(summary.seedMs / 1000, 1)} s), ms end to end`);
  for (const [groupBy, times] of summary.byGroup) {
    table.row(`summary grouped by ${groupBy} (n=${times.n})`, `p50 ${fmt(times.p50, 1)}  max ${fmt(times.max, 1)}`, 'max < 200 ms', times.max < 200);
  }
  table.row(`first page of /api/refunds (n=${summary.firstPage.n})`, `p50 ${fmt(summary.firstPage.p50, 1)}  max ${fmt(summary.firstPage.max, 1)}`);
  table.heading('Bulk refunds from the CLI beside the running server (--concurrency 8)');
  table.row(
    `${bulk.rows} rows`,
    `${fmt(bulk.ms / 1000, 1)} s, ${fmt((bulk.rows / bulk.ms) * 1000, 1)} rows/s, exit ${bulk.exitCode}`,
    'exit 0',
    bulk.exitCode === 0,
  );
  table.line(`    last lines: ${bulk.lastLines}`);
}
