import { hubspot, StatisticsItem } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import type { ReactElement } from 'react';
import { transactionDetails } from './card-fixtures';
import { fakeFetchBackend } from './fake-backend';

afterEach(() => jest.restoreAllMocks());

test('the entry registers the card with hubspot.extend, and what it registers renders the card', async () => {
  const extend = jest.spyOn(hubspot, 'extend').mockImplementation(() => undefined);
  // The entry's only job is this side effect, so it is loaded only once the spy is in place.
  require('../../extensions/refund-card/entry');
  expect(extend).toHaveBeenCalledTimes(1);

  const renderExtension = extend.mock.calls[0]?.[0] as unknown as () => ReactElement;
  fakeFetchBackend({ get: [{ status: 200, body: transactionDetails({ attempts: [] }) }] });
  const { render, findByTestId, waitFor, mocks } = createRenderer('crm.record.tab');
  mocks.context.crm.objectTypeId = '0-3';
  mocks.context.user.locale = 'en-US';
  render(renderExtension());
  await waitFor(() => expect(findByTestId(StatisticsItem, 'summary-paid').props.number).toBe('$1,200.00'));
});
