import { readFileSync } from 'node:fs';
import { getPolicy, policyHistory, savePolicy } from '../../application/policy/manage-policy';
import { AppError } from '../../domain/errors';
import type { CliSession } from '../cli-session';
import { EXIT } from '../exit-codes';
import { formatPolicy, formatPolicyHistory } from '../format-policy';
import { userOption } from '../inputs';

export async function policyShowCommand(session: CliSession, options: { user: string }): Promise<number> {
  const user = userOption(options.user);
  const backend = await session.backend();
  const view = await getPolicy(backend.deps, user);
  session.print(view, () => formatPolicy(view));
  return EXIT.ok;
}

/**
 * Saves the policy in a JSON file (the settings page's shape, design §5) over the version the admin read:
 * `--from-version` guards against overwriting someone else's change.
 */
export async function policySetCommand(session: CliSession, options: { user: string; file: string; fromVersion: string }): Promise<number> {
  const user = userOption(options.user);
  let policy: unknown;
  try {
    policy = unwrapShown(JSON.parse(readFileSync(options.file, 'utf8')));
  } catch (error) {
    throw new AppError('INVALID_REQUEST', `--file ${options.file} cannot be read as JSON: ${(error as Error).message}`, { field: 'file' });
  }
  const version = Number(options.fromVersion);
  if (!Number.isInteger(version) || version < 0) throw new AppError('INVALID_REQUEST', '--from-version must be the version number you read (policy show)', { field: 'fromVersion' });
  const backend = await session.backend();
  const { view, changed } = await savePolicy(backend.deps, user, { policy, version }, 'cli');
  session.print(view, () => `${changed ? `Saved as version ${view.version}` : 'Nothing changed: this is the current policy'}.\n${formatPolicy(view)}`);
  return EXIT.ok;
}

/** The file may be the policy itself or what `policy show --json` printed (the policy under `policy`, beside its version). */
function unwrapShown(json: unknown): unknown {
  const shown = json as { policy?: unknown; version?: unknown } | null;
  return typeof shown === 'object' && shown !== null && 'policy' in shown && typeof shown.version === 'number' ? shown.policy : json;
}

export async function policyHistoryCommand(session: CliSession, options: { user: string; limit?: string }): Promise<number> {
  const user = userOption(options.user);
  const backend = await session.backend();
  const page = await policyHistory(backend.deps, user, { limit: Math.min(Math.max(Number(options.limit ?? 20) || 20, 1), 100), beforeVersion: null });
  session.print(page, () => formatPolicyHistory(page.results));
  return EXIT.ok;
}
