import { EmptyState, Heading, hubspot } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import type { ReactElement } from 'react';
import { fakePageBackend } from './fake-page-backend';
import { historyItem, policyOptions, policyView } from './policy-fixtures';

afterEach(() => jest.restoreAllMocks());

/** An entry's only job is its hubspot.extend side effect, so it is loaded only once the spy is in place. */
function registered(entry: () => unknown): () => ReactElement {
  const extend = jest.spyOn(hubspot, 'extend').mockImplementation(() => undefined);
  entry();
  expect(extend).toHaveBeenCalledTimes(1);
  return extend.mock.calls[0]?.[0] as unknown as () => ReactElement;
}

test('the settings entry registers the policy page, which reads the checked-in backend-config.json', async () => {
  const renderPage = registered(() => require('../../extensions/refund-settings/entry'));
  const api = fakePageBackend({
    'GET /api/policy': [{ status: 200, body: policyView() }],
    'GET /api/policy/options': [{ status: 200, body: policyOptions() }],
    'GET /api/policy/history': [{ status: 200, body: { results: [historyItem(3, ['first version'])], nextCursor: null } }],
  });
  const { render, findByTestId, waitFor } = createRenderer('settings');
  render(renderPage());
  await waitFor(() => expect(findByTestId(Heading, 'policy-heading')).toBeTruthy());
  expect(api.calls('GET /api/policy')[0]?.url.origin).toBe('http://localhost:3000');
});

test('the pages entry registers the router, which opens on the approval queue and reads the checked-in backend-config.json', async () => {
  const renderPages = registered(() => require('../../extensions/refund-pages/entry'));
  const api = fakePageBackend({ 'GET /api/approvals': [{ status: 200, body: { results: [], nextCursor: null } }] });
  const { render, findByTestId, waitFor } = createRenderer('pages');
  render(renderPages());
  await waitFor(() => expect(findByTestId(EmptyState, 'approvals-empty')).toBeTruthy());
  expect(api.calls('GET /api/approvals')[0]?.url.href).toBe('http://localhost:3000/api/approvals');
});
