import { providerModule } from '../provider-module';
import { baseUrlVariable, onlyWith, pairOf, redactedWith, stringOf, textVariable } from '../provider-variables';
import { AUTHORIZE_NET_ENDPOINT } from './authorize-net-http';
import { AUTHORIZE_NET_EVENTS } from './authorize-net-events';
import { createAuthorizeNetProvider } from './authorize-net-provider';
import { authorizeNetWebhookReceiver } from './authorize-net-webhooks';

export interface AuthorizeNetSettings {
  readonly apiLoginId: string;
  readonly transactionKey: string;
  readonly apiBase: string;
  /** the Signature Key of the Merchant Interface, as it shows it, for webhook signatures; null: not set up */
  readonly signatureKey: string | null;
}

export const authorizeNetModule = providerModule({
  name: 'authorize_net',
  label: 'Authorize.net',
  dashboard: 'the Authorize.net Merchant Interface',
  switchedOnBy: 'AUTHORIZENET_API_LOGIN_ID',
  variables: {
    AUTHORIZENET_API_LOGIN_ID: textVariable({ secret: true }),
    AUTHORIZENET_TRANSACTION_KEY: textVariable({ secret: true }),
    AUTHORIZENET_API_BASE: baseUrlVariable('endpoint', AUTHORIZE_NET_ENDPOINT),
    // Account > Settings > Security Settings > API Credentials & Keys: 128 hexadecimal characters, used as shown.
    AUTHORIZENET_SIGNATURE_KEY: textVariable({ secret: true, use: 'webhooks', pattern: /^[0-9A-Fa-f]{128}$/, problem: 'must be the Signature Key as the Merchant Interface shows it (128 hexadecimal characters)' }),
  },
  settings(values, problems): AuthorizeNetSettings | null {
    const credentials = pairOf(values, 'AUTHORIZENET_API_LOGIN_ID', 'AUTHORIZENET_TRANSACTION_KEY', problems);
    const signatureKey = onlyWith(values, 'AUTHORIZENET_SIGNATURE_KEY', credentials !== null, 'AUTHORIZENET_API_LOGIN_ID and AUTHORIZENET_TRANSACTION_KEY', problems);
    if (credentials === null) return null;
    return { apiLoginId: credentials[0], transactionKey: credentials[1], apiBase: stringOf(values, 'AUTHORIZENET_API_BASE') ?? AUTHORIZE_NET_ENDPOINT, signatureKey };
  },
  create: (settings) => redactedWith(createAuthorizeNetProvider(settings), [settings.apiLoginId, settings.transactionKey, settings.signatureKey]),
  webhooks: {
    path: 'authorize-net',
    events: AUTHORIZE_NET_EVENTS,
    setUpWith: 'AUTHORIZENET_SIGNATURE_KEY',
    receiver: (settings) => (settings.signatureKey ? authorizeNetWebhookReceiver(settings.signatureKey) : null),
  },
  simulation: { voids: true },
});
