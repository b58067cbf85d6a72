import { LoadingSpinner, MultiSelect } from '@hubspot/ui-extensions';
import type { renderPages } from './pages-driver';
import type { RefundListItem, SummaryRow } from '../../extensions/refund-pages/report-schemas';
import { type FakeAnswer, fakePageBackend } from './fake-page-backend';
import { summary, summaryRow } from './pages-fixtures';

/** The last 30 days up to NOW (pages-driver.tsx), as the API receives them. */
export const LAST_30_DAYS = { from: '2025-02-03T12:00:00.000Z', to: '2025-03-05T12:00:00.000Z' };

export const BY_REP = [
  summaryRow('2', 'Rita Rep', 'USD', { refunded: '125.00', refundedCount: 2, failedCount: 1 }),
  summaryRow('2', 'Rita Rep', 'EUR', { refunded: '40.00', refundedCount: 1 }),
  summaryRow('5', 'Sam Support', 'USD', { pending: '312.00' }),
];

export const BY_REASON = [
  summaryRow('duplicate', 'Duplicate', 'USD', { refunded: '100.00', refundedCount: 1, failedCount: 1 }),
  summaryRow('requested_by_customer', 'Requested by the customer', 'USD', { refunded: '1025.00', refundedCount: 1, pending: '312.00' }),
  summaryRow('fraudulent', 'Fraudulent', 'EUR', { refunded: '40.00', refundedCount: 1 }),
];

/** A reports backend: the summary answers by its groupBy, the list and the export link from the given answers. */
export function reportsBackend({
  groups = { requestedBy: BY_REP, reason: BY_REASON },
  list = [{ status: 200, body: { results: [] as RefundListItem[], nextCursor: null } }],
  exportLink = [] as (FakeAnswer | Error)[],
}: { groups?: Partial<Record<string, SummaryRow[]>>; list?: Parameters<typeof fakePageBackend>[0]['GET /api/refunds']; exportLink?: (FakeAnswer | Error)[] } = {}) {
  return fakePageBackend({
    'GET /api/refunds/summary': [
      (url: URL) => {
        const groupBy = url.searchParams.get('groupBy') as SummaryRow['key'] & Parameters<typeof summary>[0];
        return { status: 200, body: summary(groupBy, groups[groupBy] ?? []) };
      },
    ],
    'GET /api/refunds': list,
    'GET /api/refunds/export-link': exportLink,
  });
}

/** A query string's parameters, in order, repeated ones included. */
export function paramsOf(url: URL): [string, string][] {
  return [...url.searchParams.entries()];
}

/** The reports page has its filters, totals and list (an earlier test's page must not answer a later test's fake). */
export function reportsReady(page: ReturnType<typeof renderPages>): Promise<void> {
  return page.waitFor(() => {
    page.findByTestId(MultiSelect, 'filter-rep');
    expect(page.maybeFindByTestId(LoadingSpinner, 'totals-loading')).toBeNull();
    expect(page.maybeFindByTestId(LoadingSpinner, 'refunds-loading')).toBeNull();
  });
}
