import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { DATABASE_NAME, DATABASE_USER, clusterPaths, command, freePort, initialiseCluster, readPassword, serverSettings } from '../../src/adapters/store/embedded/cluster';
import { postgresBinaries } from '../../src/adapters/store/embedded/postgres-binaries';
import { waitUntil } from '../../src/adapters/store/embedded/postmaster';

/** One PostgreSQL on a fixed port that the drill stops, starts, freezes and thaws under the instances' feet. */
export interface DrillPostgres {
  readonly url: string;
  /** a fast shutdown: the server terminates every session (57P01), as `pg_ctl stop -m fast` or a restart does */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP to the server and every backend: it accepts connections and answers nothing */
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function startDrillPostgres(dataDir: string): Promise<DrillPostgres> {
  const binaries = postgresBinaries();
  const paths = clusterPaths(dataDir);
  await initialiseCluster(binaries, paths, { sync: false });
  const port = await freePort();
  const password = encodeURIComponent(readPassword(paths));
  const urlOf = (database: string) => `postgresql://${DATABASE_USER}:${password}@127.0.0.1:${port}/${database}`;
  let server: ChildProcess | null = null;

  const ready = async (): Promise<boolean> => {
    const client = new pg.Client({ connectionString: urlOf('postgres'), connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const start = async () => {
    const log = openSync(paths.logFile, 'a', 0o600);
    const [program, args] = command(binaries.postgres, ['-D', paths.clusterDir, ...serverSettings(port)]);
    const child = spawn(program, args, { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    server = child;
    if (!(await waitUntil(ready, 60_000, 100))) throw new Error(`the drill's PostgreSQL did not start (log: ${paths.logFile})`);
  };
  const stop = async () => {
    const child = server;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    await exited;
    server = null;
  };
  // Each backend of PostgreSQL is a session of its own (setsid), so a process group does not reach them: the
  // postmaster first, so that it forks nothing new, then every child it has.
  const group = (signal: NodeJS.Signals) => {
    const pid = server?.pid;
    if (!pid) return;
    for (const target of [pid, ...childrenOf(pid)]) {
      try {
        process.kill(target, signal);
      } catch {
        // gone already
      }
    }
  };

  await start();
  const admin = new pg.Client({ connectionString: urlOf('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  await admin.end();
  return {
    url: urlOf(DATABASE_NAME),
    stop,
    start,
    freeze: () => group('SIGSTOP'),
    thaw: () => group('SIGCONT'),
    close: async () => {
      group('SIGCONT');
      await stop();
    },
  };
}

/** The processes whose parent is `pid`, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after its closing parenthesis
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}
