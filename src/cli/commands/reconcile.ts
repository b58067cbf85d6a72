import { reconcileRecent, type ReconcileSummary } from '../../application/reconcile/reconcile-recent';
import { AppError } from '../../domain/errors';
import type { CliSession } from '../cli-session';
import { EXIT } from '../exit-codes';
import { withProgress } from '../progress-line';

const UNITS: Readonly<Record<string, number>> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/** "7d", "24h", "90m" → milliseconds. */
export function periodMs(text: string): number {
  const match = /^(\d{1,4})([dhm])$/.exec(text.trim());
  if (!match) throw new AppError('INVALID_REQUEST', `--since takes a period such as 7d, 24h or 90m, not "${text}".`, { field: 'since' });
  return Number(match[1]) * (UNITS[match[2] ?? 'd'] ?? 0);
}

/** `reconcile [--since 7d]`: what the providers did after the fact, recorded; a summary, and progress on long runs. */
export async function reconcileCommand(session: CliSession, options: { since?: string }): Promise<number> {
  const since = new Date(Date.now() - periodMs(options.since ?? '7d'));
  const backend = await session.backend();
  let done = 0;
  const summary = await withProgress(
    () => `Comparing payments with their providers (${done} so far)`,
    () => reconcileRecent(backend.deps, since, (count) => (done = count)),
  );
  session.print(summary, () => describe(summary));
  const unavailable = Object.values(summary.byProvider).some((tally) => tally.unavailable > 0);
  return unavailable ? EXIT.unavailable : EXIT.ok;
}

function describe(summary: ReconcileSummary): string {
  const lines = [
    `Compared ${summary.payments} payment(s) created or changed since ${summary.since}:`,
    `  ${summary.lateFailures} refund(s) that failed after success, ${summary.outsideRecorded} refund(s) made outside the app, ${summary.updated} other change(s) recorded.`,
  ];
  for (const [provider, tally] of Object.entries(summary.byProvider)) {
    const parts = [
      tally.complete > 0 ? `${tally.complete} compared in full` : null,
      tally.partial > 0 ? `${tally.partial} in part` : null,
      tally.unavailable > 0 ? `${tally.unavailable} not answered (run again later)` : null,
      tally.notListable > 0 ? `${tally.notListable} not comparable` : null,
    ].filter((part): part is string => part !== null);
    lines.push(`  ${provider}: ${tally.payments} payment(s): ${parts.join(', ')}.`);
    for (const gap of tally.gaps) lines.push(`    ${gap}.`);
  }
  return lines.join('\n');
}
