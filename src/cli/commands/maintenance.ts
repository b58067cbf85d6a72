import { resolveAttempts } from '../../application/resolve-attempts';
import { setupCrm } from '../../application/setup-crm';
import { syncCrm } from '../../application/crm-write/sync-crm';
import { ConfigError } from '../../config/config';
import { AppError } from '../../domain/errors';
import type { Config } from '../../config/config';
import type { WebhookEndpoint } from '../../ports/provider-webhooks';
import type { CliSession } from '../cli-session';
import { EXIT } from '../exit-codes';
import { table } from '../format';
import { withProgress } from '../progress-line';

export async function resolveCommand(session: CliSession, options: { all?: boolean }): Promise<number> {
  const backend = await session.backend();
  const report = await withProgress('Looking attempts up at their providers', () =>
    resolveAttempts(backend.deps, options.all ? { olderThanMs: 0, limit: 1000 } : {}),
  );
  session.print(report, () =>
    report.checked === 0
      ? 'Nothing to resolve: no attempt is pending or unknown (attempts younger than the provider timeout are left to their sender).'
      : `Looked up ${report.checked} attempt(s): ${report.resolved} resolved, ${report.stillOpen} still open (the provider could not tell yet).`,
  );
  return report.stillOpen > 0 ? EXIT.notFinal : EXIT.ok;
}

export async function syncCrmCommand(session: CliSession): Promise<number> {
  const backend = await session.backend();
  const report = await withProgress('Writing refund updates to the CRM', () => syncCrm(backend.deps, { limit: 500 }));
  session.print(report, () => `CRM updates delivered: ${report.delivered}; postponed or dropped: ${report.failed}.`);
  return report.failed > 0 ? EXIT.unavailable : EXIT.ok;
}

/** The build's default for HUBSPOT_UI_DOMAIN (extensions/shared/backend-config.ts): only another one needs saying. */
const PAGES_DEFAULT_UI_DOMAIN = 'app.hubspot.com';

/** Runs before HUBSPOT_PORTAL_ID is set (it prints it), and refuses a HUBSPOT_PORTAL_ID of another account than the token's. */
export async function setupCommand(session: CliSession): Promise<number> {
  if (session.config.mode === 'sandbox') {
    process.stderr.write('Sandbox mode: the local CRM stores any property, so there is nothing to create. Set HUBSPOT_ACCESS_TOKEN to set up HubSpot.\n');
  }
  const backend = await session.backend();
  const crm = await withProgress('Creating the refund properties', () => setupCrm(backend, backend.deps.objectTypes));
  const webhooks = webhookSetup(session.config, backend.webhooks);
  const configured = session.config.hubspot.portalId;
  session.print({ ...crm, webhooks }, () =>
    [
      ...(crm.portalId ? [`HubSpot account (portal) id: ${crm.portalId}${configured === crm.portalId ? ' (HUBSPOT_PORTAL_ID)' : `: set HUBSPOT_PORTAL_ID=${crm.portalId} for the server`}`] : []),
      ...(crm.uiDomain && crm.uiDomain !== PAGES_DEFAULT_UI_DOMAIN ? [`HubSpot app domain: ${crm.uiDomain}: build with HUBSPOT_UI_DOMAIN=${crm.uiDomain} so that the Refunds page links to records there`] : []),
      crm.changed === 0 ? 'The refund properties were already in place: nothing changed.' : `Changed ${crm.changed} propert(ies) or group(s):`,
      ...table(crm.changes.filter((change) => change.kind !== 'unchanged').map((change) => [change.kind, change.objectType, change.name])),
      ...describeWebhooks(webhooks, session.config.publicUrl !== null),
    ].join('\n'),
  );
  if (configured && crm.portalId && configured !== crm.portalId) {
    throw new ConfigError([
      `HUBSPOT_PORTAL_ID: is ${configured}, but HUBSPOT_ACCESS_TOKEN belongs to HubSpot account ${crm.portalId}; the server would refuse every request HubSpot signs for that account`,
    ]);
  }
  return EXIT.ok;
}

export async function sandboxResetCommand(session: CliSession): Promise<number> {
  if (session.config.mode !== 'sandbox') {
    throw new AppError('INVALID_REQUEST', 'sandbox reset empties the ledger: it only runs in sandbox mode (without HUBSPOT_ACCESS_TOKEN).');
  }
  const backend = await session.backend();
  if (!backend.sandboxCrm) throw new AppError('INVALID_REQUEST', 'This backend has no sandbox CRM.');
  await backend.sandboxCrm.reset();
  session.print({ reset: true }, () => 'Sandbox reset: the ledger is empty and the demo deals and users are as new.');
  return EXIT.ok;
}

interface WebhookSetup {
  readonly provider: string;
  readonly url: string;
  readonly events: readonly string[];
  /** its signing secret is set: deliveries are verified and applied */
  readonly ready: boolean;
  readonly setUpWith: string;
}

/** For each configured provider: where its webhooks go and which events to subscribe to (README, per provider). */
function webhookSetup(config: Config, endpoints: readonly WebhookEndpoint[]): WebhookSetup[] {
  const origin = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  return endpoints
    .filter((endpoint) => config.providers[endpoint.provider] !== null)
    .map((endpoint) => ({ provider: endpoint.provider, url: `${origin}/webhooks/${endpoint.path}`, events: endpoint.events, ready: endpoint.receiver !== null, setUpWith: endpoint.setUpWith }));
}

function describeWebhooks(webhooks: readonly WebhookSetup[], publicUrlSet: boolean): string[] {
  if (webhooks.length === 0) return ['', 'Webhooks: no payment provider is configured, so there is nothing to subscribe to.'];
  return [
    '',
    `Webhooks (register each URL with its provider${publicUrlSet ? '' : '; set PUBLIC_URL to the address providers reach this backend at'}):`,
    ...webhooks.flatMap((hook) => [
      `  ${hook.provider}: ${hook.url}${hook.ready ? '' : `  (not verified yet: set ${hook.setUpWith})`}`,
      `    events: ${hook.events.join(', ')}`,
    ]),
  ];
}
