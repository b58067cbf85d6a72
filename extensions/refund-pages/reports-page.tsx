import { Divider, ErrorState, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { PageTitle } from '@hubspot/ui-extensions/pages';
import { useCallback, useState } from 'react';
import { formatDate } from '../shared/date-format';
import { unreachable } from '../shared/labels';
import { LoadError } from '../shared/load-error';
import { useApiRead } from '../shared/use-api-read';
import { ExportSection } from './export-section';
import { usePagesServices } from './pages-services';
import { periodChoices } from './period-overview';
import type { ReportQuery } from './refunds-api';
import { DEFAULT_DAYS, DEFAULT_FILTERS, type Range, rangeOf, type ReportFilters, reportQuery, rollingRange, samePeriod } from './report-filters';
import { ReportFiltersBar } from './report-filters-bar';
import { RefundsList } from './refunds-list';
import { TotalsSection } from './totals-section';

interface Applied {
  readonly range: Range;
  readonly query: ReportQuery;
}

/**
 * Refunds across records for approvers and super admins (design §7): filters, totals with a chart, the list
 * and its CSV. Someone else sees why not. A rolling period ends when the period was last chosen.
 */
export function ReportsPage() {
  const { api, now, locale, timeZone } = usePagesServices();
  const [filters, setFilters] = useState<ReportFilters>(DEFAULT_FILTERS);
  const [applied, setApplied] = useState<Applied>(() => {
    const range = rollingRange(DEFAULT_DAYS, now());
    return { range, query: reportQuery(DEFAULT_FILTERS, range) };
  });
  const [periodProblem, setPeriodProblem] = useState<string | null>(null);
  // The reps and currencies with refunds in the period; also where a viewer without access learns it.
  const readOverview = useCallback(() => api.summary({ from: applied.range.from, to: applied.range.to }, 'requestedBy'), [api, applied.range]);
  const { state: overview, reload } = useApiRead(readOverview);

  const change = (next: ReportFilters) => {
    setFilters(next);
    if (!samePeriod(next, filters)) {
      const range = rangeOf(next, now());
      setPeriodProblem(range.ok ? null : range.problem);
      if (range.ok) setApplied({ range: range.range, query: reportQuery(next, range.range) });
    } else {
      // the other filters apply at once, over the last period that was complete
      setApplied({ range: applied.range, query: reportQuery(next, applied.range) });
    }
  };

  switch (overview.phase) {
    case 'loading':
      return <LoadingSpinner testId="reports-loading" label="Loading the reports…" showLabel layout="centered" />;
    case 'failed':
      if (overview.error.code === 'NOT_PERMITTED') {
        return (
          <ErrorState testId="reports-forbidden" type="lock" title="Refund reports are for approvers and super admins">
            <Text testId="reports-forbidden-reason">{overview.error.message}</Text>
          </ErrorState>
        );
      }
      return <LoadError error={overview.error} onRetry={reload} />;
    case 'ready':
      break;
    default:
      return unreachable(overview);
  }
  const choices = periodChoices(overview.value.results, filters.reps, filters.currencies);
  return (
    <Flex direction="column" gap="md">
      <PageTitle>Refund reports</PageTitle>
      <ReportFiltersBar filters={filters} reps={choices.reps} currencies={choices.currencies} periodProblem={periodProblem} onChange={change} />
      <Text testId="reports-period">{`From ${formatDate(applied.range.from, locale, timeZone)} to ${formatDate(applied.range.to, locale, timeZone)}.`}</Text>
      <TotalsSection query={applied.query} />
      <Divider />
      <RefundsList query={applied.query} />
      <Divider />
      <ExportSection query={applied.query} />
    </Flex>
  );
}
