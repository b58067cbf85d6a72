import { BarChart, Flex, Heading, Select, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import { useCallback, useState } from 'react';
import { Loaded } from '../shared/loaded';
import { unreachable } from '../shared/labels';
import { formatMoney } from '../shared/money-format';
import { useApiRead } from '../shared/use-api-read';
import { usePagesServices } from './pages-services';
import type { ReportQuery } from './refunds-api';
import type { Summary, SummaryGroup, SummaryRow } from './report-schemas';
import { currenciesOf, totalsChart } from './totals-chart';

/** What the page offers to group by; the API also groups by status. */
const GROUPS = ['reason', 'requestedBy', 'provider', 'currency'] as const satisfies readonly SummaryGroup[];
type Group = (typeof GROUPS)[number];

function groupLabel(group: SummaryGroup): string {
  switch (group) {
    case 'reason':
      return 'Reason';
    case 'requestedBy':
      return 'Rep';
    case 'provider':
      return 'Provider';
    case 'currency':
      return 'Currency';
    case 'status':
      return 'Status';
    default:
      return unreachable(group);
  }
}

/** Totals of the filtered refunds over the period by reason, rep, provider or currency: a chart and the exact figures. */
export function TotalsSection({ query }: { query: ReportQuery }) {
  const { api, locale } = usePagesServices();
  const [groupBy, setGroupBy] = useState<Group>('reason');
  const [chosenCurrency, setChosenCurrency] = useState<string | null>(null);
  const read = useCallback(() => api.summary(query, groupBy), [api, query, groupBy]);
  const { state, reload } = useApiRead(read);

  // labels from the answer's groupBy, so that they match its rows while a new grouping is on its way
  const totals = ({ results: rows, groupBy: shownGroup }: Summary) => {
    if (rows.length === 0) return <Text testId="totals-empty">No refunds match these filters in this period.</Text>;
    const currencies = currenciesOf(rows);
    const currency = chosenCurrency !== null && currencies.includes(chosenCurrency) ? chosenCurrency : (currencies[0] ?? '');
    const chart = totalsChart(rows, shownGroup, currency);
    return (
      <Flex direction="column" gap="sm">
        {shownGroup === 'currency' || currencies.length < 2 ? null : (
          <Select
            testId="totals-currency"
            name="totals-currency"
            label="Chart the amounts in"
            description="Amounts in different currencies are never added together."
            options={currencies.map((code) => ({ value: code, label: code }))}
            value={currency}
            onChange={(value) => setChosenCurrency(String(value))}
          />
        )}
        <BarChart
          testId="totals-chart"
          data={chart.data}
          axes={{ x: { field: 'group', fieldType: 'category', label: groupLabel(shownGroup) }, y: { field: 'value', fieldType: 'linear', label: chart.measure } }}
          options={{ showDataLabels: true, showTooltips: true }}
        />
        <TotalsTable rows={rows} groupBy={shownGroup} locale={locale} />
      </Flex>
    );
  };

  return (
    <Flex direction="column" gap="sm">
      <Heading>Totals</Heading>
      <Select
        testId="totals-group"
        name="totals-group"
        label="By"
        options={GROUPS.map((group) => ({ value: group, label: groupLabel(group) }))}
        value={groupBy}
        onChange={(value) => setGroupBy(GROUPS.find((group) => group === value) ?? 'reason')}
      />
      <Loaded state={state} spinner={{ testId: 'totals-loading', label: 'Adding up…' }} onRetry={reload}>
        {(answer) => totals(answer.value)}
      </Loaded>
    </Flex>
  );
}

function TotalsTable({ rows, groupBy, locale }: { rows: readonly SummaryRow[]; groupBy: SummaryGroup; locale: string | undefined }) {
  const sorted = [...rows].sort((a, b) => a.label.localeCompare(b.label) || a.currency.localeCompare(b.currency));
  return (
    <Table testId="totals" bordered>
      <TableHead>
        <TableRow>
          <TableHeader>{groupLabel(groupBy)}</TableHeader>
          <TableHeader>Refunded</TableHeader>
          <TableHeader>Refunds</TableHeader>
          <TableHeader>Pending or awaiting approval</TableHeader>
          <TableHeader>Failed</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map((row) => (
          <TableRow key={`${row.key}-${row.currency}`} testId={`totals-${row.key}-${row.currency}`}>
            <TableCell>{row.label}</TableCell>
            <TableCell>{formatMoney(row.refunded, row.currency, locale)}</TableCell>
            <TableCell>{String(row.refundedCount)}</TableCell>
            <TableCell>{formatMoney(row.pending, row.currency, locale)}</TableCell>
            <TableCell>{String(row.failedCount)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
