import { Alert, Button, Checkbox, Input, LoadingButton, MultiSelect, Select, Table, Text, ToggleGroup } from '@hubspot/ui-extensions';
import { apiError, fakePageBackend } from './fake-page-backend';
import { historyItem, policyDocument, policyOptions, policyView } from './policy-fixtures';
import { allText, spaced } from './renderer-helpers';
import { renderSettings } from './settings-driver';

afterEach(() => jest.restoreAllMocks());

const history = { status: 200, body: { results: [historyItem(3, ['limits.USD.perDay: none → 1000.00'])], nextCursor: null } };

function backend(overrides: Parameters<typeof fakePageBackend>[0] = {}) {
  return fakePageBackend({
    'GET /api/policy': [{ status: 200, body: policyView() }],
    'GET /api/policy/options': [{ status: 200, body: policyOptions() }],
    'GET /api/policy/history': [history],
    ...overrides,
  });
}

describe('the settings page edits the refund policy (design §5)', () => {
  test('shows the policy read, with people, teams and roles by name', async () => {
    backend();
    const page = renderSettings();
    await page.ready();
    expect(spaced(page.findByTestId(Text, 'policy-version').text)).toBe('Version 3, saved Mar 4, 2025, 10:30 AM by Ada Admin from this settings page.');
    const users = page.findByTestId(MultiSelect, 'refunders.userIds');
    expect(users.props.value).toEqual(['2']);
    expect(users.props.options).toEqual([
      { value: '1', label: 'Ada Admin (ada@example.com), super admin' },
      { value: '4', label: 'Mona Manager (mona@example.com)' },
      { value: '2', label: 'Rita Rep (rita@example.com)' },
    ]);
    expect(page.findByTestId(MultiSelect, 'approvers.teamIds').props).toMatchObject({ value: ['9'], options: [{ value: '9', label: 'Finance' }, { value: '7', label: 'Support' }] });
    expect(page.findByTestId(Checkbox, 'refunders.superAdmins').props.checked).toBe(true);
    expect(page.findByTestId(Input, 'limit-USD-perRefund').props).toMatchObject({ value: '500.00', description: 'Up to 2 decimals' });
    expect(page.findByTestId(Input, 'limit-JPY-perDay').props).toMatchObject({ value: '', description: 'A whole amount' });
    expect(page.findByTestId(Select, 'limit-add').props.options.map((option: { value: unknown }) => option.value)).toEqual(['EUR', 'KWD']);
    expect(page.findByTestId(ToggleGroup, 'otherCurrencies').props.value).toBe('needs_approval');
    expect(page.findByTestId(ToggleGroup, 'requireNoteFor').props.value).toEqual(['other']);
    expect(page.findByTestId(Input, 'approvalExpiresAfterHours').props.value).toBe('72');
    expect(page.findByTestId(LoadingButton, 'policy-save').props.disabled).toBe(true);
    expect(page.findByTestId(Text, 'policy-unchanged').text).toBe('No unsaved changes.');
  });
});

