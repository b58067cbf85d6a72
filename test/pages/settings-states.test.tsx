import { Alert, Button, Checkbox, ErrorState, Input, LoadingButton, LoadingSpinner, MultiSelect, Select, TableCell, Text, ToggleGroup } from '@hubspot/ui-extensions';
import { deferred } from '../card/fake-backend';
import { apiError, type FakeAnswer, fakePageBackend } from './fake-page-backend';
import { historyItem, policyDocument, policyOptions, policyView } from './policy-fixtures';
import { allText, spaced } from './renderer-helpers';
import { renderSettings } from './settings-driver';

afterEach(() => jest.restoreAllMocks());

const options = { status: 200, body: policyOptions() };
const history = { status: 200, body: { results: [historyItem(3, ['first version'])], nextCursor: null } };

describe('loading and failing', () => {
  test('shows a spinner until the policy arrives', async () => {
    const answer = deferred<FakeAnswer>();
    fakePageBackend({ 'GET /api/policy': [answer.promise], 'GET /api/policy/options': [options], 'GET /api/policy/history': [history] });
    const page = renderSettings();
    expect(page.findByTestId(LoadingSpinner, 'loading').props.label).toBe('Loading the refund policy…');
    answer.resolve({ status: 200, body: policyView() });
    await page.ready();
    expect(page.maybeFindByTestId(LoadingSpinner, 'loading')).toBeNull();
  });

  test('a policy that cannot be loaded says why, and loads again on request', async () => {
    const api = fakePageBackend({
      'GET /api/policy': [apiError(503, 'LEDGER_UNAVAILABLE', 'The ledger is not answering.'), { status: 200, body: policyView() }],
      'GET /api/policy/options': [options],
      'GET /api/policy/history': [history],
    });
    const page = renderSettings();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'load-error').props.title).toBe('The refund service is busy or down for a moment'));
    expect(page.findByTestId(Text, 'load-error-message').text).toBe('The ledger is not answering.');
    page.click('load-retry');
    await page.ready();
    expect(api.calls('GET /api/policy')).toHaveLength(2);
  });

  test('an answer that breaks the contract is an error, not a crash', async () => {
    fakePageBackend({ 'GET /api/policy': [{ status: 200, body: { ...policyView(), version: 'three' } }], 'GET /api/policy/options': [options] });
    const page = renderSettings();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'load-error').props.title).toBe('Unexpected answer from the refund service'));
    expect(page.findByTestId(Text, 'load-error-message').text).toMatch(/answer does not match the contract \(version: /);
  });

  test('without the names, the pickers show ids and the page says why', async () => {
    fakePageBackend({
      'GET /api/policy': [{ status: 200, body: policyView() }],
      'GET /api/policy/options': [apiError(503, 'CRM_UNAVAILABLE', 'HubSpot is not answering.')],
      'GET /api/policy/history': [history],
    });
    const page = renderSettings();
    await page.ready();
    expect(page.findByTestId(Alert, 'options-error').props.title).toBe('Names could not be loaded: hubspot is not answering right now');
    expect(page.findByTestId(MultiSelect, 'refunders.userIds').props.options).toEqual([{ value: '2', label: 'User 2' }]);
    expect(page.maybeFindByTestId(Select, 'limit-add')).toBeNull();
    expect(page.findByTestId(Input, 'limit-USD-perRefund').props.description).toBeUndefined();
  });

  test('a build with a broken backend-config.json says so and calls nothing', () => {
    const api = fakePageBackend({});
    const page = renderSettings({ config: { ok: false, message: 'backend-config.json: backendUrl must be the backend URL (https://…)' } });
    expect(page.findByTestId(ErrorState, 'config-error').props.title).toBe('The refund policy page is not set up correctly');
    expect(api.spy).not.toHaveBeenCalled();
  });
});

