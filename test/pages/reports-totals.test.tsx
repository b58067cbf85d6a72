import { BarChart, Select, TableRow, Text } from '@hubspot/ui-extensions';
import { summaryRow } from './pages-fixtures';
import { renderPages } from './pages-driver';
import { BY_REASON, paramsOf, reportsBackend, reportsReady } from './reports-driver';
import { allText } from './renderer-helpers';

afterEach(() => jest.restoreAllMocks());

const BY_PROVIDER = [
  summaryRow('stripe', 'Stripe', 'USD', { refunded: '99999999999999.99', refundedCount: 3 }),
  summaryRow('paypal', 'PayPal', 'USD', { refunded: '12.10', refundedCount: 1 }),
  summaryRow('paypal', 'PayPal', 'JPY', { refunded: '5000', refundedCount: 4 }),
];
const BY_CURRENCY = [summaryRow('USD', 'USD', 'USD', { refunded: '1125.00', refundedCount: 2 }), summaryRow('EUR', 'EUR', 'EUR', { refunded: '40.00', refundedCount: 5 })];

describe('totals over the period (design §7)', () => {
  test('chart the refunded amounts of one currency by reason, largest first, beside the exact figures of every currency', async () => {
    reportsBackend();
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    const chart = page.findByTestId(BarChart, 'totals-chart');
    expect(chart.props.data).toEqual([
      { group: 'Requested by the customer', value: 1025 },
      { group: 'Duplicate', value: 100 },
    ]);
    expect(chart.props.axes).toEqual({ x: { field: 'group', fieldType: 'category', label: 'Reason' }, y: { field: 'value', fieldType: 'linear', label: 'Refunded (USD)' } });
    expect(page.findByTestId(Select, 'totals-currency').props).toMatchObject({ value: 'USD', options: [{ value: 'USD', label: 'USD' }, { value: 'EUR', label: 'EUR' }] });
    expect(allText(page.findByTestId(TableRow, 'totals-requested_by_customer-USD'))).toBe('Requested by the customer $1,025.00 1 $312.00 0');
    expect(allText(page.findByTestId(TableRow, 'totals-fraudulent-EUR'))).toBe('Fraudulent €40.00 1 €0.00 0');

    page.choose('totals-currency', 'EUR');
    expect(page.findByTestId(BarChart, 'totals-chart').props.data).toEqual([{ group: 'Fraudulent', value: 40 }]);
    expect(page.findByTestId(BarChart, 'totals-chart').props.axes.y.label).toBe('Refunded (EUR)');
  });

  test('by provider: the order of the bars comes from the exact amounts, never from a sum across currencies', async () => {
    const api = reportsBackend({ groups: { requestedBy: [], reason: BY_REASON, provider: BY_PROVIDER } });
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    page.choose('totals-group', 'provider');
    await page.waitFor(() => expect(page.findByTestId(BarChart, 'totals-chart').props.axes.x.label).toBe('Provider'));
    expect(paramsOf(api.calls('GET /api/refunds/summary').at(-1)!.url)[0]).toEqual(['groupBy', 'provider']);
    // JPY has the most refunds, so it is charted first; USD and JPY are never on one axis
    expect(page.findByTestId(Select, 'totals-currency').props.value).toBe('JPY');
    expect(page.findByTestId(BarChart, 'totals-chart').props.data).toEqual([{ group: 'PayPal', value: 5000 }]);
    page.choose('totals-currency', 'USD');
    expect((page.findByTestId(BarChart, 'totals-chart').props.data as { group: string }[]).map((row) => row.group)).toEqual(['Stripe', 'PayPal']);
    expect(allText(page.findByTestId(TableRow, 'totals-stripe-USD'))).toBe('Stripe $99,999,999,999,999.99 3 $0.00 0');
  });

  test('by rep, and by currency, where the chart counts refunds: a number of refunds is the same unit in every currency', async () => {
    reportsBackend({ groups: { requestedBy: [summaryRow('2', 'Rita Rep', 'USD', { refunded: '125.00', refundedCount: 2 })], reason: [], currency: BY_CURRENCY } });
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    page.choose('totals-group', 'requestedBy');
    await page.waitFor(() => expect(page.findByTestId(BarChart, 'totals-chart').props.data).toEqual([{ group: 'Rita Rep', value: 125 }]));
    expect(page.maybeFindByTestId(Select, 'totals-currency')).toBeNull();
    page.choose('totals-group', 'currency');
    await page.waitFor(() => expect(page.findByTestId(BarChart, 'totals-chart').props.axes.y.label).toBe('Refunds'));
    expect(page.findByTestId(BarChart, 'totals-chart').props.data).toEqual([
      { group: 'EUR', value: 5 },
      { group: 'USD', value: 2 },
    ]);
    expect(allText(page.findByTestId(TableRow, 'totals-USD-USD'))).toBe('USD $1,125.00 2 $0.00 0');
  });

  test('no refunds in the period is said plainly', async () => {
    reportsBackend({ groups: { requestedBy: [], reason: [] } });
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    expect(page.findByTestId(Text, 'totals-empty').text).toBe('No refunds match these filters in this period.');
    expect(page.maybeFindByTestId(BarChart, 'totals-chart')).toBeNull();
  });
});
