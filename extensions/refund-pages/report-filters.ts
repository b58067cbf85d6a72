import type { AttemptStatus, RefundReason } from '../shared/api-schemas';
import { unreachable } from '../shared/labels';
import type { ReportQuery } from './refunds-api';
import type { PaymentProvider } from './report-schemas';

export const PERIODS = ['7d', '30d', '90d', '365d', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

/** A day as HubSpot's DateInput gives it (month 0-based). */
export interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly date: number;
}

export interface ReportFilters {
  readonly period: Period;
  /** the custom period's first and last day, both included (UTC days) */
  readonly from: CalendarDay | null;
  readonly to: CalendarDay | null;
  readonly statuses: readonly AttemptStatus[];
  readonly reasons: readonly RefundReason[];
  readonly providers: readonly PaymentProvider[];
  /** HubSpot user ids, or "provider" for refunds made in a provider's dashboard */
  readonly reps: readonly string[];
  readonly currencies: readonly string[];
}

/** The period shown first: the last 30 days, as the summary's own default (src/application/reports/refund-reports.ts). */
export const DEFAULT_DAYS = 30;
export const DEFAULT_FILTERS: ReportFilters = { period: '30d', from: null, to: null, statuses: [], reasons: [], providers: [], reps: [], currencies: [] };

/** An instant range [from, to) as the API takes it (ISO 8601). */
export interface Range {
  readonly from: string;
  readonly to: string;
}

const DAY_MS = 24 * 3_600_000;

export function periodLabel(period: Period): string {
  switch (period) {
    case '7d':
      return 'Last 7 days';
    case '30d':
      return 'Last 30 days';
    case '90d':
      return 'Last 90 days';
    case '365d':
      return 'Last 12 months';
    case 'custom':
      return 'Between two dates';
    default:
      return unreachable(period);
  }
}

/** The instants a period covers, counted back from `now`; a custom period needs both days, the second not before the first. */
export function rangeOf(filters: Pick<ReportFilters, 'period' | 'from' | 'to'>, now: Date): { readonly ok: true; readonly range: Range } | { readonly ok: false; readonly problem: string } {
  const back = (days: number) => ({ ok: true as const, range: rollingRange(days, now) });
  switch (filters.period) {
    case '7d':
      return back(7);
    case '30d':
      return back(30);
    case '90d':
      return back(90);
    case '365d':
      return back(365);
    case 'custom': {
      if (!filters.from || !filters.to) return { ok: false, problem: 'Choose the first and the last day.' };
      const from = Date.UTC(filters.from.year, filters.from.month, filters.from.date);
      const to = Date.UTC(filters.to.year, filters.to.month, filters.to.date) + DAY_MS;
      if (to <= from) return { ok: false, problem: 'The last day cannot be before the first.' };
      return { ok: true, range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() } };
    }
    default:
      return unreachable(filters.period);
  }
}

/** Whether two filters cover the same period (then the range already computed still applies). */
export function samePeriod(a: Pick<ReportFilters, 'period' | 'from' | 'to'>, b: Pick<ReportFilters, 'period' | 'from' | 'to'>): boolean {
  const day = (value: CalendarDay | null) => (value ? `${value.year}-${value.month}-${value.date}` : '');
  return a.period === b.period && day(a.from) === day(b.from) && day(a.to) === day(b.to);
}

/** The last `days` days up to `now`. */
export function rollingRange(days: number, now: Date): Range {
  return { from: new Date(now.getTime() - days * DAY_MS).toISOString(), to: now.toISOString() };
}

/** The API's query for these filters over this range: only what is set, lists as repeated parameters. */
export function reportQuery(filters: ReportFilters, range: Range): ReportQuery {
  const lists: [string, readonly string[]][] = [
    ['status', filters.statuses],
    ['reason', filters.reasons],
    ['provider', filters.providers],
    ['requestedBy', filters.reps],
    ['currency', filters.currencies],
  ];
  return { from: range.from, to: range.to, ...Object.fromEntries(lists.filter(([, values]) => values.length > 0)) };
}
