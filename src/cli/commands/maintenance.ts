import { resolveAttempts } from '../../application/resolve-attempts';
import { setupCrm } from '../../application/setup-crm';
import { syncCrm } from '../../application/crm-write/sync-crm';
import { ConfigError } from '../../config/config';
import { AppError } from '../../domain/errors';
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

/** Runs before HUBSPOT_PORTAL_ID is set (it prints it), and refuses a HUBSPOT_PORTAL_ID of another account than the token's. */
export async function setupCommand(session: CliSession): Promise<number> {
  if (session.config.mode === 'sandbox') {
    process.stderr.write('Sandbox mode: the local CRM stores any property, so there is nothing to create. Set HUBSPOT_ACCESS_TOKEN to set up HubSpot.\n');
  }
  const backend = await session.backend();
  const report = await withProgress('Creating the refund properties', () => setupCrm(backend, backend.deps.objectTypes));
  const configured = session.config.hubspot.portalId;
  session.print(report, () =>
    [
      ...(report.portalId ? [`HubSpot account (portal) id: ${report.portalId}${configured === report.portalId ? ' (HUBSPOT_PORTAL_ID)' : `: set HUBSPOT_PORTAL_ID=${report.portalId} for the server`}`] : []),
      report.changed === 0 ? 'The refund properties were already in place: nothing changed.' : `Changed ${report.changed} propert(ies) or group(s):`,
      ...table(report.changes.filter((change) => change.kind !== 'unchanged').map((change) => [change.kind, change.objectType, change.name])),
    ].join('\n'),
  );
  if (configured && report.portalId && configured !== report.portalId) {
    throw new ConfigError([
      `HUBSPOT_PORTAL_ID: is ${configured}, but HUBSPOT_ACCESS_TOKEN belongs to HubSpot account ${report.portalId}; the server would refuse every request HubSpot signs for that account`,
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
