import { DateInput, Flex, MultiSelect, Select } from '@hubspot/ui-extensions';
import { ATTEMPT_STATUSES, type AttemptStatus, REFUND_REASONS, type RefundReason } from '../shared/api-schemas';
import { providerLabel, reasonLabel } from '../shared/labels';
import { attemptStatusLabel } from '../shared/status-tags';
import type { Choice } from './period-overview';
import { type CalendarDay, type Period, PERIODS, periodLabel, type ReportFilters } from './report-filters';
import { PAYMENT_PROVIDERS, type PaymentProvider } from './report-schemas';

interface ReportFiltersBarProps {
  readonly filters: ReportFilters;
  /** the reps and currencies with refunds in the period */
  readonly reps: readonly Choice[];
  readonly currencies: readonly Choice[];
  /** what is wrong with the custom period, if anything */
  readonly periodProblem: string | null;
  readonly onChange: (filters: ReportFilters) => void;
}

const only = <T extends string>(values: readonly T[]) => (picked: readonly unknown[]): T[] => values.filter((value) => picked.includes(value));

/** Period, status, reason, rep, provider and currency; every change applies at once to the totals, the list and the export. */
export function ReportFiltersBar({ filters, reps, currencies, periodProblem, onChange }: ReportFiltersBarProps) {
  const multi = (testId: string, label: string, options: readonly Choice[], value: readonly string[], apply: (picked: readonly unknown[]) => ReportFilters) => (
    <MultiSelect testId={testId} name={testId} label={label} placeholder="All" options={[...options]} value={[...value]} onChange={(picked) => onChange(apply(picked))} />
  );
  const day = (testId: 'filter-from' | 'filter-to', label: string, value: CalendarDay | null, apply: (day: CalendarDay | null) => ReportFilters) => (
    <DateInput
      testId={testId}
      name={testId}
      label={label}
      format="medium"
      value={value ?? undefined}
      error={testId === 'filter-to' && periodProblem !== null}
      validationMessage={testId === 'filter-to' ? (periodProblem ?? undefined) : undefined}
      onChange={(picked) => onChange(apply(picked ? { year: picked.year, month: picked.month, date: picked.date } : null))}
    />
  );
  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" gap="sm" wrap="wrap">
        <Select
          testId="filter-period"
          name="filter-period"
          label="Period"
          options={PERIODS.map((period) => ({ value: period, label: periodLabel(period) }))}
          value={filters.period}
          onChange={(value) => {
            const period = PERIODS.find((option) => option === value);
            if (period) onChange({ ...filters, period: period satisfies Period });
          }}
        />
        {filters.period === 'custom' ? day('filter-from', 'First day (UTC)', filters.from, (from) => ({ ...filters, from })) : null}
        {filters.period === 'custom' ? day('filter-to', 'Last day (UTC)', filters.to, (to) => ({ ...filters, to })) : null}
      </Flex>
      <Flex direction="row" gap="sm" wrap="wrap">
        {multi('filter-status', 'Status', ATTEMPT_STATUSES.map((status) => ({ value: status, label: attemptStatusLabel(status) })), filters.statuses, (picked) => ({ ...filters, statuses: only<AttemptStatus>(ATTEMPT_STATUSES)(picked) }))}
        {multi('filter-reason', 'Reason', REFUND_REASONS.map((reason) => ({ value: reason, label: reasonLabel(reason) })), filters.reasons, (picked) => ({ ...filters, reasons: only<RefundReason>(REFUND_REASONS)(picked) }))}
        {multi('filter-rep', 'Requested by', reps, filters.reps, (picked) => ({ ...filters, reps: picked.map(String) }))}
        {multi('filter-provider', 'Provider', PAYMENT_PROVIDERS.map((provider) => ({ value: provider, label: providerLabel(provider) })), filters.providers, (picked) => ({ ...filters, providers: only<PaymentProvider>(PAYMENT_PROVIDERS)(picked) }))}
        {multi('filter-currency', 'Currency', currencies, filters.currencies, (picked) => ({ ...filters, currencies: picked.map(String) }))}
      </Flex>
    </Flex>
  );
}
