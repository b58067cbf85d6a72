import type { Actor } from '../../domain/attempt';
import { displayName } from '../../domain/directory-user';
import { AppError } from '../../domain/errors';
import type { HubSpotUserId } from '../../domain/ids';
import { parsePolicy, type PolicyDocument, samePolicy } from '../../domain/policy';
import type { PolicySource as Origin, PolicyVersion } from '../../ports/policy-store';
import type { RefundDeps } from '../refund-deps';
import { policyChanges } from './policy-changes';

export interface PolicyView {
  readonly policy: PolicyDocument;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: { readonly userId: string; readonly name: string | null; readonly email: string | null } | null;
  readonly source: Origin;
  readonly locked: boolean;
}

export interface PolicyHistoryItem extends Omit<PolicyView, 'locked'> {
  readonly changes: readonly string[];
}

export type PolicyDeps = Pick<RefundDeps, 'users' | 'policies' | 'policyStore' | 'clock' | 'logger'>;

/** Only super admins see and change the policy (design §7). */
export async function superAdmin(deps: PolicyDeps, userId: HubSpotUserId): Promise<Actor> {
  const user = await deps.users.findUser(userId);
  if (!user?.superAdmin) throw new AppError('NOT_PERMITTED', 'Only HubSpot super admins may see and change the refund policy.');
  return { userId, email: user.email, name: displayName(user) };
}

export async function getPolicy(deps: PolicyDeps, userId: HubSpotUserId): Promise<PolicyView> {
  await superAdmin(deps, userId);
  const { version, locked } = await deps.policies.current();
  return { ...viewOf(version), locked };
}

/**
 * Saves a new version if `expectedVersion` is still current (optimistic concurrency); the same policy again
 * changes nothing. Every problem of an invalid policy is listed at once.
 */
export async function savePolicy(
  deps: PolicyDeps,
  userId: HubSpotUserId,
  input: { policy: unknown; version: number },
  source: Origin = 'settings',
): Promise<{ view: PolicyView; changed: boolean }> {
  const actor = await superAdmin(deps, userId);
  const current = await deps.policies.current();
  if (current.locked) {
    throw new AppError('POLICY_LOCKED', 'The refund policy is pinned by the backend configuration (REFUND_POLICY_LOCKED): change it there.');
  }
  const parsed = parsePolicy(input.policy);
  if (!parsed.ok) {
    throw new AppError('INVALID_POLICY', `The refund policy has ${parsed.problems.length} problem${parsed.problems.length > 1 ? 's' : ''}: nothing was saved.`, {
      problems: parsed.problems,
    });
  }
  const latest = (await deps.policyStore.current()) ?? current.version;
  if (samePolicy(latest.document, parsed.document)) return { view: { ...viewOf(latest), locked: false }, changed: false };
  const saved = latest.version === input.version ? await deps.policyStore.save(parsed.document, input.version, source, actor, deps.clock.now()) : 'conflict';
  if (saved === 'conflict') {
    throw new AppError('POLICY_VERSION_CONFLICT', 'Someone else saved the refund policy since you opened it. Reload it and make your change again.', {
      currentVersion: latest.version,
    });
  }
  deps.policies.forget();
  deps.logger.info('refund policy saved', { version: saved.version, by: userId, source });
  return { view: { ...viewOf(saved), locked: false }, changed: true };
}

export async function policyHistory(deps: PolicyDeps, userId: HubSpotUserId, page: { limit: number; beforeVersion: number | null }): Promise<{ results: PolicyHistoryItem[]; nextCursor: string | null }> {
  await superAdmin(deps, userId);
  const versions = await deps.policyStore.history({ limit: page.limit + 1, beforeVersion: page.beforeVersion });
  const shown = versions.slice(0, page.limit);
  const results = shown.map((version, index) => ({ ...viewOf(version), changes: policyChanges(versions[index + 1]?.document ?? null, version.document) }));
  const last = shown.at(-1);
  return { results, nextCursor: versions.length > page.limit && last ? String(last.version) : null };
}

function viewOf(version: PolicyVersion): Omit<PolicyView, 'locked'> {
  return {
    policy: normalised(version.document),
    version: version.version,
    updatedAt: version.updatedAt.toISOString(),
    updatedBy: version.updatedBy ? { userId: version.updatedBy.userId, name: version.updatedBy.name ?? null, email: version.updatedBy.email ?? null } : null,
    source: version.source,
  };
}

/** As stored, in the order the policy is written (the database keeps JSON keys in its own order). */
function normalised(document: PolicyDocument): PolicyDocument {
  const parsed = parsePolicy(document);
  return parsed.ok ? parsed.document : document;
}
