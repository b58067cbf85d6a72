import { type AmountShare, ATTEMPT_STATUSES, type AttemptStatus, shareOf } from '../../domain/attempt';

/**
 * The ledger's SQL takes its status sets from the domain's transition table and shares (src/domain/attempt.ts),
 * written into the statements as literal lists: our own constants, and literals let PostgreSQL match the
 * partial indexes that are defined on the same lists.
 */
export function sqlList(statuses: readonly AttemptStatus[]): string {
  if (statuses.length === 0) return "(NULL)";
  return `(${statuses.map((status) => `'${status}'`).join(', ')})`;
}

export function statusesWithShare(share: AmountShare): AttemptStatus[] {
  return ATTEMPT_STATUSES.filter((status) => shareOf(status) === share);
}

export const IN_FLIGHT = sqlList(statusesWithShare('in_flight'));
export const HELD = sqlList(statusesWithShare('held'));
export const RETURNED = sqlList(statusesWithShare('returned'));
/** what counts toward a refunder's daily total when it did not need approval: money gone or on its way */
export const COUNTS_TOWARD_DAILY = sqlList([...statusesWithShare('returned'), ...statusesWithShare('in_flight')]);
