import { fromMinorUnits, type TypedAmountProblem, typedMinorUnits } from '../shared/decimal-amount';
import { unreachable } from '../shared/labels';
import type { LimitDraft, PolicyDraft } from './policy-draft';
import type { PolicyDocument, PolicyProblem } from './policy-schemas';

/** The backend's bounds (src/domain/policy.ts, src/domain/money.ts); it checks again on save. */
export const MAX_APPROVAL_HOURS = 720;
const MAX_DIGITS = 15;

export type DraftCheck = { readonly ok: true; readonly document: PolicyDocument } | { readonly ok: false; readonly problems: readonly PolicyProblem[] };

/**
 * The same checks as the backend's, before anything is sent, with every problem at its path
 * ("limits.USD.perDay"). Amounts are compared as minor units (BigInt) in the currency's decimals, which come
 * from GET /api/policy/options; without them (`decimals` null) the backend alone checks the precision.
 */
export function checkDraft(draft: PolicyDraft, decimals: ReadonlyMap<string, number> | null): DraftCheck {
  const problems: PolicyProblem[] = [];
  const limits: Record<string, { perRefund?: string; perDay?: string }> = {};
  for (const limit of draft.limits) {
    const checked = checkLimit(limit, decimals === null ? null : (decimals.get(limit.currency) ?? null));
    problems.push(...checked.problems);
    limits[limit.currency] = checked.limit;
  }
  const hours = draft.approvalExpiresAfterHours.trim();
  const hoursValue = /^\d{1,4}$/.test(hours) ? Number(hours) : null;
  if (hoursValue === null || hoursValue < 1 || hoursValue > MAX_APPROVAL_HOURS) {
    problems.push({ path: 'approvalExpiresAfterHours', message: `Enter a whole number of hours from 1 to ${MAX_APPROVAL_HOURS} (30 days).` });
  }
  if (problems.length > 0 || hoursValue === null) return { ok: false, problems };
  return {
    ok: true,
    document: {
      refunders: draft.refunders,
      approvers: draft.approvers,
      limits,
      otherCurrencies: draft.otherCurrencies,
      limitSuperAdmins: draft.limitSuperAdmins,
      requireNoteFor: draft.requireNoteFor.includes('other') ? [...draft.requireNoteFor] : [...draft.requireNoteFor, 'other'],
      approvalExpiresAfterHours: hoursValue,
    },
  };
}

function checkLimit(limit: LimitDraft, decimals: number | null): { problems: PolicyProblem[]; limit: { perRefund?: string; perDay?: string } } {
  const problems: PolicyProblem[] = [];
  const amounts: { perRefund?: { minor: bigint; text: string }; perDay?: { minor: bigint; text: string } } = {};
  for (const field of ['perRefund', 'perDay'] as const) {
    const text = limit[field].trim();
    if (text === '') continue;
    // Without the currency's decimals, whatever was typed is as precise as can be told here.
    const precision = decimals ?? (text.split('.')[1]?.length ?? 0);
    const typed = typedMinorUnits(text, precision);
    if (!typed.ok) problems.push({ path: `limits.${limit.currency}.${field}`, message: amountMessage(typed.problem, limit.currency) });
    else if (typed.minor.toString().length > MAX_DIGITS) problems.push({ path: `limits.${limit.currency}.${field}`, message: `The amount has more than ${MAX_DIGITS} digits.` });
    else amounts[field] = { minor: typed.minor, text: decimals === null ? text : fromMinorUnits(typed.minor, decimals) };
  }
  const { perRefund, perDay } = amounts;
  if (perRefund && perDay && perRefund.minor > perDay.minor) {
    problems.push({ path: `limits.${limit.currency}.perRefund`, message: `Above the daily limit (${perDay.text} ${limit.currency}): every refund this size would need approval anyway.` });
  }
  return { problems, limit: { ...(perRefund ? { perRefund: perRefund.text } : {}), ...(perDay ? { perDay: perDay.text } : {}) } };
}

function amountMessage(problem: TypedAmountProblem, currency: string): string {
  switch (problem.kind) {
    case 'empty':
      return 'Enter an amount, or leave it empty for no limit.';
    case 'not_a_number':
      return 'Write the amount as digits with an optional decimal point, like "500.00".';
    case 'too_precise':
      return problem.decimals === 0 ? `${currency} has no decimals: enter a whole amount.` : `${currency} allows at most ${problem.decimals} decimals.`;
    case 'not_positive':
      return 'Enter an amount greater than zero, or leave it empty for no limit.';
    default:
      return unreachable(problem);
  }
}
