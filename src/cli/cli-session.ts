import { jsonLogger, silentLogger } from '../adapters/logging/json-logger';
import { type Backend, composeBackend } from '../composition-root';
import { type Config, type ConfigOptions, loadConfig } from '../config/config';
import { withEnvFile } from '../config/env-file';
import type { EmbeddedRole } from '../adapters/store/embedded/embedded-database';
import type { Logger } from '../ports/logger';
import { withProgress } from './progress-line';

export interface GlobalOptions {
  readonly json?: boolean;
  readonly verbose?: boolean;
}

/**
 * What one CLI command works with: the configuration (environment over `.env`), a logger, and the backend,
 * composed on first use and closed when the command ends (the last process to leave the embedded database
 * stops it).
 */
export class CliSession {
  private configValue: Config | null = null;
  private backendValue: Promise<Backend> | null = null;
  readonly logger: Logger;

  constructor(
    readonly options: GlobalOptions,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly configOptions: ConfigOptions = {},
  ) {
    // Results go to stdout; logs to stderr, and only warnings and errors unless --verbose.
    const lines = jsonLogger((line) => process.stderr.write(`${line}\n`));
    this.logger = options.verbose ? lines : { ...silentLogger, warn: lines.warn, error: lines.error };
  }

  get config(): Config {
    this.configValue ??= loadConfig(withEnvFile(this.env), this.configOptions);
    return this.configValue;
  }

  backend(role: EmbeddedRole = 'command'): Promise<Backend> {
    this.backendValue ??= withProgress('Opening the ledger database', () => composeBackend(this.config, role === 'server' ? jsonLogger(undefined, { mode: this.config.mode }) : this.logger, { role }));
    return this.backendValue;
  }

  /** `--json` prints the value as the HTTP API would; otherwise the human text. */
  print(value: unknown, human: () => string): void {
    process.stdout.write(`${this.options.json ? JSON.stringify(value, jsonValue, 2) : human()}\n`);
  }

  async close(): Promise<void> {
    const backend = this.backendValue;
    this.backendValue = null;
    if (backend) await (await backend.catch(() => null))?.close();
  }
}

function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
