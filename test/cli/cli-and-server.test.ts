import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, type ServerProcess, startServer } from './cli-process';

/**
 * The README's first command as a user lives it: the server and CLI commands on one data folder, through
 * real processes (compiled JavaScript, the embedded PostgreSQL), in sandbox mode.
 */
describe('the CLI beside a running server', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'refund-cli-'));
  const env = { DATA_DIR: path.join(home, 'data') };
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer(env, home);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('refunds through the server\'s own ledger, and the server sees it at once', async () => {
    const run = await runCli(['refund', 'deals', '1002', '--user', '1', '--amount', '5000', '--reason', 'duplicate', '--key', 'cli-test-0001', '--json'], env, home);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ attempt: { status: 'succeeded', amount: '5000', currency: 'JPY' }, transaction: { refunded: '5000' } });
    const read = await fetch(`${server.url}/api/transactions/deals/1002?userId=1`).then((response) => response.json());
    expect(read).toMatchObject({ transaction: { refunded: '5000', refundable: '115000' }, attempts: [{ amount: '5000', status: 'succeeded' }] });
  });

  it('answers in words by default, and repeats nothing for the same --key', async () => {
    const run = await runCli(['refund', 'deals', '1002', '--user', '1', '--amount', '5000', '--reason', 'duplicate', '--key', 'cli-test-0001'], env, home);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Already sent with this --key: Refund succeeded: JPY 5000 on deals\/1002/);
    const show = await runCli(['show', 'deals', '1002', '--user', '2'], env, home);
    expect(show.stdout).toContain('paid JPY 120000 · refunded 5000 · refundable 115000 · partially_refunded');
    expect(show.stdout).toMatch(/refund\s+JPY 5000\s+succeeded\s+Duplicate\s+Ada Admin/);
  });

  it('validates as the HTTP API does, naming its own options', async () => {
    const noNote = await runCli(['refund', 'deals', '1001', '--user', '2', '--reason', 'other'], env, home);
    expect(noNote.code).toBe(4);
    expect(noNote.stderr).toContain('INVALID_REQUEST: --note: is required when the reason is "other"');
    const badAmount = await runCli(['refund', 'deals', '1002', '--user', '2', '--amount', '1.5', '--reason', 'duplicate'], env, home);
    expect(badAmount.code).toBe(4);
    expect(badAmount.stderr).toMatch(/INVALID_REQUEST: .*JPY/);
    const unknownReason = await runCli(['refund', 'deals', '1001', '--user', '2', '--reason', 'oops'], env, home);
    expect(unknownReason.code).toBe(2);
    expect(unknownReason.stderr).toMatch(/Allowed choices are duplicate, fraudulent, requested_by_customer, other/);
  });

  it('says what happened in its exit code: a decline is 6, a refusal 4', async () => {
    const declined = await runCli(['refund', 'deals', '1006', '--user', '1', '--reason', 'duplicate'], env, home);
    expect(declined.code).toBe(6);
    expect(declined.stdout).toMatch(/Refund FAILED: USD 49.00 on deals\/1006/);
    const noAccess = await runCli(['refund', 'deals', '1001', '--user', '3', '--reason', 'duplicate'], env, home);
    expect(noAccess.code).toBe(4);
    expect(noAccess.stderr).toMatch(/^NOT_PERMITTED: /);
  });

  it('asks for approval above the limit (exit 7), and an approver approves from the command line', async () => {
    const held = await runCli(['refund', 'deals', '1001', '--user', '2', '--amount', '600', '--reason', 'requested_by_customer', '--json'], env, home);
    expect(held.code).toBe(7);
    const attempt = JSON.parse(held.stdout).attempt as { id: string; status: string };
    expect(attempt.status).toBe('awaiting_approval');
    const queue = await runCli(['approvals', '--user', '4'], env, home);
    expect(queue.stdout).toContain(attempt.id);
    const own = await runCli(['approve', attempt.id, '--user', '2'], env, home);
    expect(own.code).toBe(4);
    const approved = await runCli(['approve', attempt.id, '--user', '4', '--note', 'Goodwill'], env, home);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(/Refund succeeded: USD 600.00 on deals\/1001/);
    expect(approved.stdout).toContain('decided by Mona Manager: "Goodwill"');
  });

  it('shows and changes the policy for super admins, with its history', async () => {
    const shown = await runCli(['policy', 'show', '--user', '1', '--json'], env, home);
    const view = JSON.parse(shown.stdout) as { version: number; policy: Record<string, unknown> };
    const file = path.join(home, 'policy.json');
    writeFileSync(file, JSON.stringify({ ...view.policy, approvalExpiresAfterHours: 24 }));
    const saved = await runCli(['policy', 'set', '--user', '1', '--file', file, '--from-version', String(view.version)], env, home);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain(`Saved as version ${view.version + 1}`);
    const stale = await runCli(['policy', 'set', '--user', '1', '--file', file, '--from-version', String(view.version)], env, home);
    expect(stale.stdout).toContain('Nothing changed');
    const history = await runCli(['policy', 'history', '--user', '1'], env, home);
    expect(history.stdout).toContain('approvalExpiresAfterHours: 72 → 24');
    expect((await runCli(['policy', 'show', '--user', '2'], env, home)).code).toBe(4);
  });

  it('saves what policy show --json printed as it is, and lists every problem of an invalid policy', async () => {
    const shown = await runCli(['policy', 'show', '--user', '1', '--json'], env, home);
    const view = JSON.parse(shown.stdout) as { version: number; policy: Record<string, unknown> };
    const file = path.join(home, 'shown-policy.json');
    writeFileSync(file, JSON.stringify({ ...view, policy: { ...view.policy, approvalExpiresAfterHours: 48 } }));
    const saved = await runCli(['policy', 'set', '--user', '1', '--file', file, '--from-version', String(view.version)], env, home);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain(`Saved as version ${view.version + 1}`);
    writeFileSync(file, JSON.stringify({ ...view.policy, limits: { usd: { perRefund: '1' } }, approvalExpiresAfterHours: 0 }));
    const invalid = await runCli(['policy', 'set', '--user', '1', '--file', file, '--from-version', String(view.version + 1)], env, home);
    expect(invalid.code).toBe(4);
    expect(invalid.stderr).toMatch(/^INVALID_POLICY: The refund policy has 2 problems: nothing was saved\.\n {2}approvalExpiresAfterHours: .+\n {2}limits\.usd: write the currency code in capitals: USD\n$/);
  });

  it('runs a bulk file beside the server: bad rows named, a dry run, a run, a harmless rerun', async () => {
    const lines = ['objectType,objectId,amount,reason,note', ...Array.from({ length: 27 }, (_, n) => `deals,1002,${100 + n},duplicate,row ${n}`), 'deals,1002,1.5,duplicate,', 'deals,x,1,duplicate,', 'deals,1002,1,other,'];
    const file = path.join(home, 'bulk.csv');
    writeFileSync(file, lines.join('\n'));
    const dry = await runCli(['bulk', '--user', '1', '--file', file, '--dry-run'], env, home);
    expect(dry.code).toBe(6);
    expect(dry.stderr).toContain('30 row(s), 2 with problems.');
    expect(dry.stdout).toMatch(/line 29\s+deals\/1002\s+refused: JPY has no decimals/);
    const run = await runCli(['bulk', '--user', '1', '--file', file], env, home);
    expect(run.code).toBe(6);
    expect(run.stdout).toMatch(/27 refunded, 1 refused, 2 invalid/);
    const rerun = await runCli(['bulk', '--user', '1', '--file', file, '--json'], env, home);
    expect(JSON.parse(rerun.stdout).outcomes).toEqual({ already_done: 27, refused: 1, invalid: 2 });
    const report = await runCli(['report', '--user', '1', '--provider', 'stripe', '--format', 'csv'], env, home);
    const viaApi = await fetch(`${server.url}/api/refunds?userId=1&provider=stripe&limit=500&format=csv`).then((response) => response.text());
    expect(report.stdout).toBe(viaApi);
    const summary = await runCli(['report', '--user', '1', '--group-by', 'currency'], env, home);
    expect(summary.stdout).toMatch(/JPY\s+JPY\s+\d+\s+\d+/);
  });

  it('refuses a second server on the same data folder, naming the process that holds it', async () => {
    const second = await runCli(['serve'], { ...env, PORT: '0' }, home);
    expect(second.code).toBe(5);
    expect(second.stderr).toMatch(/is already in use by another backend server \(process \d+, running since/);
  });

  it('refuses a port in use, naming it', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runCli(['serve'], { DATA_DIR: path.join(home, 'other-data'), PORT: String(port) }, home);
      expect(run.code).toBe(5);
      expect(run.stderr).toContain(`PORT ${port} on 127.0.0.1 is already in use by another program`);
    } finally {
      blocker.close();
    }
  });

  // Deal 1002 so far: JPY 5000 from the first test, and the bulk file's 27 refunds of JPY 100 to 126 (3051).
  const refundedSoFar = '8051';

  it('keeps the refunds across a restart of the server', async () => {
    expect(await server.stop()).toBe(0);
    server = await startServer(env, home);
    const read = await fetch(`${server.url}/api/transactions/deals/1002?userId=1`).then((response) => response.json());
    expect(read).toMatchObject({ transaction: { refunded: refundedSoFar } });
  });

  it('reconciles beside the server: a summary naming what the simulated providers cannot compare, and --since checked', async () => {
    const run = await runCli(['reconcile', '--since', '30d'], env, home);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Compared \d+ payment\(s\) created or changed since /);
    expect(run.stdout).toContain('stripe: ');
    expect(run.stdout).toContain('this backend reads nothing back from it');
    const bad = await runCli(['reconcile', '--since', 'a week'], env, home);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toContain('--since takes a period such as 7d, 24h or 90m');
  });

  it('prints the webhook URL and events of each configured provider on setup', async () => {
    const providers = { STRIPE_SECRET_KEY: 'sk_test_51setupexample', STRIPE_WEBHOOK_SECRET: 'whsec_setupexample', NMI_SECURITY_KEY: 'nmi-setup-key', PUBLIC_URL: 'https://refunds.example.com' };
    const run = await runCli(['setup'], { ...env, ...providers }, home);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Webhooks (register each URL with its provider):');
    expect(run.stdout).toContain('  stripe: https://refunds.example.com/webhooks/stripe\n    events: refund.created, refund.updated, refund.failed, charge.refunded, charge.refund.updated, charge.dispute.created');
    expect(run.stdout).toContain('  nmi: https://refunds.example.com/webhooks/nmi  (not verified yet: set NMI_WEBHOOK_SIGNING_KEY)');
    expect(run.stdout).not.toContain('paypal:');
    const json = await runCli(['--json', 'setup'], { ...env, ...providers }, home);
    expect(JSON.parse(json.stdout).webhooks).toEqual([
      expect.objectContaining({ provider: 'stripe', url: 'https://refunds.example.com/webhooks/stripe', ready: true }),
      expect.objectContaining({ provider: 'nmi', ready: false, setUpWith: 'NMI_WEBHOOK_SIGNING_KEY' }),
    ]);
  });

  it('runs alone too: starts the database for the command and stops it after', async () => {
    expect(await server.stop()).toBe(0);
    const run = await runCli(['show', 'deals', '1002', '--user', '1', '--json'], env, home);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ transaction: { refunded: refundedSoFar } });
    server = await startServer(env, home);
    expect(await fetch(`${server.url}/healthz`).then((response) => response.status)).toBe(200);
  });

  it('has help with an example for every command, and a version', async () => {
    for (const command of ['serve', 'show', 'refund', 'void', 'approvals', 'approve', 'reject', 'cancel', 'report', 'bulk', 'resolve', 'reconcile', 'setup', 'sync-crm']) {
      const help = await runCli([command, '--help'], env, home);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Example/);
    }
    expect((await runCli(['--version'], env, home)).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
