import { Button, Link, Text } from '@hubspot/ui-extensions';
import { apiError } from './fake-page-backend';
import { renderPages } from './pages-driver';
import { LAST_30_DAYS, paramsOf, reportsBackend, reportsReady } from './reports-driver';
import { spaced } from './renderer-helpers';

afterEach(() => jest.restoreAllMocks());

const link = { url: 'https://refunds.example.com/exports/refunds.csv?token=abc.def', expiresAt: '2025-03-05T12:05:00.000Z' };

describe('the CSV export of the filtered list', () => {
  test('asks the backend for a signed link with the filters, and shows it with how long it works', async () => {
    const api = reportsBackend({ exportLink: [{ status: 200, body: link }] });
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    page.pick('filter-reason', ['fraudulent']);
    page.pick('filter-currency', ['EUR']);
    await reportsReady(page);
    page.click('export-make');
    await page.waitFor(() => expect(page.findByTestId(Link, 'export-link').props.href).toEqual({ url: link.url, external: true }));
    expect(page.findByTestId(Link, 'export-link').text).toBe('Download refunds.csv');
    expect(spaced(page.findByTestId(Text, 'export-expiry').text)).toBe(
      'The link works for 5 minutes, until Mar 5, 2025, 7:05 AM, and downloads every refund matching the filters above. Whoever holds it can download, so do not forward it.',
    );
    expect(api.calls('GET /api/refunds/export-link').map((call) => paramsOf(call.url))).toEqual([
      [['from', LAST_30_DAYS.from], ['to', LAST_30_DAYS.to], ['reason', 'fraudulent'], ['currency', 'EUR']],
    ]);
  });

  test('a link made for other filters goes away when the filters change', async () => {
    reportsBackend({ exportLink: [{ status: 200, body: link }] });
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    page.click('export-make');
    await page.waitFor(() => expect(page.findByTestId(Link, 'export-link')).toBeTruthy());
    page.pick('filter-status', ['succeeded']);
    expect(page.maybeFindByTestId(Link, 'export-link')).toBeNull();
    expect(page.findByTestId(Button, 'export-make').text).toBe('Make a CSV link for this list');
  });

  test('a refused link says why', async () => {
    reportsBackend({ exportLink: [apiError(403, 'NOT_PERMITTED', 'Refund reports are for approvers and super admins.')] });
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    page.click('export-make');
    await page.waitFor(() => expect(page.findByTestId(Text, 'export-error').text).toBe('No link: you are not allowed to do this. Refund reports are for approvers and super admins.'));
  });
});
