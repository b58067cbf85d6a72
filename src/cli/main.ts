import { getTransaction } from '../application/get-transaction';
import { requestRefund } from '../application/request-refund';
import { setupCrm } from '../application/setup-crm';
import { resolveAttempts } from '../application/resolve-attempts';
import { syncCrm } from '../application/sync-crm';
import { jsonLogger } from '../adapters/logging/json-logger';
import { DEMO_DEALS, DEMO_USERS } from '../adapters/sandbox/sandbox-seed';
import { composeBackend } from '../composition-root';
import { ConfigError, loadConfig } from '../config/config';
import { AppError } from '../domain/errors';
import { hubSpotUserId, idempotencyKey } from '../domain/ids';
import { REFUND_REASONS, type RefundReason } from '../domain/refund-reason';
import { parseArgs } from './args';
import { serve } from './serve';
import { randomUUID } from 'node:crypto';

const USAGE = `Usage: refund-card <command>

  serve                                   start the backend (default; sandbox mode without HUBSPOT_ACCESS_TOKEN)
  setup                                   create the "refunds" property group and properties in HubSpot
  sync-crm                                write pending refund updates to HubSpot now
  resolve [--all]                         look up attempts whose outcome is unknown at their provider (older than a minute, or --all)
  show <objectType> <objectId> --user <id>
  refund <objectType> <objectId> --user <id> --reason <${REFUND_REASONS.join('|')}> [--amount 12.34] [--note text] [--key idempotency-key]

Configuration comes from the environment: see README.md.`;

async function main(argv: readonly string[]): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const command = positional[0] ?? 'serve';
  if (command === 'help' || options.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig(process.env);
  // The commands print their result on stdout, so their logs go to stderr.
  const logger = jsonLogger(command === 'serve' ? undefined : (line) => process.stderr.write(`${line}\n`), { mode: config.mode });
  const backend = await composeBackend(config, logger);
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  const ref = () => ({ objectType: positional[1] ?? '', objectId: positional[2] ?? '' });
  const user = () => {
    const id = options.get('user');
    if (!id || !/^\d+$/.test(id)) throw new AppError('INVALID_REQUEST', 'Name the acting HubSpot user with --user <id>.');
    return hubSpotUserId(id);
  };
  switch (command) {
    case 'serve': {
      const running = await serve(backend);
      printBanner(config.mode, running.url, backend.summary);
      const stop = () => {
        process.stdout.write('\nStopping…\n');
        void running.stop().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return new Promise<number>(() => undefined);
    }
    case 'setup':
      if (config.mode === 'sandbox') process.stderr.write('Sandbox mode: the local CRM stores any property, so there is nothing to create. Set HUBSPOT_ACCESS_TOKEN to set up HubSpot.\n');
      print(await setupCrm(backend.schema, config.objectTypes));
      break;
    case 'sync-crm':
      print(await syncCrm(backend.deps));
      break;
    case 'resolve':
      print(await resolveAttempts(backend.deps, options.has('all') ? { olderThanMs: 0 } : {}));
      break;
    case 'show':
      print(await getTransaction(backend.deps, ref(), user()));
      break;
    case 'refund': {
      const reason = options.get('reason');
      if (!reason || !(REFUND_REASONS as readonly string[]).includes(reason)) {
        throw new AppError('INVALID_REQUEST', `--reason must be one of ${REFUND_REASONS.join(', ')}.`);
      }
      print(
        await requestRefund(backend.deps, {
          transaction: ref(),
          userId: user(),
          amount: options.get('amount'),
          reason: reason as RefundReason,
          note: options.get('note'),
          idempotencyKey: idempotencyKey(options.get('key') ?? randomUUID()),
        }),
      );
      break;
    }
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      await backend.close();
      return 2;
  }
  await backend.close();
  return 0;
}

function printBanner(mode: string, url: string, summary: readonly string[]): void {
  const lines = [`Refund card backend listening on ${url}`, ...summary.map((line) => `  ${line}`)];
  if (mode === 'sandbox') {
    const deal = DEMO_DEALS[0]!;
    const rep = DEMO_USERS[1]!;
    lines.unshift(
      '================================================================',
      ' SANDBOX MODE: no HUBSPOT_ACCESS_TOKEN, so a local demo CRM is used.',
      ' Requests are NOT signature-checked; the user comes from ?userId=.',
      ' Listening on 127.0.0.1 only. Never expose this to a network.',
      '================================================================',
    );
    lines.push(
      '',
      `Demo users: ${DEMO_USERS.map((u) => `${u.id} ${u.firstName} ${u.lastName}`).join(', ')}`,
      `Demo deals: ${DEMO_DEALS.map((d) => d.id).join(', ')}`,
      `Try: curl '${url}/api/transactions/deals/${deal.id}?userId=${rep.id}'`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else if (error instanceof AppError) process.stderr.write(`${error.code}: ${error.message}\n${error.details ? `${JSON.stringify(error.details)}\n` : ''}`);
    else process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
