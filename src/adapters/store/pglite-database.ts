import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { type Database, INT8_OID, type SqlExecutor } from './database';

/**
 * Embedded Postgres (WebAssembly) on disk under `dataDir`, or in memory when `dataDir` is null.
 * One connection: PGlite runs transactions one at a time, which is also our per-transaction lock.
 */
export async function openPGliteDatabase(dataDir: string | null): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    parsers: { [INT8_OID]: (value: string) => BigInt(value) },
  });
  const executor = (target: Pick<PGlite, 'query'>): SqlExecutor => ({
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await target.query<Row>(text, [...params]);
      return result.rows;
    },
  });
  return {
    kind: 'pglite',
    ...executor(db),
    transaction: (work) => db.transaction((tx) => work(executor(tx))),
    close: () => db.close(),
  };
}
