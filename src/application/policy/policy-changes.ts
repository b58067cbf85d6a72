import type { PolicyDocument } from '../../domain/policy';

/**
 * What changed between two versions, in words an admin reads in the history: one line per setting, e.g.
 * "limits.USD.perDay: 2000.00 → 3000.00", "approvers.teamIds: added 12".
 */
export function policyChanges(before: PolicyDocument | null, after: PolicyDocument): string[] {
  if (!before) return ['first version'];
  const changes: string[] = [];
  for (const group of ['refunders', 'approvers'] as const) {
    if (before[group].superAdmins !== after[group].superAdmins) changes.push(`${group}.superAdmins: ${before[group].superAdmins} → ${after[group].superAdmins}`);
    for (const list of ['userIds', 'teamIds', 'roleIds'] as const) {
      const added = after[group][list].filter((id) => !before[group][list].includes(id));
      const removed = before[group][list].filter((id) => !after[group][list].includes(id));
      if (added.length > 0) changes.push(`${group}.${list}: added ${added.join(', ')}`);
      if (removed.length > 0) changes.push(`${group}.${list}: removed ${removed.join(', ')}`);
    }
  }
  const currencies = [...new Set([...Object.keys(before.limits), ...Object.keys(after.limits)])].sort();
  for (const currency of currencies) {
    for (const field of ['perRefund', 'perDay'] as const) {
      const was = before.limits[currency]?.[field];
      const now = after.limits[currency]?.[field];
      if (was !== now) changes.push(`limits.${currency}.${field}: ${was ?? 'none'} → ${now ?? 'none'}`);
    }
  }
  for (const field of ['otherCurrencies', 'limitSuperAdmins', 'approvalExpiresAfterHours'] as const) {
    if (before[field] !== after[field]) changes.push(`${field}: ${String(before[field])} → ${String(after[field])}`);
  }
  if (before.requireNoteFor.join(',') !== after.requireNoteFor.join(',')) {
    changes.push(`requireNoteFor: ${before.requireNoteFor.join(', ') || 'none'} → ${after.requireNoteFor.join(', ') || 'none'}`);
  }
  return changes.length > 0 ? changes : ['no change'];
}
