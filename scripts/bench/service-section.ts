import type { ReportTable } from './report-table';
import type { ServiceFigures } from './service-figures';
import { fmt, mb, summarize } from './stats';

const START_TARGET_MS = 2_000;
const SHOW_TARGET_MS = 1_500;
const IDLE_TARGET_BYTES = 200 * 1024 * 1024;

/** Issue 7's figures for one way of running the ledger: start to healthy, idle memory, CLI `show`. */
export function serviceSection(table: ReportTable, label: string, figures: ServiceFigures): void {
  const start = summarize(figures.startMs);
  const idle = figures.idle;
  const total = idle.appPss + idle.dbPss;
  table.heading(`The service as a user runs it (compiled, sandbox mode), ${label}`);
  table.row('first start on an empty data folder', `${fmt(figures.firstStartMs, 0)} ms`);
  table.row(`start to healthy, initialised (n=${start.n})`, `p50 ${fmt(start.p50, 0)} ms  max ${fmt(start.max, 0)} ms`, '≤ 2 s', start.max <= START_TARGET_MS);
  table.row(
    'idle memory, app + database (PSS)',
    `${mb(total)} = app ${mb(idle.appPss)} + db ${mb(idle.dbPss)} (${idle.dbProcesses} processes)`,
    '≤ 200 MB',
    total <= IDLE_TARGET_BYTES,
  );
  table.row('    the same as RSS (shared pages counted per process)', `app ${mb(idle.appRss)}, db ${mb(idle.dbRss)}`);
  for (const [what, times] of [
    ['CLI show beside the server', figures.showBesideServerMs],
    ['CLI show, no server running', figures.showAloneMs],
  ] as const) {
    const summary = summarize(times);
    table.row(`${what} (n=${summary.n})`, `p50 ${fmt(summary.p50, 0)} ms  max ${fmt(summary.max, 0)} ms`, '≤ 1.5 s', summary.max <= SHOW_TARGET_MS);
  }
  const npm = summarize(figures.showViaNpmMs);
  table.row(`    through npm run cli (n=${npm.n})`, `p50 ${fmt(npm.p50, 0)} ms  max ${fmt(npm.max, 0)} ms (npm itself adds the difference)`);
}
