import { Alert, Divider, ErrorState, Flex, Heading, LoadingSpinner, Text, useExtensionContext } from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import type { BackendConfigResult } from '../shared/backend-config';
import { ConfigError } from '../shared/config-error';
import { errorTitle } from '../shared/error-text';
import { unreachable } from '../shared/labels';
import { LoadError } from '../shared/load-error';
import { usableLocale } from '../shared/usable-locale';
import { createPolicyApi } from './policy-api';
import { PolicyEditor } from './policy-editor';
import { PolicyHistory } from './policy-history';
import { versionLine } from './policy-labels';
import { SETTINGS_CONFIG } from './settings-config';
import { usePolicy } from './use-policy';

/** The app's settings page: the refund policy (design §5) for super admins, and its versions. */
export function RefundSettings({ config = SETTINGS_CONFIG }: { config?: BackendConfigResult }) {
  if (!config.ok) return <ConfigError what="The refund policy page" message={config.message} />;
  return <PolicySettings backendUrl={config.backendUrl} />;
}

function PolicySettings({ backendUrl }: { backendUrl: string }) {
  const context = useExtensionContext<'settings'>();
  const api = useMemo(() => createPolicyApi(backendUrl), [backendUrl]);
  const { state, reload, saved } = usePolicy(api);
  const locale = usableLocale(context.user.locale);
  const timeZone = context.portal.timezone || undefined;

  switch (state.phase) {
    case 'loading':
      return <LoadingSpinner testId="loading" label="Loading the refund policy…" showLabel layout="centered" />;
    case 'forbidden':
      return (
        <ErrorState testId="forbidden" type="lock" title="Only HubSpot super admins can see and change the refund policy">
          <Text testId="forbidden-reason">{state.error.message}</Text>
          <Text>The policy decides who may refund, up to what amount, and who approves above it. Ask a super admin of this account if it needs to change.</Text>
        </ErrorState>
      );
    case 'failed':
      return <LoadError error={state.error} onRetry={reload} />;
    case 'ready':
      break;
    default:
      return unreachable(state);
  }
  const { view, options, optionsError, generation } = state;
  return (
    <Flex direction="column" gap="md">
      <Heading testId="policy-heading">Refund policy</Heading>
      <Text>Who may refund from the Refund card, how much without a second person, and who approves above that. Every save is a new version, listed below.</Text>
      <Text testId="policy-version">{versionLine(view, locale, timeZone)}</Text>
      {optionsError ? (
        <Alert testId="options-error" variant="warning" title={`Names could not be loaded: ${errorTitle(optionsError).toLowerCase()}`}>
          <Text>{`${optionsError.message} Users, teams and roles show as ids, and no currency can be added until the page is reloaded.`}</Text>
        </Alert>
      ) : null}
      <PolicyEditor key={generation} api={api} view={view} options={options} onSaved={saved} onReload={reload} />
      <Divider />
      <Heading>Versions</Heading>
      <PolicyHistory key={view.version} api={api} locale={locale} timeZone={timeZone} />
    </Flex>
  );
}
