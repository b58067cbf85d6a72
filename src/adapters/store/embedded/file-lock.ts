import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { isAlive, waitUntil } from './postmaster';

/**
 * A lock file holding the owner's pid, for the moments when two of our processes could both try to create
 * or start the data folder's database. A lock whose owner died (a killed process) is taken over.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const acquired = await waitUntil(() => tryLock(path), timeoutMs, 50);
  if (!acquired) throw new Error(`${path} stayed locked by process ${ownerOf(path) ?? '?'} for ${timeoutMs / 1000} s`);
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}

function tryLock(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = ownerOf(path);
    // The owner died holding it, or it is being written this instant (empty): a dead owner's lock is removed.
    if (owner !== null && owner !== process.pid && !isAlive(owner)) rmSync(path, { force: true });
    return false;
  }
}

function ownerOf(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