describe('read-only', () => {
  test('someone who is not a super admin sees why, and nothing of the policy', async () => {
    fakePageBackend({
      'GET /api/policy': [apiError(403, 'NOT_PERMITTED', 'Only HubSpot super admins may see and change the refund policy.')],
      'GET /api/policy/options': [apiError(403, 'NOT_PERMITTED', 'Only HubSpot super admins may see and change the refund policy.')],
    });
    const page = renderSettings();
    await page.waitFor(() => expect(page.findByTestId(ErrorState, 'forbidden').props).toMatchObject({ type: 'lock', title: 'Only HubSpot super admins can see and change the refund policy' }));
    expect(page.findByTestId(Text, 'forbidden-reason').text).toBe('Only HubSpot super admins may see and change the refund policy.');
    expect(page.maybeFindByTestId(MultiSelect, 'refunders.userIds')).toBeNull();
  });

  test('a policy pinned by the backend\'s configuration is shown, not edited, and the page says why', async () => {
    fakePageBackend({
      'GET /api/policy': [{ status: 200, body: policyView({ locked: true, source: 'locked', updatedBy: null }) }],
      'GET /api/policy/options': [options],
      'GET /api/policy/history': [history],
    });
    const page = renderSettings();
    await page.ready();
    expect(page.findByTestId(Alert, 'locked').props.title).toBe("This policy is pinned by the refund service's configuration");
    expect(page.findByTestId(Text, 'locked-reason').text).toMatch(/REFUND_POLICY_LOCKED/);
    expect(spaced(page.findByTestId(Text, 'policy-version').text)).toBe("Version 3, saved Mar 4, 2025, 10:30 AM from the backend's configuration, pinned (REFUND_POLICY_LOCKED).");
    expect(page.maybeFindByTestId(LoadingButton, 'policy-save')).toBeNull();
    expect(page.maybeFindByTestId(Select, 'limit-add')).toBeNull();
    expect(page.maybeFindByTestId(Button, 'limit-USD-remove')).toBeNull();
    expect(page.findByTestId(MultiSelect, 'approvers.teamIds').props.readOnly).toBe(true);
    expect(page.findByTestId(Checkbox, 'limitSuperAdmins').props.readOnly).toBe(true);
    expect(page.findByTestId(Input, 'limit-USD-perDay').props.readOnly).toBe(true);
    expect(page.findByTestId(Input, 'approvalExpiresAfterHours').props.readOnly).toBe(true);
    expect(page.findByTestId(ToggleGroup, 'otherCurrencies').props.options.every((option: { readOnly?: boolean }) => option.readOnly)).toBe(true);
  });

  test('a save refused as POLICY_LOCKED turns the form read-only with the backend\'s reason', async () => {
    fakePageBackend({
      'GET /api/policy': [{ status: 200, body: policyView() }],
      'GET /api/policy/options': [options],
      'GET /api/policy/history': [history],
      'PUT /api/policy': [apiError(409, 'POLICY_LOCKED', 'The refund policy is pinned by the backend configuration (REFUND_POLICY_LOCKED): change it there.')],
    });
    const page = renderSettings();
    await page.ready();
    page.type('approvalExpiresAfterHours', '12');
    page.save();
    await page.waitFor(() => expect(page.findByTestId(Text, 'locked-reason').text).toBe('The refund policy is pinned by the backend configuration (REFUND_POLICY_LOCKED): change it there.'));
    expect(page.maybeFindByTestId(LoadingButton, 'policy-save')).toBeNull();
    expect(page.findByTestId(Input, 'approvalExpiresAfterHours').props.readOnly).toBe(true);
  });
});

describe('a save over a version someone else replaced', () => {
  test('says someone else saved, and reloading shows their version and starts the form again from it', async () => {
    const theirs = policyView({ version: 5, policy: policyDocument({ approvalExpiresAfterHours: 24 }), updatedBy: { userId: '8', name: 'Otto Other', email: 'otto@example.com' } });
    const api = fakePageBackend({
      'GET /api/policy': [{ status: 200, body: policyView() }, { status: 200, body: theirs }],
      'GET /api/policy/options': [options],
      'GET /api/policy/history': [history, { status: 200, body: { results: [historyItem(5, ['approvalExpiresAfterHours: 72 → 24'])], nextCursor: null } }],
      'PUT /api/policy': [apiError(409, 'POLICY_VERSION_CONFLICT', 'Someone else saved the refund policy since you opened it. Reload it and make your change again.', { currentVersion: 5 })],
    });
    const page = renderSettings();
    await page.ready();
    page.type('approvalExpiresAfterHours', '48');
    page.save();
    await page.waitFor(() => expect(page.findByTestId(Alert, 'save-outcome').props).toMatchObject({ variant: 'warning', title: 'Someone else saved the policy in the meantime' }));
    expect(page.findByTestId(Alert, 'save-outcome').find(Text).text).toBe(
      'Someone else saved the refund policy since you opened it. Reload it and make your change again. The current version is 5. Your changes are not saved; reloading shows theirs and discards yours.',
    );
    expect(api.calls('PUT /api/policy')[0]?.body).toMatchObject({ version: 3, policy: { approvalExpiresAfterHours: 48 } });
    page.click('conflict-reload');
    await page.waitFor(() => expect(page.findByTestId(Text, 'policy-version').text).toMatch(/^Version 5, .* by Otto Other/));
    expect(page.findByTestId(Input, 'approvalExpiresAfterHours').props.value).toBe('24');
    expect(page.maybeFindByTestId(Alert, 'save-outcome')).toBeNull();
    await page.ready();
    expect(allText(page.findByTestId(TableCell, 'history-changes-5'))).toBe('approvalExpiresAfterHours: 72 → 24');
  });
});
