import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { clusterPaths } from '../../../src/adapters/store/embedded/cluster';
import { type EmbeddedDatabase, openEmbeddedDatabase } from '../../../src/adapters/store/embedded/embedded-database';
import { isAlive, readPostmaster } from '../../../src/adapters/store/embedded/postmaster';

async function query<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** One data folder (one initdb) for the file: each test leaves the server stopped, as a real last process would. */
describe('the embedded PostgreSQL of a data folder', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'refund-embedded-'));
  const paths = clusterPaths(dataDir);
  const open: EmbeddedDatabase[] = [];
  const openAs = async (role: 'server' | 'command') => {
    const database = await openEmbeddedDatabase(dataDir, role, { sync: false });
    open.push(database);
    return database;
  };
  const releaseAll = async () => {
    for (const database of open.splice(0)) await database.release();
  };

  afterEach(releaseAll);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is created on first use, on loopback, and shared by a server and a command', async () => {
    const server = await openAs('server');
    const command = await openAs('command');
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    expect(command.url).toBe(server.url);
    expect(command.description).toMatch(/already running/);
    await query(server.url, 'CREATE TABLE IF NOT EXISTS shared (n int)');
    await query(command.url, 'INSERT INTO shared VALUES (42)');
    expect(await query(server.url, 'SELECT n FROM shared')).toEqual([{ n: 42 }]);
    const [listen] = await query<{ setting: string }>(server.url, "SELECT setting FROM pg_settings WHERE name = 'listen_addresses'");
    expect(listen?.setting).toBe('127.0.0.1');
  });

  it('refuses a second server on the same folder and names the one that holds it', async () => {
    await openAs('server');
    await expect(openEmbeddedDatabase(dataDir, 'server', { sync: false })).rejects.toThrow(
      new RegExp(`already in use by another backend server \\(process ${process.pid}, running since`),
    );
  });

  it('is stopped by the last process to leave, and only then', async () => {
    const first = await openAs('command');
    const second = await openAs('command');
    const pid = readPostmaster(paths.clusterDir)?.pid;
    await first.release();
    open.splice(open.indexOf(first), 1);
    expect(isAlive(pid!)).toBe(true);
    expect(await query(second.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await second.release();
    open.splice(open.indexOf(second), 1);
    expect(isAlive(pid!)).toBe(false);
    expect(readPostmaster(paths.clusterDir)).toBeNull();
  });

  it('keeps what was written across a stop and a start', async () => {
    const again = await openAs('command');
    expect(again.description).toMatch(/started/);
    expect(await query(again.url, 'SELECT n FROM shared')).toEqual([{ n: 42 }]);
  });

  it('takes over the running server of a process that was killed', async () => {
    const killed = await openAs('server');
    const pid = readPostmaster(paths.clusterDir)?.pid;
    // What SIGKILL does to a process: its sessions end without a goodbye; its database keeps running.
    await query(killed.url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'refund-card server%'");
    open.splice(open.indexOf(killed), 1);
    const next = await openAs('server');
    expect(next.description).toMatch(new RegExp(`already running, process ${pid}`));
    expect(await query(next.url, 'SELECT n FROM shared')).toEqual([{ n: 42 }]);
  });

  it('starts over a stale postmaster.pid whose process is gone or is another program', async () => {
    const first = await openAs('command');
    const pid = readPostmaster(paths.clusterDir)!.pid;
    await first.release();
    open.splice(0);
    // A crash left the file behind, and the number now belongs to another process (this one).
    writeFileSync(path.join(paths.clusterDir, 'postmaster.pid'), `${process.pid}\n${paths.clusterDir}\n0\n5432\n\n127.0.0.1\n0 0\nready\n`);
    const next = await openAs('command');
    expect(next.description).toMatch(/started/);
    expect(readPostmaster(paths.clusterDir)?.pid).not.toBe(pid);
    expect(await query(next.url, 'SELECT n FROM shared')).toEqual([{ n: 42 }]);
  });

  it('lets many commands open it at once: one server for all of them', async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => openAs('command')));
    expect(new Set(all.map((database) => database.url)).size).toBe(1);
    expect(all.filter((database) => /started/.test(database.description))).toHaveLength(1);
  });

  it('says so when its folder was deleted under it', async () => {
    const other = mkdtempSync(path.join(tmpdir(), 'refund-embedded-gone-'));
    const database = await openEmbeddedDatabase(other, 'server', { sync: false });
    try {
      expect(() => database.check()).not.toThrow();
      rmSync(path.join(other, 'postgres', 'PG_VERSION'));
      expect(() => database.check()).toThrow(/is gone\. Restart the backend/);
    } finally {
      await database.release();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
