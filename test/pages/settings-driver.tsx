import { Button, Checkbox, Heading, Input, LoadingSpinner, LoadingButton, MultiSelect, Select, ToggleGroup } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { readBackendConfig } from '../../extensions/shared/backend-config';
import { RefundSettings } from '../../extensions/refund-settings/refund-settings';
import { send } from './renderer-helpers';

export const BACKEND_URL = 'https://refunds.example.com';

/** The settings page in HubSpot's own test renderer, for an en-US super admin, plus the steps an admin takes. */
export function renderSettings({ config = readBackendConfig({ backendUrl: BACKEND_URL }) } = {}) {
  const renderer = createRenderer('settings');
  renderer.mocks.context.user.locale = 'en-US';
  renderer.mocks.context.portal.timezone = 'America/New_York';
  renderer.render(<RefundSettings config={config} />);
  const { findByTestId, waitFor } = renderer;
  return {
    ...renderer,
    /** the policy and its versions are shown (an earlier test's page must not answer a later test's fake) */
    ready: () =>
      waitFor(() => {
        findByTestId(Heading, 'policy-heading');
        expect(renderer.maybeFindByTestId(LoadingSpinner, 'history-loading')).toBeNull();
      }),
    pick: (testId: string, ids: string[]) => send(findByTestId(MultiSelect, testId), 'onChange', ids),
    tick: (testId: string, checked: boolean) => send(findByTestId(Checkbox, testId), 'onChange', checked),
    type: (testId: string, text: string) => send(findByTestId(Input, testId), 'onInput', text),
    choose: (testId: string, value: string | string[]) => send(findByTestId(ToggleGroup, testId), 'onChange', value),
    addCurrency: (code: string) => send(findByTestId(Select, 'limit-add'), 'onChange', code),
    click: (testId: string) => findByTestId(Button, testId).trigger('onClick'),
    save: () => findByTestId(LoadingButton, 'policy-save').trigger('onClick'),
    /** what a field shows under it */
    problem: (testId: string) => findByTestId(Input, testId).props.validationMessage,
  };
}
