import { Button, DateInput, ErrorState, LoadingSpinner, MultiSelect, Text } from '@hubspot/ui-extensions';
import { PageHeader } from '@hubspot/ui-extensions/pages';
import { apiError, fakePageBackend } from './fake-page-backend';
import { renderPages } from './pages-driver';
import { LAST_30_DAYS, paramsOf, reportsBackend, reportsReady } from './reports-driver';
import { spaced } from './renderer-helpers';

afterEach(() => jest.restoreAllMocks());


describe('the reports page: filters (design §7)', () => {
  test('opens on the last 30 days, offering the reps and currencies of the period, with totals by reason and the list', async () => {
    const api = reportsBackend();
    const page = renderPages({ path: '/reports' });
    expect(page.findByTestId(LoadingSpinner, 'reports-loading').props.label).toBe('Loading the reports…');
    await page.waitFor(() => expect(page.findByTestId(MultiSelect, 'filter-rep')).toBeTruthy());
    const summaries = api.calls('GET /api/refunds/summary').map((call) => paramsOf(call.url));
    expect(summaries[0]).toEqual([['groupBy', 'requestedBy'], ['from', LAST_30_DAYS.from], ['to', LAST_30_DAYS.to]]);
    await page.waitFor(() => expect(api.calls('GET /api/refunds')).toHaveLength(1));
    expect(paramsOf(api.calls('GET /api/refunds')[0]!.url)).toEqual([['from', LAST_30_DAYS.from], ['to', LAST_30_DAYS.to], ['limit', '25']]);
    expect(paramsOf(api.calls('GET /api/refunds/summary')[1]!.url)).toEqual([['groupBy', 'reason'], ['from', LAST_30_DAYS.from], ['to', LAST_30_DAYS.to]]);
    expect(page.findByTestId(MultiSelect, 'filter-rep').props.options).toEqual([{ value: '2', label: 'Rita Rep' }, { value: '5', label: 'Sam Support' }]);
    expect(page.findByTestId(MultiSelect, 'filter-currency').props.options).toEqual([{ value: 'EUR', label: 'EUR' }, { value: 'USD', label: 'USD' }]);
    expect(page.findByTestId(MultiSelect, 'filter-provider').props.options.map((option: { label: string }) => option.label)).toEqual(['Stripe', 'Authorize.net', 'NMI', 'PayPal', 'Manual (paid offline)']);
    expect(spaced(page.findByTestId(Text, 'reports-period').text)).toBe('From Feb 3, 2025, 7:00 AM to Mar 5, 2025, 7:00 AM.');
  });

  test('sends every filter, exactly, to the totals and the list', async () => {
    const api = reportsBackend({ groups: { requestedBy: [] } });
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    page.choose('filter-period', '7d');
    page.pick('filter-status', ['succeeded', 'failed']);
    page.pick('filter-reason', ['duplicate', 'not-a-reason']);
    page.pick('filter-rep', ['2']);
    page.pick('filter-provider', ['paypal', 'stripe']);
    page.pick('filter-currency', ['USD']);
    await page.waitFor(() => expect(paramsOf(api.calls('GET /api/refunds').at(-1)!.url)).toContainEqual(['currency', 'USD']));
    const filters = [
      ['from', '2025-02-26T12:00:00.000Z'],
      ['to', '2025-03-05T12:00:00.000Z'],
      ['status', 'succeeded'],
      ['status', 'failed'],
      ['reason', 'duplicate'],
      ['provider', 'stripe'],
      ['provider', 'paypal'],
      ['requestedBy', '2'],
      ['currency', 'USD'],
    ];
    expect(paramsOf(api.calls('GET /api/refunds').at(-1)!.url)).toEqual([...filters, ['limit', '25']]);
    await page.waitFor(() => expect(paramsOf(api.calls('GET /api/refunds/summary').at(-1)!.url)).toEqual([['groupBy', 'reason'], ...filters]));
    // the rep chosen stays offered, named, even when the new period has none of theirs
    expect(page.findByTestId(MultiSelect, 'filter-rep').props.options).toEqual([{ value: '2', label: 'HubSpot user 2' }]);
    expect(paramsOf(api.calls('GET /api/refunds/summary').filter((call) => call.url.searchParams.get('groupBy') === 'requestedBy').at(-1)!.url)).toEqual([
      ['groupBy', 'requestedBy'],
      ['from', '2025-02-26T12:00:00.000Z'],
      ['to', '2025-03-05T12:00:00.000Z'],
    ]);
  });

  test('a custom period runs from the first day\'s start to the last day\'s end, in UTC, and needs both days in order', async () => {
    const api = reportsBackend();
    const page = renderPages({ path: '/reports' });
    await reportsReady(page);
    const lists = () => api.calls('GET /api/refunds').length;
    const before = lists();
    page.choose('filter-period', 'custom');
    expect(page.findByTestId(DateInput, 'filter-to').props.validationMessage).toBe('Choose the first and the last day.');
    page.day('filter-from', 2025, 0, 1);
    page.day('filter-to', 2024, 11, 31);
    expect(page.findByTestId(DateInput, 'filter-to').props).toMatchObject({ error: true, validationMessage: 'The last day cannot be before the first.' });
    expect(lists()).toBe(before);
    page.day('filter-to', 2025, 0, 31);
    expect(page.findByTestId(DateInput, 'filter-to').props.validationMessage).toBeUndefined();
    await page.waitFor(() => expect(lists()).toBe(before + 1));
    expect(paramsOf(api.calls('GET /api/refunds').at(-1)!.url)).toEqual([['from', '2025-01-01T00:00:00.000Z'], ['to', '2025-02-01T00:00:00.000Z'], ['limit', '25']]);
  });

  test('someone who is neither approver nor super admin sees why there are no reports', async () => {
    fakePageBackend({
      'GET /api/refunds/summary': [apiError(403, 'NOT_PERMITTED', 'Refund reports are for approvers and super admins. Ask a super admin to add you as an approver in the refund policy.')],
    });
    const page = renderPages({ path: '/reports' });
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'reports-forbidden').props).toMatchObject({ type: 'lock', title: 'Refund reports are for approvers and super admins' }));
    expect(page.findByTestId(Text, 'reports-forbidden-reason').text).toMatch(/^Refund reports are for approvers and super admins\. Ask a super admin/);
  });

  test('a failure to load says why and loads again on request', async () => {
    const api = reportsBackend();
    api.spy.mockRejectedValueOnce(new Error('socket hang up'));
    const page = renderPages({ path: '/reports' });
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'load-error').props.title).toBe('No answer from the refund service'));
    page.findByTestId(Button, 'load-retry').trigger('onClick');
    await reportsReady(page);
  });
});

describe('the two pages', () => {
  test('share a header that links the approval queue and the reports', async () => {
    const api = fakePageBackend({ 'GET /api/approvals': [{ status: 200, body: { results: [], nextCursor: null } }], 'GET /api/refunds/summary': [{ status: 200, body: { groupBy: 'reason', from: LAST_30_DAYS.from, to: LAST_30_DAYS.to, results: [] } }], 'GET /api/refunds': [{ status: 200, body: { results: [], nextCursor: null } }] });
    const page = renderPages();
    expect(page.findAll(PageHeader.PageLink).map((link) => [link.props.to, link.text])).toEqual([
      ['/', 'Approval queue'],
      ['/reports', 'Refund reports'],
    ]);
    await page.waitFor(() => expect(api.calls('GET /api/approvals')).toHaveLength(1));
    page.mocks.setPageLocation({ path: '/reports', params: {} });
    await page.waitFor(() => expect(page.findByTestId(MultiSelect, 'filter-status')).toBeTruthy());
  });
});
