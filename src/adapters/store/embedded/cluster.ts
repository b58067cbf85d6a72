import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { EmbeddedDatabaseError, type PostgresBinaries } from './postgres-binaries';
import { isPostmasterOf, type Postmaster, readPostmaster, stopPostmaster, waitUntil } from './postmaster';

/** Where the embedded database keeps its files, all under DATA_DIR. */
export interface ClusterPaths {
  readonly root: string;
  /** the PostgreSQL data directory (initdb's -D) */
  readonly clusterDir: string;
  /** the database superuser's random password, readable by this user only */
  readonly passwordFile: string;
  readonly logFile: string;
  readonly lockFile: string;
}

export const DATABASE_USER = 'refunds';
export const DATABASE_NAME = 'refunds';

export function clusterPaths(dataDir: string): ClusterPaths {
  const root = resolve(dataDir);
  return {
    root,
    clusterDir: join(root, 'postgres'),
    passwordFile: join(root, 'postgres.password'),
    logFile: join(root, 'postgres.log'),
    lockFile: join(root, 'postgres.lock'),
  };
}

export function isInitialised(paths: ClusterPaths): boolean {
  return existsSync(join(paths.clusterDir, 'PG_VERSION')) && existsSync(paths.passwordFile);
}

export function readPassword(paths: ClusterPaths): string {
  return readFileSync(paths.passwordFile, 'utf8').trim();
}

/**
 * PostgreSQL refuses to run as root (its postmaster checks geteuid). As root, its programs run in a user
 * namespace where our uid is mapped to nobody's: the files stay ours, and postgres sees a non-root owner.
 */
export function command(program: string, args: readonly string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [program, [...args]];
  return ['unshare', ['--user', '--map-user=65534', '--map-group=65534', program, ...args]];
}

/** initdb into a side folder, renamed into place when complete: a killed initdb leaves no half cluster. */
export async function initialiseCluster(binaries: PostgresBinaries, paths: ClusterPaths, options: { sync: boolean }): Promise<void> {
  mkdirSync(paths.root, { recursive: true });
  const staging = `${paths.clusterDir}.initialising`;
  const passwordFile = join(paths.root, '.initdb-password');
  rmSync(staging, { recursive: true, force: true });
  const password = randomBytes(24).toString('base64url');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    const [program, args] = command(binaries.initdb, [
      '-D', staging, '-U', DATABASE_USER, '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C', '--no-instructions',
      ...(options.sync ? [] : ['--no-sync']),
    ]);
    const output = await run(program, args);
    if (output.code !== 0) {
      throw new EmbeddedDatabaseError(`The embedded PostgreSQL could not be initialised in ${paths.clusterDir}: ${lastLine(output.text) || `initdb exited with ${output.code}`}`);
    }
    writeFileSync(paths.passwordFile, `${password}\n`, { mode: 0o600 });
    rmSync(paths.clusterDir, { recursive: true, force: true });
    renameSync(staging, paths.clusterDir);
  } finally {
    rmSync(passwordFile, { force: true });
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Small settings for a database that serves one app on one machine: loopback TCP only, no Unix socket
 * (its path would have to fit 107 bytes), little shared memory, no replication machinery.
 */
export function serverSettings(port: number): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    shared_buffers: '16MB',
    max_connections: '100',
    io_method: 'sync',
    wal_level: 'minimal',
    max_wal_senders: '0',
    max_logical_replication_workers: '0',
    max_worker_processes: '4',
    log_min_messages: 'warning',
  };
  return ['-p', String(port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
}

/**
 * The data folder's running server, or a new one. A server left by a killed process of ours keeps running
 * and is used as it is; a postmaster.pid whose process is gone (or is now another program) is stale and removed.
 */
export async function ensureServer(binaries: PostgresBinaries, paths: ClusterPaths): Promise<{ postmaster: Postmaster; started: boolean }> {
  const running = await runningPostmaster(paths);
  if (running) return { postmaster: running, started: false };
  return { postmaster: await startServer(binaries, paths), started: true };
}

async function runningPostmaster(paths: ClusterPaths): Promise<Postmaster | null> {
  const found = readPostmaster(paths.clusterDir);
  if (!found) return null;
  if (!isPostmasterOf(found.pid, paths.clusterDir)) {
    rmSync(join(paths.clusterDir, 'postmaster.pid'), { force: true });
    return null;
  }
  if (found.status === 'stopping') {
    await waitUntil(() => !isPostmasterOf(found.pid, paths.clusterDir), 30_000);
    return null;
  }
  // starting, or recovering after a crash: wait for it rather than start a second one
  const ready = await waitUntil(() => readPostmaster(paths.clusterDir)?.status === 'ready' || !isPostmasterOf(found.pid, paths.clusterDir), 60_000);
  const now = readPostmaster(paths.clusterDir);
  if (ready && now?.status === 'ready') return now;
  if (!isPostmasterOf(found.pid, paths.clusterDir)) return null;
  throw new EmbeddedDatabaseError(`The embedded PostgreSQL (process ${found.pid}) is not getting ready; see ${paths.logFile}.`);
}

async function startServer(binaries: PostgresBinaries, paths: ClusterPaths): Promise<Postmaster> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const logStart = existsSync(paths.logFile) ? statSync(paths.logFile).size : 0;
    const logFd = openSync(paths.logFile, 'a', 0o600);
    const [program, args] = command(binaries.postgres, ['-D', paths.clusterDir, ...serverSettings(port)]);
    // Its own process group: a Ctrl-C meant for us must not stop the database before we have drained.
    const child = spawn(program, args, { detached: true, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    child.unref();
    let exited = false;
    let spawnError: Error | null = null;
    child.once('exit', () => (exited = true));
    child.once('error', (error) => (spawnError = error));
    await waitUntil(() => exited || spawnError !== null || readPostmaster(paths.clusterDir)?.status === 'ready', 60_000);
    const postmaster = readPostmaster(paths.clusterDir);
    if (!exited && !spawnError && postmaster?.status === 'ready' && postmaster.pid === child.pid) return postmaster;
    if (!exited && child.pid) await stopPostmaster(child.pid);
    const log = readFileSync(paths.logFile, 'utf8').slice(logStart);
    if (/could not bind|Address already in use/i.test(log) && attempt < 3) continue;
    const reason = spawnError ? (spawnError as Error).message : lastLine(log) || 'it stopped without saying why';
    throw new EmbeddedDatabaseError(`The embedded PostgreSQL did not start: ${reason} (log: ${paths.logFile})`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function run(program: string, args: string[]): Promise<{ code: number; text: string }> {
  return new Promise((resolveRun) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.once('error', (error) => resolveRun({ code: -1, text: error.message }));
    child.once('close', (code) => resolveRun({ code: code ?? -1, text }));
  });
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const errors = lines.filter((line) => /FATAL|ERROR|PANIC|error/i.test(line));
  return (errors.at(-1) ?? lines.at(-1) ?? '').replace(/^\S+ \S+ \S+ \[\d+\] /, '');
}
