import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/adapters/store/embedded/cluster';
import { waitUntil } from '../../src/adapters/store/embedded/postmaster';

const BIN = join(__dirname, '..', '..', 'bin', 'refund-card.js');

/** One backend process (`refund-card serve`) on its own port, started, killed and started again by the drill. */
export class DrillInstance {
  private child: ChildProcess | null = null;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  static async create(name: string, env: Record<string, string>, folder: string): Promise<DrillInstance> {
    const port = await freePort();
    return new DrillInstance(name, `http://127.0.0.1:${port}`, { ...env, PORT: String(port) }, join(folder, `${name}.log`));
  }

  async start(): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    const healthy = await waitUntil(async () => child.exitCode !== null || (await this.healthy()), 60_000, 100);
    if (!healthy || child.exitCode !== null) throw new Error(`${this.name} did not start (exit ${child.exitCode}); see ${this.logFile}`);
  }

  /** SIGKILL: no drain, no goodbye, as a crashed host */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  /** SIGTERM, the way a host stops it: it drains, then exits */
  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok;
    } catch {
      return false;
    }
  }

  /** resident memory in MB, from /proc (Linux) */
  rssMb(): number | null {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.child?.pid}/status`, 'utf8'))?.[1];
      return kb ? Number(kb) / 1024 : null;
    } catch {
      return null;
    }
  }

  /** lines of its log that a person would have to look at: errors, and the process dying */
  problems(): string[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((line) => /"level":"error"|Unhandled|uncaught|FATAL/i.test(line));
  }
}
