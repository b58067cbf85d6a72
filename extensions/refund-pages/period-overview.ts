import type { SummaryRow } from './report-schemas';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

/**
 * The reps and currencies that have refunds in the period, from the totals by rep (one row per rep and
 * currency): what the filters offer. A rep already chosen stays offered even if the period has none of theirs.
 */
export function periodChoices(rows: readonly SummaryRow[], chosenReps: readonly string[], chosenCurrencies: readonly string[]): { reps: Choice[]; currencies: Choice[] } {
  const reps = new Map<string, string>();
  for (const row of rows) reps.set(row.key, row.label);
  for (const id of chosenReps) if (!reps.has(id)) reps.set(id, id === 'provider' ? "Made in the provider's dashboard" : `HubSpot user ${id}`);
  const currencies = [...new Set([...rows.map((row) => row.currency), ...chosenCurrencies])].sort();
  return {
    reps: [...reps].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label)),
    currencies: currencies.map((code) => ({ value: code, label: code })),
  };
}
