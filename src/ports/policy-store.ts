import type { Actor } from '../domain/attempt';
import type { PolicyDocument } from '../domain/policy';

export const POLICY_SOURCES = ['default', 'seed', 'locked', 'settings', 'cli'] as const;
/** Where a version came from: the built-in default, the environment (seeded or pinned), the settings page, the CLI. */
export type PolicySource = (typeof POLICY_SOURCES)[number];

export interface PolicyVersion {
  readonly version: number;
  readonly document: PolicyDocument;
  readonly source: PolicySource;
  /** null when the configuration wrote it */
  readonly updatedBy: Actor | null;
  readonly updatedAt: Date;
}

/** The refund policy's versions, kept in the ledger (design §5): every change is a new one, with who and when. */
export interface PolicyStore {
  current(): Promise<PolicyVersion | null>;
  /** Saves as the next version if `expectedVersion` is still the current one (0 when there is none); 'conflict' otherwise. */
  save(document: PolicyDocument, expectedVersion: number, source: PolicySource, updatedBy: Actor | null, at: Date): Promise<PolicyVersion | 'conflict'>;
  /** Newest first. */
  history(page: { readonly limit: number; readonly beforeVersion?: number | null }): Promise<PolicyVersion[]>;
}
