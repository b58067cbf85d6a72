import { Command, CommanderError, Option } from 'commander';
import { EmbeddedDatabaseError } from '../adapters/store/embedded/postgres-binaries';
import { ConfigError, type ConfigOptions } from '../config/config';
import { AppError } from '../domain/errors';
import { PAYMENT_PROVIDERS, REFUND_REASONS } from '../domain/refund-reason';
import { ListenError } from '../http/serve';
import { CliSession, type GlobalOptions } from './cli-session';
import { approvalsCommand, approveCommand, cancelCommand, rejectCommand } from './commands/approvals';
import { type BulkOptions, bulkCommand } from './commands/bulk';
import { policyHistoryCommand, policySetCommand, policyShowCommand } from './commands/policy';
import { type ReportOptions, reportCommand } from './commands/report';
import { refundCommand, voidCommand } from './commands/refund';
import { resolveCommand, sandboxResetCommand, setupCommand, syncCrmCommand } from './commands/maintenance';
import { reconcileCommand } from './commands/reconcile';
import { serveCommand } from './commands/serve';
import { showCommand } from './commands/show';
import { EXIT, exitCodeOfError } from './exit-codes';

const CONFIG_HELP = '\nConfiguration comes from the environment and a .env file in the working directory (README, Configuration).';

/**
 * `npm run cli -- <command>` (design §7): every command has --help with its options and an example,
 * readable output by default and --json for scripts, and an exit code that says what happened.
 */
