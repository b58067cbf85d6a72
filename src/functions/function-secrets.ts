import { providerModules } from '../adapters/providers/provider-modules';

/** What the function reads besides the providers' own variables. */
const CORE_KEYS = ['DATABASE_URL', 'HUBSPOT_ACCESS_TOKEN', 'REFUND_OBJECT_TYPES', 'REFUND_POLICY', 'TRANSACTION_PROPERTIES', 'PROVIDER_TIMEOUT_MS'] as const;

/**
 * Every variable the app function reads, declared as `secretKeys` in its hsmeta: HubSpot injects only
 * declared secrets into process.env (2026.03 serverless functions reference, `secretKeys`), and the function passes nothing else to the configuration. Same meaning as for the server
 * (README, Configuration). Settings that are not secret live here too: a function has no other environment. Each
 * provider's refund variables come from its module; its webhook variables do not, as the function serves no webhooks.
 */
export const FUNCTION_SECRET_KEYS: readonly string[] = [
  ...CORE_KEYS,
  ...providerModules().flatMap((module) => Object.entries(module.variables).filter(([, variable]) => variable.use === 'api').map(([name]) => name)),
];

/**
 * Not declared: HubSpot puts the app's own token here by itself (its local runner does, from `.env` or a
 * private-app user token; ui-extensions-dev-server 2.1.2 dist/lib/serverless/constants.js). Used only when
 * HUBSPOT_ACCESS_TOKEN is not set.
 */
export const HUBSPOT_PROVIDED_TOKEN = 'PRIVATE_APP_ACCESS_TOKEN';
