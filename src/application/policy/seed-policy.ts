import { DEFAULT_POLICY_DOCUMENT, type PolicyDocument, samePolicy } from '../../domain/policy';
import type { Clock } from '../../ports/clock';
import type { Logger } from '../../ports/logger';
import type { PolicyStore } from '../../ports/policy-store';

export interface PolicySeed {
  /** REFUND_POLICY / REFUND_POLICY_FILE, already checked; null when neither is set */
  readonly configured: PolicyDocument | null;
  /** REFUND_POLICY_LOCKED: the configured policy is pinned */
  readonly locked: boolean;
  /** when nothing is configured and the ledger holds nothing (sandbox mode has its demo policy) */
  readonly fallback?: PolicyDocument;
}

/**
 * At start (design §5): the configured policy seeds an empty ledger; a pinned one becomes the current version
 * whenever it differs from it (so the history shows when the configuration changed it). Several instances
 * starting at once settle on one version through the store's optimistic save.
 */
export async function seedPolicy(store: PolicyStore, seed: PolicySeed, clock: Clock, logger: Logger): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    const current = await store.current();
    if (seed.locked && seed.configured) {
      if (current && samePolicy(current.document, seed.configured)) return;
      const saved = await store.save(seed.configured, current?.version ?? 0, 'locked', null, clock.now());
      if (saved !== 'conflict') {
        logger.info('refund policy pinned by the configuration', { version: saved.version });
        return;
      }
      continue;
    }
    if (current) return;
    const document = seed.configured ?? seed.fallback ?? DEFAULT_POLICY_DOCUMENT;
    const saved = await store.save(document, 0, seed.configured ? 'seed' : 'default', null, clock.now());
    if (saved !== 'conflict') return;
  }
  throw new Error('the refund policy could not be seeded: other instances kept changing it');
}
