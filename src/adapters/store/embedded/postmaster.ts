import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running server wrote to `postmaster.pid` (PostgreSQL's src/include/utils/pidfile.h: line numbers). */
export interface Postmaster {
  readonly pid: number;
  readonly port: number;
  /** "starting", "stopping", "ready" or "standby" */
  readonly status: string;
}

export function readPostmaster(clusterDir: string): Postmaster | null {
  let text: string;
  try {
    text = readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
  return { pid, port, status: (lines[7] ?? '').trim() };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `pid` is a postgres server of `clusterDir`, not some other process that reused the number after
 * a crash (on Linux, from /proc; elsewhere a live pid is taken at its word).
 */
export function isPostmasterOf(pid: number, clusterDir: string): boolean {
  if (!isAlive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.some((arg) => arg.endsWith('postgres')) && args.includes(clusterDir);
  } catch {
    return false;
  }
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

/** Fast shutdown (SIGINT: sessions ended, work committed so far kept), then immediate if it hangs. */
export async function stopPostmaster(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  if (await waitUntil(() => !isAlive(pid), 20_000, 20)) return;
  process.kill(pid, 'SIGQUIT');
  await waitUntil(() => !isAlive(pid), 5_000, 20);
}
