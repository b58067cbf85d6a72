import { Button, DateInput, LoadingButton, MultiSelect, Select, TextArea } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { RefundPages } from '../../extensions/refund-pages/refund-pages';
import { readBackendConfig } from '../../extensions/shared/backend-config';
import { send } from './renderer-helpers';

export const BACKEND_URL = 'https://refunds.example.com';
/** Where rolling periods end in these tests. */
export const NOW = new Date('2025-03-05T12:00:00.000Z');

/** The app's pages in HubSpot's own test renderer, for an en-US user of portal 123, at `path`. */
export function renderPages({ path = '/', config = readBackendConfig({ backendUrl: BACKEND_URL }) }: { path?: string; config?: ReturnType<typeof readBackendConfig> } = {}) {
  const renderer = createRenderer('pages');
  renderer.mocks.context.user.locale = 'en-US';
  renderer.mocks.context.portal.timezone = 'America/New_York';
  if (path !== '/') renderer.mocks.setPageLocation({ path, params: {} });
  renderer.render(<RefundPages config={config} now={() => NOW} />);
  const { findByTestId } = renderer;
  return {
    ...renderer,
    click: (testId: string) => findByTestId(Button, testId).trigger('onClick'),
    submit: (testId: string) => findByTestId(LoadingButton, testId).trigger('onClick'),
    typeNote: (testId: string, note: string) => send(findByTestId(TextArea, testId), 'onChange', note),
    pick: (testId: string, values: string[]) => send(findByTestId(MultiSelect, testId), 'onChange', values),
    choose: (testId: string, value: string) => send(findByTestId(Select, testId), 'onChange', value),
    day: (testId: 'filter-from' | 'filter-to', year: number, month: number, date: number) => send(findByTestId(DateInput, testId), 'onChange', { year, month, date }),
  };
}
