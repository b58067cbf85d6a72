import { Button, EmptyState, Link, Tag, TableCell, TableRow, Text } from '@hubspot/ui-extensions';
import { listItem } from './pages-fixtures';
import { readBackendConfig } from '../../extensions/shared/backend-config';
import { renderPages } from './pages-driver';
import { LAST_30_DAYS, paramsOf, reportsBackend, reportsReady } from './reports-driver';
import { allText, spaced } from './renderer-helpers';

afterEach(() => jest.restoreAllMocks());

const page1 = [
  listItem({ id: 'r1', objectType: 'deals', objectId: '1001', amount: '120.50' }),
  listItem({ id: 'r2', objectType: 'tickets', objectId: '77', amount: '5000', currency: 'JPY', status: 'failed', reason: 'duplicate', note: null, provider: 'paypal', providerTransactionId: 'CAP-9' }),
  listItem({ id: 'r3', kind: 'void', requestedBy: null, origin: 'provider', provider: 'nmi', providerTransactionId: '42', note: null }),
];
const page2 = [listItem({ id: 'r4', objectId: '1004', amount: '15.750', currency: 'KWD' })];
const page3 = [listItem({ id: 'r5', objectId: '1005' })];

describe('recent refunds across records (design §7)', () => {
  test('links records on the app domain the build was given (an account in the EU data center)', async () => {
    reportsBackend({ list: [{ status: 200, body: { results: page1, nextCursor: null } }] });
    const page = renderPages({ path: '/reports', config: readBackendConfig({ backendUrl: 'https://refunds.example.com', uiDomain: 'app-eu1.hubspot.com' }) });
    await reportsReady(page);
    expect(page.findByTestId(Link, 'refund-record-r1').props.href).toBe('https://app-eu1.hubspot.com/contacts/123/record/0-3/1001');
  });

  test('lists each attempt with a link to its record, its amount, status, reason, requester and payment', async () => {
    reportsBackend({ list: [{ status: 200, body: { results: page1, nextCursor: null } }] });
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    expect(page.findByTestId(Link, 'refund-record-r1').props.href).toBe('https://app.hubspot.com/contacts/123/record/0-3/1001');
    expect(page.findByTestId(Link, 'refund-record-r2').props.href).toBe('https://app.hubspot.com/contacts/123/record/0-5/77');
    expect(page.findByTestId(Link, 'refund-record-r2').text).toBe('Ticket 77');
    expect(page.findByTestId(TableCell, 'refund-amount-r1').text).toBe('Refund of $120.50');
    expect(page.findByTestId(TableCell, 'refund-amount-r2').text).toBe('Refund of ¥5,000');
    expect(page.findByTestId(TableCell, 'refund-amount-r3').text).toBe('Void of $120.50');
    expect(page.findByTestId(Tag, 'refund-status-r2').text).toBe('Failed');
    expect(page.findByTestId(TableCell, 'refund-who-r1').text).toBe('Rita Rep');
    expect(page.findByTestId(TableCell, 'refund-who-r3').text).toBe('Made in the NMI Merchant Control Panel');
    expect(allText(page.findByTestId(TableRow, 'refund-r2'))).toContain('Failed Duplicate payment Rita Rep PayPal CAP-9');
    expect(page.maybeFindByTestId(Button, 'refunds-next')).toBeNull();
  });

  test('pages back and forth with the cursors the API gave', async () => {
    const api = reportsBackend({
      list: [
        { status: 200, body: { results: page1, nextCursor: 'c2' } },
        { status: 200, body: { results: page2, nextCursor: 'c3' } },
        { status: 200, body: { results: page3, nextCursor: null } },
        { status: 200, body: { results: page2, nextCursor: 'c3' } },
      ],
    });
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    expect(page.findByTestId(Button, 'refunds-previous').props.disabled).toBe(true);
    page.click('refunds-next');
    await page.waitFor(() => expect(spaced(page.findByTestId(TableCell, 'refund-amount-r4').text)).toBe('Refund of KWD 15.750'));
    expect(page.findByTestId(Text, 'refunds-page').text).toBe('Page 2');
    page.click('refunds-next');
    await page.waitFor(() => expect(page.findByTestId(TableRow, 'refund-r5')).toBeTruthy());
    expect(page.findByTestId(Button, 'refunds-next').props.disabled).toBe(true);
    page.click('refunds-previous');
    await page.waitFor(() => expect(page.findByTestId(Text, 'refunds-page').text).toBe('Page 2'));
    await page.waitFor(() => expect(page.findByTestId(TableRow, 'refund-r4')).toBeTruthy());
    const cursors = api.calls('GET /api/refunds').map((call) => paramsOf(call.url));
    expect(cursors).toEqual([
      [['from', LAST_30_DAYS.from], ['to', LAST_30_DAYS.to], ['limit', '25']],
      [['from', LAST_30_DAYS.from], ['to', LAST_30_DAYS.to], ['limit', '25'], ['cursor', 'c2']],
      [['from', LAST_30_DAYS.from], ['to', LAST_30_DAYS.to], ['limit', '25'], ['cursor', 'c3']],
      [['from', LAST_30_DAYS.from], ['to', LAST_30_DAYS.to], ['limit', '25'], ['cursor', 'c2']],
    ]);
  });

  test('new filters start again from the first page', async () => {
    const api = reportsBackend({
      list: [
        { status: 200, body: { results: page1, nextCursor: 'c2' } },
        { status: 200, body: { results: page2, nextCursor: 'c3' } },
        { status: 200, body: { results: page1, nextCursor: 'c2' } },
      ],
    });
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    page.click('refunds-next');
    await page.waitFor(() => expect(page.findByTestId(Text, 'refunds-page').text).toBe('Page 2'));
    await reportsReady(page);
    page.pick('filter-status', ['failed']);
    await page.waitFor(() => expect(page.findByTestId(Text, 'refunds-page').text).toBe('Page 1'));
    await reportsReady(page);
    expect(paramsOf(api.calls('GET /api/refunds').at(-1)!.url)).toEqual([['from', LAST_30_DAYS.from], ['to', LAST_30_DAYS.to], ['status', 'failed'], ['limit', '25']]);
  });

  test('no refund matching is said plainly', async () => {
    reportsBackend();
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    expect(page.findByTestId(EmptyState, 'refunds-empty').props.title).toBe('No refunds match');
  });
});
