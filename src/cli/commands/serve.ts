import { DEMO_DEALS, DEMO_USERS } from '../../adapters/sandbox/sandbox-seed';
import { serve } from '../../http/serve';
import type { CliSession } from '../cli-session';
import { EXIT } from '../exit-codes';

/** The backend server until SIGINT or SIGTERM, then a graceful stop: requests finished, CRM writes drained. */
export async function serveCommand(session: CliSession): Promise<number> {
  const started = Date.now();
  const backend = await session.backend('server');
  const running = await serve(backend).catch(async (error: unknown) => {
    await session.close();
    throw error;
  });
  printBanner(session.config.mode, running.url, backend.summary, Date.now() - started);
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`\n${signal}: stopping (finishing requests and CRM writes)…\n`);
      void running.stop().then(
        () => resolve(EXIT.ok),
        (error: unknown) => {
          process.stderr.write(`Stopping failed: ${error instanceof Error ? error.message : String(error)}\n`);
          resolve(EXIT.unexpected);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

function printBanner(mode: string, url: string, summary: readonly string[], startMs: number): void {
  const lines = [`Refund card backend listening on ${url} (ready in ${(startMs / 1000).toFixed(1)} s)`, ...summary.map((line) => `  ${line}`)];
  if (mode === 'sandbox') {
    const deal = DEMO_DEALS[0]!;
    const rep = DEMO_USERS[1]!;
    lines.unshift(
      '================================================================',
      ' SANDBOX MODE: no HUBSPOT_ACCESS_TOKEN, so a local demo CRM is used.',
      ' Requests are NOT signature-checked; the user comes from ?userId=.',
      ' Listening on loopback only. Never expose this to a network.',
      '================================================================',
    );
    lines.push(
      '',
      `Demo users: ${DEMO_USERS.map((u) => `${u.id} ${u.firstName} ${u.lastName}`).join(', ')}`,
      `Demo deals: ${DEMO_DEALS.map((d) => d.id).join(', ')} (list them: curl ${url}/sandbox/crm/deals)`,
      `Try: curl '${url}/api/transactions/deals/${deal.id}?userId=${rep.id}'`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