describe('saving', () => {
  test('sends every change over the version read, then shows the new version and its history', async () => {
    const saved = policyDocument({
      refunders: { superAdmins: true, userIds: ['2', '4'], teamIds: ['7'], roleIds: ['30'] },
      approvers: { superAdmins: false, userIds: [], teamIds: ['9'], roleIds: [] },
      limits: { USD: { perRefund: '250.50', perDay: '1000.00' }, EUR: { perDay: '300.00' } },
      otherCurrencies: 'no_limit',
      limitSuperAdmins: true,
      requireNoteFor: ['fraudulent', 'other'],
      approvalExpiresAfterHours: 48,
    });
    const api = backend({
      'PUT /api/policy': [{ status: 200, body: policyView({ version: 4, policy: saved, updatedAt: '2025-03-05T09:00:00.000Z' }) }],
      'GET /api/policy/history': [history, { status: 200, body: { results: [historyItem(4, ['limitSuperAdmins: false → true']), historyItem(3, ['first version'])], nextCursor: null } }],
    });
    const page = renderSettings();
    await page.ready();
    page.pick('refunders.userIds', ['2', '4']);
    page.pick('refunders.roleIds', ['30']);
    page.tick('approvers.superAdmins', false);
    page.type('limit-USD-perRefund', '250.5');
    page.click('limit-JPY-remove');
    page.addCurrency('EUR');
    page.type('limit-EUR-perDay', ' 300 ');
    page.choose('otherCurrencies', 'no_limit');
    page.tick('limitSuperAdmins', true);
    page.choose('requireNoteFor', ['fraudulent', 'other']);
    page.type('approvalExpiresAfterHours', '48');
    expect(page.maybeFindByTestId(Text, 'policy-unchanged')).toBeNull();
    page.save();
    await page.waitFor(() => expect(page.findByTestId(Alert, 'save-outcome').props.title).toBe('Saved as version 4'));

    expect(api.calls('PUT /api/policy').map((call) => call.body)).toEqual([{ policy: saved, version: 3 }]);
    expect(spaced(page.findByTestId(Text, 'policy-version').text)).toBe('Version 4, saved Mar 5, 2025, 4:00 AM by Ada Admin from this settings page.');
    expect(page.findByTestId(Input, 'limit-USD-perRefund').props.value).toBe('250.50');
    expect(page.findByTestId(LoadingButton, 'policy-save').props.disabled).toBe(true);
    await page.waitFor(() => expect(allText(page.findByTestId(Table, 'history'))).toContain('limitSuperAdmins: false → true'));
    expect(api.calls('GET /api/policy/history')).toHaveLength(2);
  });

  test('an amount written differently saves nothing new: the backend keeps the version', async () => {
    const api = backend({ 'PUT /api/policy': [{ status: 200, body: policyView() }] });
    const page = renderSettings();
    await page.ready();
    page.type('limit-USD-perDay', '1000');
    page.save();
    await page.waitFor(() => expect(page.findByTestId(Alert, 'save-outcome').props.title).toBe('Nothing changed: still version 3'));
    expect(api.calls('PUT /api/policy')[0]?.body).toMatchObject({ policy: { limits: { USD: { perRefund: '500.00', perDay: '1000.00' } } }, version: 3 });
  });

  test('"other" always needs a note: it cannot be unticked', async () => {
    backend();
    const page = renderSettings();
    await page.ready();
    const reasons = page.findByTestId(ToggleGroup, 'requireNoteFor');
    expect(reasons.props.options.find((option: { value: string }) => option.value === 'other')).toMatchObject({ readOnly: true });
    page.choose('requireNoteFor', ['duplicate']);
    expect(page.findByTestId(ToggleGroup, 'requireNoteFor').props.value).toEqual(['duplicate', 'other']);
  });

  test('says what a rule that names nobody means', async () => {
    backend();
    const page = renderSettings();
    await page.ready();
    expect(page.maybeFindByTestId(Text, 'approvers-nobody')).toBeNull();
    page.tick('approvers.superAdmins', false);
    page.pick('approvers.teamIds', []);
    expect(page.findByTestId(Text, 'approvers-nobody').text).toBe('Nobody approves: a refund above a limit is refused instead of waiting for approval.');
    page.pick('refunders.userIds', []);
    page.pick('refunders.teamIds', []);
    page.tick('refunders.superAdmins', false);
    expect(page.findByTestId(Text, 'refunders-nobody').text).toBe('Nobody may refund: the Refund card only shows payments.');
  });

  test('discarding goes back to the version read', async () => {
    backend();
    const page = renderSettings();
    await page.ready();
    page.type('limit-USD-perRefund', '1');
    page.pick('approvers.userIds', ['4']);
    page.click('policy-discard');
    expect(page.findByTestId(Input, 'limit-USD-perRefund').props.value).toBe('500.00');
    expect(page.findByTestId(MultiSelect, 'approvers.userIds').props.value).toEqual([]);
    expect(page.findByTestId(Button, 'policy-discard').props.disabled).toBe(true);
  });

  test('a save that gets no answer keeps the changes and says so', async () => {
    const api = backend({ 'PUT /api/policy': [new Error('Failed to fetch'), apiError(503, 'LEDGER_UNAVAILABLE', 'The ledger is busy.')] });
    const page = renderSettings();
    await page.ready();
    page.type('approvalExpiresAfterHours', '24');
    page.save();
    await page.waitFor(() => expect(page.findByTestId(Alert, 'save-outcome').props.title).toBe('Not saved: no answer from the refund service'));
    expect(page.findByTestId(Input, 'approvalExpiresAfterHours').props.value).toBe('24');
    page.save();
    await page.waitFor(() => expect(page.findByTestId(Alert, 'save-outcome').props.title).toBe('Not saved: the refund service is busy or down for a moment'));
    expect(api.calls('PUT /api/policy')).toHaveLength(2);
  });
});
