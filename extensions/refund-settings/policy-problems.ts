import type { PolicyDraft } from './policy-draft';
import type { PolicyProblem } from './policy-schemas';

/** Problems by the field that shows them; the rest (a setting the form has no field for) said above the form. */
export interface PlacedProblems {
  readonly byField: ReadonlyMap<string, readonly string[]>;
  readonly elsewhere: readonly PolicyProblem[];
}

/** The field a problem's path belongs to: "refunders.userIds.0" is about the users picker, "refunders.userIds". */
export function fieldOf(path: string): string {
  return path.replace(/(\.\d+)+$/, '');
}

/** Every field the form shows for this draft, named by its path in the policy. */
export function fieldsOf(draft: PolicyDraft): ReadonlySet<string> {
  const principals = (['refunders', 'approvers'] as const).flatMap((group) => ['superAdmins', 'userIds', 'teamIds', 'roleIds'].map((list) => `${group}.${list}`));
  const limits = draft.limits.flatMap(({ currency }) => [`limits.${currency}`, `limits.${currency}.perRefund`, `limits.${currency}.perDay`]);
  return new Set([...principals, 'limits', ...limits, 'otherCurrencies', 'limitSuperAdmins', 'requireNoteFor', 'approvalExpiresAfterHours']);
}

export function placeProblems(problems: readonly PolicyProblem[], fields: ReadonlySet<string>): PlacedProblems {
  const byField = new Map<string, string[]>();
  const elsewhere: PolicyProblem[] = [];
  for (const problem of problems) {
    const field = fieldOf(problem.path);
    if (!fields.has(field)) {
      elsewhere.push(problem);
      continue;
    }
    const messages = byField.get(field) ?? [];
    if (!messages.includes(problem.message)) messages.push(problem.message);
    byField.set(field, messages);
  }
  return { byField, elsewhere };
}

/** A problem the backend found is no longer shown once its field, or what holds it (a currency row), was edited. */
export function stillApplies(problem: PolicyProblem, edited: ReadonlySet<string>): boolean {
  const field = fieldOf(problem.path);
  return ![...edited].some((key) => field === key || field.startsWith(`${key}.`));
}

/** What a field shows under it: its problems, in one line. */
export function messageAt(placed: PlacedProblems, field: string): string | undefined {
  const messages = placed.byField.get(field);
  return messages && messages.length > 0 ? messages.join(' ') : undefined;
}
