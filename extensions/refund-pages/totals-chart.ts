import { decimalsOf, toMinorUnits } from '../shared/decimal-amount';
import type { SummaryGroup, SummaryRow } from './report-schemas';

export interface TotalsChart {
  readonly data: { readonly group: string; readonly value: number }[];
  /** what the bars measure, for the axis */
  readonly measure: string;
}

/** The currencies the totals cover, most refunds first: the chart shows one at a time. */
export function currenciesOf(rows: readonly SummaryRow[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.currency, (counts.get(row.currency) ?? 0) + row.refundedCount);
  return [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([currency]) => currency);
}

/**
 * The bars: refunded amounts of one currency by group, largest first (amounts of different currencies never
 * share an axis). Totals by currency compare the number of refunds instead, which is the same unit everywhere.
 */
export function totalsChart(rows: readonly SummaryRow[], groupBy: SummaryGroup, currency: string): TotalsChart {
  if (groupBy === 'currency') {
    return { measure: 'Refunds', data: rows.map((row) => ({ group: row.label, value: row.refundedCount })).sort((a, b) => b.value - a.value) };
  }
  const inCurrency = rows.filter((row) => row.currency === currency).sort((a, b) => compareDecimals(b.refunded, a.refunded));
  return { measure: `Refunded (${currency})`, data: inCurrency.map((row) => ({ group: row.label, value: drawn(row.refunded) })) };
}

/** Exact order of two decimals of one currency, as minor units. */
function compareDecimals(a: string, b: string): number {
  const decimals = Math.max(decimalsOf(a), decimalsOf(b));
  const x = toMinorUnits(a, decimals) ?? 0n;
  const y = toMinorUnits(b, decimals) ?? 0n;
  return x === y ? 0 : x > y ? 1 : -1;
}

/**
 * HubSpot's BarChart draws only numbers (ChartDataRow values on a linear axis, @hubspot/ui-extensions 0.17.0
 * chart.synced.d.ts). This number is only drawn, never added or compared; the exact decimal is in the table.
 */
function drawn(decimal: string): number {
  return Number(decimal);
}