export function cliProgram(version: string, run: (code: number) => void): Command {
  const program = new Command('refund-card')
    .description('Refund payments from HubSpot records: the backend server and its command line.')
    .version(version, '-v, --version')
    .option('--json', 'print machine-readable JSON (the HTTP API\'s shapes) instead of text')
    .option('--verbose', 'log every step on stderr as JSON lines')
    .showHelpAfterError('(add --help for usage)')
    // Before the commands are added, so that they inherit it: usage errors become exit code 2, not process.exit(1).
    .exitOverride()
    .addHelpText('after', `\nExit codes: 0 done · 1 unexpected error · 2 usage · 3 configuration · 4 refused · 5 unavailable · 6 refund failed · 7 not final yet (pending, unknown, awaiting approval)${CONFIG_HELP}`);

  const action = <A extends unknown[]>(work: (session: CliSession, ...args: A) => Promise<number>, configOptions: ConfigOptions = {}) =>
    async (...args: A) => {
      const session = new CliSession(program.opts<GlobalOptions>(), process.env, configOptions);
      try {
        run(await work(session, ...args));
      } catch (error) {
        run(report(error, session.options));
      } finally {
        await session.close().catch(() => undefined);
      }
    };
  const example = (...lines: string[]) => `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
  const reason = () => new Option('--reason <reason>', 'why').choices(REFUND_REASONS).makeOptionMandatory();
  const user = () => new Option('--user <id>', 'the HubSpot user id to act as (their refund policy applies)').makeOptionMandatory();

  program
    .command('serve', { isDefault: true })
    .description('start the backend server (sandbox mode without HUBSPOT_ACCESS_TOKEN)')
    .addHelpText('after', example('npm start', 'PORT=8080 npm run cli -- serve'))
    .action(action((session) => serveCommand(session)));

  program
    .command('show')
    .description('show a record\'s payment, its refunds and what the user may do')
    .argument('<objectType>', 'CRM object type, e.g. deals')
    .argument('<objectId>', 'record id')
    .addOption(user())
    .addHelpText('after', example('npm run cli -- show deals 1001 --user 2'))
    .action(action((session, objectType: string, objectId: string, options: { user: string }) => showCommand(session, { objectType, objectId }, options)));

  program
    .command('refund')
    .description('refund a record\'s payment, in full or in part')
    .argument('<objectType>', 'CRM object type, e.g. deals')
    .argument('<objectId>', 'record id')
    .addOption(user())
    .addOption(reason())
    .option('--amount <amount>', 'decimal amount in the payment\'s currency (default: everything still refundable)')
    .option('--note <text>', 'a note for the record\'s timeline (required with --reason other)')
    .option('--key <key>', 'idempotency key: the same key again never refunds twice (default: a new one)')
    .addHelpText('after', example('npm run cli -- refund deals 1001 --user 2 --amount 120.50 --reason requested_by_customer --note "Two seats removed"'))
    .action(action((session, objectType: string, objectId: string, options) => refundCommand(session, { objectType, objectId }, options)));

  program
    .command('void')
    .description('cancel a whole payment the provider has not settled yet (Authorize.net, NMI)')
    .argument('<objectType>', 'CRM object type, e.g. deals')
    .argument('<objectId>', 'record id')
    .addOption(user())
    .addOption(reason())
    .option('--note <text>', 'a note for the record\'s timeline (required with --reason other)')
    .option('--key <key>', 'idempotency key: the same key again never voids twice (default: a new one)')
    .addHelpText('after', example('npm run cli -- void deals 1008 --user 1 --reason duplicate'))
    .action(action((session, objectType: string, objectId: string, options) => voidCommand(session, { objectType, objectId }, options)));

  program
    .command('approvals')
    .description('list the refund requests awaiting the user\'s approval, oldest first')
    .addOption(user())
    .addHelpText('after', example('npm run cli -- approvals --user 1'))
    .action(action((session, options: { user: string }) => approvalsCommand(session, options)));

  program
    .command('approve')
    .description('approve a refund request: the refund is sent as it was requested')
    .argument('<attemptId>', 'the request\'s attempt id (see approvals, or show)')
    .addOption(user())
    .option('--note <text>', 'a note for the requester and the timeline')
    .addHelpText('after', example('npm run cli -- approve 5f0c…e1 --user 1 --note "OK, goodwill gesture"'))
    .action(action((session, id: string, options: { user: string; note?: string }) => approveCommand(session, id, options)));

  program
    .command('reject')
    .description('reject a refund request, saying why')
    .argument('<attemptId>', 'the request\'s attempt id')
    .addOption(user())
    .addOption(new Option('--note <text>', 'why it is rejected (the requester reads it)').makeOptionMandatory())
    .addHelpText('after', example('npm run cli -- reject 5f0c…e1 --user 1 --note "Already refunded by cheque"'))
    .action(action((session, id: string, options: { user: string; note: string }) => rejectCommand(session, id, options)));

  program
    .command('cancel')
    .description('withdraw your own refund request')
    .argument('<attemptId>', 'the request\'s attempt id')
    .addOption(user())
    .addHelpText('after', example('npm run cli -- cancel 5f0c…e1 --user 2'))
    .action(action((session, id: string, options: { user: string }) => cancelCommand(session, id, options)));

  const policy = program.command('policy').description('the refund policy: who may refund, how much, who approves (super admins)');
  policy
    .command('show')
    .description('the policy in force and its version')
    .addOption(user())
    .addHelpText('after', example('npm run cli -- policy show --user 1', 'npm run cli -- --json policy show --user 1 > policy.json'))
    .action(action((session, options: { user: string }) => policyShowCommand(session, options)));
  policy
    .command('set')
    .description('save a new version from a JSON file, over the version you read')
    .addOption(user())
    .addOption(new Option('--file <path>', 'the policy as JSON (README, Refund policy)').makeOptionMandatory())
    .addOption(new Option('--from-version <n>', 'the version you read (policy show): someone else\'s newer save is not overwritten').makeOptionMandatory())
    .addHelpText('after', example('npm run cli -- policy set --user 1 --file policy.json --from-version 3'))
    .action(action((session, options: { user: string; file: string; fromVersion: string }) => policySetCommand(session, options)));
  policy
    .command('history')
    .description('the versions, newest first, with who saved them and what changed')
    .addOption(user())
    .option('--limit <n>', 'how many versions (default 20)')
    .addHelpText('after', example('npm run cli -- policy history --user 1'))
    .action(action((session, options: { user: string; limit?: string }) => policyHistoryCommand(session, options)));

  program
    .command('report')
    .description('refunds across records with filters (or their totals with --group-by); approvers and super admins')
    .addOption(user())
    .option('--from <date-time>', 'ISO 8601, e.g. 2026-12-01T00:00:00Z (summary default: 30 days ago)')
    .option('--to <date-time>', 'ISO 8601, exclusive (default: now)')
    .option('--status <list>', 'e.g. succeeded,failed')
    .option('--reason <list>', 'duplicate, fraudulent, requested_by_customer, other')
    .option('--provider <list>', PAYMENT_PROVIDERS.join(', '))
    .option('--requested-by <user ids>', 'HubSpot user ids (provider = made in a dashboard)')
    .option('--currency <list>', 'e.g. USD,EUR')
    .option('--kind <list>', 'refund, void')
    .addOption(new Option('--group-by <what>', 'totals instead of the list').choices(['reason', 'requestedBy', 'provider', 'currency', 'status']))
    .addOption(new Option('--format <format>', 'text for people (default), csv or json').choices(['text', 'csv', 'json']))
    .option('--output <file>', 'write there instead of stdout')
    .option('--limit <n>', 'at most this many rows of the list (default 100000)')
    .addHelpText('after', example('npm run cli -- report --user 1 --from 2026-11-01T00:00:00Z --status succeeded --format csv --output november.csv', 'npm run cli -- report --user 1 --group-by reason'))
    .action(action((session, options: ReportOptions) => reportCommand(session, options)));

  program
    .command('bulk')
    .description('refund many records from a CSV file (columns objectType, objectId, amount, reason, note)')
    .addOption(user())
    .addOption(new Option('--file <path>', 'the CSV file; results are written beside it (name.results.csv)').makeOptionMandatory())
    .option('--dry-run', 'check every row and show what would happen, sending nothing')
    .option('--concurrency <n>', 'rows sent at once (default 4)')
    .addHelpText('after', example('npm run cli -- bulk --user 1 --file refunds.csv --dry-run', 'npm run cli -- bulk --user 1 --file refunds.csv'))
    .action(action((session, options: BulkOptions) => bulkCommand(session, options)));

  program
    .command('resolve')
    .description('look up attempts whose outcome is unknown or pending at their provider (the server does it every minute)')
    .option('--all', 'every such attempt that can no longer be in flight, not just those older than a minute')
    .addHelpText('after', example('npm run cli -- resolve --all'))
    .action(action((session, options: { all?: boolean }) => resolveCommand(session, options)));

  program
    .command('reconcile')
    .description("compare the providers' refunds of recently active payments with the ledger, and record what is missing: refunds that failed after success, refunds made outside the app, pendings that settled (the server does it every hour)")
    .option('--since <period>', 'payments created or changed within this period, e.g. 7d, 24h, 90m (default 7d)')
    .addHelpText('after', example('npm run cli -- reconcile', 'npm run cli -- reconcile --since 30d'))
    .action(action((session, options: { since?: string }) => reconcileCommand(session, options)));

  program
    .command('setup')
    .description('print the HubSpot account id (HUBSPOT_PORTAL_ID), create the "refunds" property group and properties (a second run changes nothing), and print each configured provider\'s webhook URL and events')
    .addHelpText('after', example('HUBSPOT_ACCESS_TOKEN=pat-... HUBSPOT_CLIENT_SECRET=... npm run setup'))
    .action(action((session) => setupCommand(session), { requirePortalId: false }));

  program
    .command('sync-crm')
    .description('write queued refund updates to the CRM now (the server does it every few seconds)')
    .addHelpText('after', example('npm run cli -- sync-crm'))
    .action(action((session) => syncCrmCommand(session)));

  const sandbox = program.command('sandbox').description('sandbox mode tools');
  sandbox
    .command('reset')
    .description('empty the ledger and restore the demo deals and users (sandbox mode only)')
    .addHelpText('after', example('npm run cli -- sandbox reset'))
    .action(action((session) => sandboxResetCommand(session)));

  return program;
}

/** Prints what went wrong for the person at the terminal (or as JSON) and returns the exit code. */
export function report(error: unknown, options: GlobalOptions): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return EXIT.config;
  }
  if (error instanceof AppError) {
    if (options.json) process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }, null, 2)}\n`);
    else process.stderr.write(`${error.code}: ${error.message}\n${problemLines(error)}`);
    return exitCodeOfError(error.code);
  }
  if (error instanceof EmbeddedDatabaseError || error instanceof ListenError) {
    process.stderr.write(`${error.message}\n`);
    return EXIT.unavailable;
  }
  process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT.unexpected;
}

/** An invalid policy's problems, one per line, each with where it is. */
function problemLines(error: AppError): string {
  const problems = error.details?.problems;
  if (!Array.isArray(problems)) return '';
  return problems.map((problem: { path?: unknown; message?: unknown }) => `  ${typeof problem.path === 'string' && problem.path ? `${problem.path}: ` : ''}${String(problem.message)}\n`).join('');
}
