import { Alert, Checkbox, MultiSelect, Text } from '@hubspot/ui-extensions';
import { apiError, fakePageBackend } from './fake-page-backend';
import { historyItem, policyOptions, policyView } from './policy-fixtures';
import { renderSettings } from './settings-driver';

afterEach(() => jest.restoreAllMocks());

function backend(put: Parameters<typeof fakePageBackend>[0]['PUT /api/policy'] = []) {
  return fakePageBackend({
    'GET /api/policy': [{ status: 200, body: policyView() }],
    'GET /api/policy/options': [{ status: 200, body: policyOptions() }],
    'GET /api/policy/history': [{ status: 200, body: { results: [historyItem(3, ['first version'])], nextCursor: null } }],
    'PUT /api/policy': put,
  });
}

describe('problems are shown next to their fields, every one at once', () => {
  test('the form checks amounts in the currency\'s decimals, limits against each other, and the expiry, before sending', async () => {
    const api = backend();
    const page = renderSettings();
    await page.ready();
    page.type('limit-JPY-perRefund', '500.5');
    page.type('limit-USD-perRefund', '1000.01');
    page.addCurrency('KWD');
    page.type('limit-KWD-perDay', '1.2345');
    page.type('limit-KWD-perRefund', '0');
    page.type('approvalExpiresAfterHours', '721');
    expect(page.problem('limit-JPY-perRefund')).toBe('JPY has no decimals: enter a whole amount.');
    expect(page.problem('limit-USD-perRefund')).toBe('Above the daily limit (1000.00 USD): every refund this size would need approval anyway.');
    expect(page.problem('limit-KWD-perDay')).toBe('KWD allows at most 3 decimals.');
    expect(page.problem('limit-KWD-perRefund')).toBe('Enter an amount greater than zero, or leave it empty for no limit.');
    expect(page.problem('approvalExpiresAfterHours')).toBe('Enter a whole number of hours from 1 to 720 (30 days).');
    page.type('limit-USD-perDay', 'lots');
    expect(page.problem('limit-USD-perDay')).toBe('Write the amount as digits with an optional decimal point, like "500.00".');
    expect(page.problem('limit-USD-perRefund')).toBeUndefined();

    page.save();
    expect(page.findByTestId(Alert, 'save-outcome').props.title).toBe('5 problems to fix: nothing was saved');
    expect(api.calls('PUT /api/policy')).toEqual([]);
    page.type('limit-USD-perDay', '');
    expect(page.maybeFindByTestId(Alert, 'save-outcome')).toBeNull();
  });

  test('the backend\'s INVALID_POLICY problems go to the fields they name, the rest above the Save button', async () => {
    const problems = [
      { path: 'refunders.userIds.0', message: 'HubSpot ids are digits' },
      { path: 'refunders.superAdmins', message: 'Expected boolean' },
      { path: 'limits.EUR.perRefund', message: 'EUR allows at most 2 decimals.' },
      { path: 'limits.EUR', message: 'write the currency code in capitals' },
      { path: 'approvalExpiresAfterHours', message: 'must be at most 720 hours (30 days)' },
      { path: 'colour', message: 'is not a setting of the refund policy' },
    ];
    const api = backend([apiError(400, 'INVALID_POLICY', 'The refund policy has 6 problems: nothing was saved.', { problems })]);
    const page = renderSettings();
    await page.ready();
    page.addCurrency('EUR');
    page.type('limit-EUR-perRefund', '10');
    page.save();
    await page.waitFor(() => expect(page.findByTestId(Alert, 'save-outcome').props.title).toBe('The refund service refused the policy: nothing was saved'));
    expect(api.calls('PUT /api/policy')).toHaveLength(1);
    expect(page.findByTestId(MultiSelect, 'refunders.userIds').props).toMatchObject({ error: true, validationMessage: 'HubSpot ids are digits' });
    expect(page.findByTestId(Text, 'problem-refunders.superAdmins').text).toBe('⚠ Expected boolean');
    expect(page.findByTestId(Checkbox, 'refunders.superAdmins')).toBeTruthy();
    expect(page.problem('limit-EUR-perRefund')).toBe('EUR allows at most 2 decimals.');
    expect(page.findByTestId(Text, 'problem-limits.EUR').text).toBe('⚠ write the currency code in capitals');
    expect(page.problem('approvalExpiresAfterHours')).toBe('must be at most 720 hours (30 days)');
    expect(page.findByTestId(Text, 'problem-elsewhere-0').text).toBe('colour: is not a setting of the refund policy');

    // Editing a field takes its own problem away, and leaves the others until the next save.
    page.type('approvalExpiresAfterHours', '24');
    expect(page.problem('approvalExpiresAfterHours')).toBeUndefined();
    expect(page.problem('limit-EUR-perRefund')).toBe('EUR allows at most 2 decimals.');
    page.click('limit-EUR-remove');
    expect(page.maybeFindByTestId(Text, 'problem-limits.EUR')).toBeNull();
    expect(page.findByTestId(MultiSelect, 'refunders.userIds').props.validationMessage).toBe('HubSpot ids are digits');
  });
});
