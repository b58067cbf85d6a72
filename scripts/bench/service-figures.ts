import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { treeMemory } from './process-memory';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'refund-card.js');

export interface ServiceFigures {
  readonly firstStartMs: number;
  readonly startMs: readonly number[];
  readonly idle: { readonly appPss: number; readonly appRss: number; readonly dbPss: number; readonly dbRss: number; readonly dbProcesses: number };
  readonly showBesideServerMs: readonly number[];
  readonly showAloneMs: readonly number[];
  readonly showViaNpmMs: readonly number[];
}

/**
 * The service as a user starts it (compiled JavaScript, `serve`, the embedded PostgreSQL of a fresh data
 * folder, sandbox mode): start to a healthy /healthz, idle memory of the app and of its database processes,
 * and a CLI `show` beside the server and alone. With `databaseUrl`, nothing embedded starts.
 */
export async function measureService(options: { databaseUrl?: string; runs: number }): Promise<ServiceFigures> {
  const home = mkdtempSync(join(tmpdir(), 'refund-bench-service-'));
  const env = { PATH: process.env.PATH ?? '', HOME: home, PORT: '0', DATA_DIR: join(home, 'data'), ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}) };
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.js')], { stdio: 'ignore' });
  try {
    const first = await startServer(env, home);
    await first.stop();
    const startMs: number[] = [];
    for (let n = 0; n < options.runs; n += 1) {
      const server = await startServer(env, home);
      startMs.push(server.readyMs);
      await server.stop();
    }
    const server = await startServer(env, home);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const app = treeMemory(server.child.pid!);
    const postmaster = options.databaseUrl ? null : Number(readFileSync(join(env.DATA_DIR, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const db = postmaster ? treeMemory(postmaster) : { pss: 0, rss: 0, processes: 0 };
    const show = ['show', 'deals', '1001', '--user', '2'];
    const showBesideServerMs = await timed(options.runs, () => run(process.execPath, [BIN, ...show], env, home));
    const showViaNpmMs = await timed(options.runs, () => run('npm', ['run', '--silent', 'cli', '--', ...show], env, ROOT));
    await server.stop();
    const showAloneMs = await timed(options.runs, () => run(process.execPath, [BIN, ...show], env, home));
    return {
      firstStartMs: first.readyMs,
      startMs,
      idle: { appPss: app.pss, appRss: app.rss, dbPss: db.pss, dbRss: db.rss, dbProcesses: db.processes },
      showBesideServerMs,
      showAloneMs,
      showViaNpmMs,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function timed(runs: number, work: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let n = 0; n < runs; n += 1) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

function run(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...env, npm_config_update_notifier: 'false' }, cwd, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** `serve` in its own process, timed from spawn to the first 200 of /healthz. */
async function startServer(env: Record<string, string>, cwd: string): Promise<{ child: ChildProcess; readyMs: number; stop: () => Promise<void> }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [BIN, 'serve'], { env, cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const check = setInterval(() => {
      const found = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (found) {
        clearInterval(check);
        resolve(found);
      }
    }, 5);
    child.once('exit', (code) => {
      clearInterval(check);
      reject(new Error(`serve exited with ${code}: ${output}`));
    });
  });
  for (;;) {
    const healthy = await fetch(`${url}/healthz`).then((response) => response.status === 200, () => false);
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    child,
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
