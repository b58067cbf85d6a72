import { ErrorState, Text } from '@hubspot/ui-extensions';

/** The build wrote a configuration this component cannot use: nothing can be loaded until it is rebuilt. */
export function ConfigError({ what, message }: { what: string; message: string }) {
  return (
    <ErrorState testId="config-error" title={`${what} is not set up correctly`}>
      <Text>{message}</Text>
      <Text>Ask the HubSpot admin who installed the app to rebuild it with a valid configuration.</Text>
    </ErrorState>
  );
}
