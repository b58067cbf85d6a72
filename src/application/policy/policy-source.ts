import { type PolicyDocument, parsePolicy, type RefundPolicy } from '../../domain/policy';
import type { Clock } from '../../ports/clock';
import type { PolicyStore, PolicyVersion } from '../../ports/policy-store';

export interface PolicyInForce {
  readonly policy: RefundPolicy;
  readonly version: PolicyVersion;
  /** pinned by the configuration (REFUND_POLICY_LOCKED): the settings page shows it read-only */
  readonly locked: boolean;
}

export interface PolicySource {
  current(): Promise<PolicyInForce>;
  /** after a save on this instance: the next read goes to the ledger */
  forget(): void;
}

/** How long an instance keeps the policy it read; a save elsewhere reaches it within this time. */
export const POLICY_CACHE_MS = 5_000;

/**
 * The policy in force, read from the ledger at most every few seconds per instance and shared by concurrent
 * requests. A stored version that no longer parses (it was valid when saved) stops refunds with an error
 * rather than falling back to something looser.
 */
export function policySource(store: PolicyStore, clock: Clock, locked: boolean): PolicySource {
  let cached: { at: number; value: Promise<PolicyInForce> } | null = null;
  const load = async (): Promise<PolicyInForce> => {
    const version = await store.current();
    if (!version) throw new Error('the ledger holds no refund policy: it is seeded at start');
    return { policy: policyOf(version.document), version, locked };
  };
  return {
    current() {
      const now = clock.now().getTime();
      if (!cached || now - cached.at >= POLICY_CACHE_MS) {
        const value = load();
        cached = { at: now, value };
        value.catch(() => (cached = null));
      }
      return cached.value;
    },
    forget() {
      cached = null;
    },
  };
}

function policyOf(document: PolicyDocument): RefundPolicy {
  const parsed = parsePolicy(document);
  if (!parsed.ok) throw new Error(`the stored refund policy is invalid: ${parsed.problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
  return parsed.policy;
}
