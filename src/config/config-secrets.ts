import type { Config } from './config';

/** Every credential the configuration holds, for the log and ledger redaction; never logged itself. */
export function configuredSecrets(config: Config): string[] {
  const databasePassword = 'url' in config.database ? passwordOf(config.database.url) : null;
  return [
    config.hubspot.accessToken,
    config.hubspot.clientSecret,
    ...config.providerSecrets,
    databasePassword,
  ].filter((secret): secret is string => typeof secret === 'string' && secret !== '');
}

function passwordOf(url: string): string | null {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password === '' ? null : password;
  } catch {
    return null;
  }
}
