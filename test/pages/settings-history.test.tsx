import { Button, EmptyState, TableCell, TableRow, Text } from '@hubspot/ui-extensions';
import { apiError, fakePageBackend } from './fake-page-backend';
import { historyItem, policyOptions, policyView } from './policy-fixtures';
import { allText, spaced } from './renderer-helpers';
import { renderSettings } from './settings-driver';

afterEach(() => jest.restoreAllMocks());

function backend(history: Parameters<typeof fakePageBackend>[0]['GET /api/policy/history']) {
  return fakePageBackend({
    'GET /api/policy': [{ status: 200, body: policyView() }],
    'GET /api/policy/options': [{ status: 200, body: policyOptions() }],
    'GET /api/policy/history': history,
  });
}

describe('the versions of the policy', () => {
  test('lists who saved each version, when, from where and what changed, and pages back to the first', async () => {
    const api = backend([
      {
        status: 200,
        body: {
          results: [
            historyItem(3, ['approvers.teamIds: added 9', 'limits.USD.perDay: none → 1000.00']),
            historyItem(2, ['otherCurrencies: no_limit → needs_approval'], { updatedAt: '2025-02-01T08:00:00.000Z', source: 'cli', updatedBy: { userId: '4', name: null, email: 'mona@example.com' } }),
          ],
          nextCursor: '2',
        },
      },
      { status: 200, body: { results: [historyItem(1, ['first version'], { source: 'seed', updatedBy: null })], nextCursor: null } },
    ]);
    const page = renderSettings();
    await page.ready();
    expect(allText(page.findByTestId(TableCell, 'history-changes-3'))).toBe('approvers.teamIds: added 9 limits.USD.perDay: none → 1000.00');
    expect(page.findByTestId(TableCell, 'history-who-3').text).toBe('Ada Admin, from this settings page');
    expect(page.findByTestId(TableCell, 'history-who-2').text).toBe('mona@example.com, from the command line');
    expect(spaced(page.findByTestId(TableCell, 'history-when-2').text)).toBe('Feb 1, 2025, 3:00 AM');
    expect(api.calls('GET /api/policy/history').map((call) => call.url.search)).toEqual(['?limit=10']);

    page.click('history-older');
    await page.waitFor(() => expect(page.findByTestId(TableRow, 'history-row-1')).toBeTruthy());
    expect(api.calls('GET /api/policy/history').map((call) => call.url.search)).toEqual(['?limit=10', '?limit=10&cursor=2']);
    expect(page.findByTestId(TableCell, 'history-who-1').text).toBe("The backend, from the backend's configuration (REFUND_POLICY)");
    expect(page.findAll(TableRow).filter((row) => row.props.testId?.startsWith('history-row-')).map((row) => row.props.testId)).toEqual(['history-row-3', 'history-row-2', 'history-row-1']);
    expect(page.maybeFindByTestId(Button, 'history-older')).toBeNull();
  });

  test('an older page that fails keeps what is shown and says why', async () => {
    backend([
      { status: 200, body: { results: [historyItem(3, ['first version'])], nextCursor: '3' } },
      apiError(503, 'LEDGER_UNAVAILABLE', 'The ledger is not answering.'),
    ]);
    const page = renderSettings();
    await page.ready();
    page.click('history-older');
    await page.waitFor(() => expect(page.findByTestId(Text, 'history-older-error').text).toBe('The older versions could not be loaded: The ledger is not answering.'));
    expect(page.findByTestId(TableRow, 'history-row-3')).toBeTruthy();
    expect(page.findByTestId(Button, 'history-older').props.disabled).toBe(false);
  });

  test('no saved version yet is said plainly', async () => {
    backend([{ status: 200, body: { results: [], nextCursor: null } }]);
    const page = renderSettings();
    await page.ready();
    expect(page.findByTestId(EmptyState, 'history-empty').props.title).toBe('No saved versions yet');
  });
});
