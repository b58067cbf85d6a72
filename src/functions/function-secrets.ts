/**
 * Every variable the app function reads, declared as `secretKeys` in its hsmeta: HubSpot injects only
 * declared secrets into process.env (2026.03 serverless functions reference, `secretKeys`), and the function passes nothing else to the configuration. Same meaning as for the server
 * (README, Configuration). Settings that are not secret live here too: a function has no other environment.
 */
export const FUNCTION_SECRET_KEYS = [
  'DATABASE_URL',
  'HUBSPOT_ACCESS_TOKEN',
  'STRIPE_SECRET_KEY',
  'AUTHORIZENET_API_LOGIN_ID',
  'AUTHORIZENET_TRANSACTION_KEY',
  'AUTHORIZENET_API_BASE',
  'NMI_SECURITY_KEY',
  'PAYPAL_CLIENT_ID',
  'PAYPAL_CLIENT_SECRET',
  'PAYPAL_API_BASE',
  'REFUND_OBJECT_TYPES',
  'REFUND_POLICY',
  'TRANSACTION_PROPERTIES',
  'PROVIDER_TIMEOUT_MS',
] as const;

export type FunctionSecretKey = (typeof FUNCTION_SECRET_KEYS)[number];

/**
 * Not declared: HubSpot puts the app's own token here by itself (its local runner does, from `.env` or a
 * private-app user token; ui-extensions-dev-server 2.1.2 dist/lib/serverless/constants.js). Used only when
 * HUBSPOT_ACCESS_TOKEN is not set.
 */
export const HUBSPOT_PROVIDED_TOKEN = 'PRIVATE_APP_ACCESS_TOKEN';
