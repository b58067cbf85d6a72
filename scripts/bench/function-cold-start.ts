import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildProject } from '../build-hubspot-project';
import { ReportTable } from './report-table';
import { fmt, summarize } from './stats';

export interface ColdStart {
  readonly bytes: number;
  /** milliseconds taken by `require` of the bundle, each in a fresh node process */
  readonly requireMs: readonly number[];
}

const SIZE_TARGET_BYTES = 1_500_000;
const REQUIRE_TARGET_MS = 150;

/**
 * The app function as HubSpot starts it: `npm run build`'s bundle, required by a fresh `node` outside the repository
 * (no node_modules to fall back on, no secrets), `runs` times. Only the require is timed, not node's own start.
 */
export async function measureFunctionColdStart(runs = 11): Promise<ColdStart> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'refund-function-'));
  try {
    const built = await buildProject({ outDir, env: {} });
    const fn = built.functions[0];
    if (!fn) throw new Error('the build made no app function');
    const file = path.join(outDir, 'src', fn.entrypoint);
    const script = `const started = process.hrtime.bigint(); require(${JSON.stringify(file)});
      process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));`;
    const requireMs = Array.from({ length: runs }, () =>
      Number(execFileSync(process.execPath, ['-e', script], { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' })),
    );
    return { bytes: fn.bytes, requireMs };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** The bundle's size and its cold require time, beside their targets. */
export function coldStartSection(table: ReportTable, coldStart: ColdStart): void {
  const times = summarize(coldStart.requireMs);
  const min = Math.min(...coldStart.requireMs);
  table.heading('The app function as HubSpot starts it (dist/hubspot-project/src/app/functions/refund-api.js)');
  table.row('bundle size', `${fmt(coldStart.bytes / 1024, 1)} KB`, '≤ 1.5 MB', coldStart.bytes <= SIZE_TARGET_BYTES);
  table.row(`cold require, fresh node processes (n=${times.n})`, `p50 ${fmt(times.p50, 0)} ms  min ${fmt(min, 0)} ms  max ${fmt(times.max, 0)} ms`, '< 150 ms', times.p50 < REQUIRE_TARGET_MS);
}

if (require.main === module) {
  measureFunctionColdStart().then(
    (coldStart) => {
      const table = new ReportTable();
      coldStartSection(table, coldStart);
      console.log(table.lines.join('\n'));
    },
    (error: unknown) => {
      console.error('cold start measurement failed:', error);
      process.exitCode = 1;
    },
  );
}
