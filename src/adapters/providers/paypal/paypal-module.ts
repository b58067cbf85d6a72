import { providerModule } from '../provider-module';
import { baseUrlVariable, onlyWith, pairOf, redactedWith, stringOf, textVariable } from '../provider-variables';
import { PAYPAL_API_ORIGIN } from './paypal-http';
import { PAYPAL_EVENTS } from './paypal-events';
import { createPayPalProvider, payPalContext } from './paypal-provider';
import { payPalWebhookReceiver } from './paypal-webhooks';

export interface PayPalSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiBase: string;
  /** the id PayPal gave the webhook subscription, which its verify-webhook-signature API needs; null: not set up */
  readonly webhookId: string | null;
}

export const payPalModule = providerModule({
  name: 'paypal',
  label: 'PayPal',
  dashboard: 'PayPal',
  switchedOnBy: 'PAYPAL_CLIENT_ID',
  variables: {
    PAYPAL_CLIENT_ID: textVariable({ secret: false }),
    PAYPAL_CLIENT_SECRET: textVariable({ secret: true }),
    PAYPAL_API_BASE: baseUrlVariable('origin', PAYPAL_API_ORIGIN),
    // Webhooks Management spec, verify_webhook_signature.webhook_id: ^[a-zA-Z0-9]+$, at most 50 characters.
    PAYPAL_WEBHOOK_ID: textVariable({ secret: false, use: 'webhooks', pattern: /^[a-zA-Z0-9]{1,50}$/, problem: 'must be the webhook id PayPal shows for the subscription (letters and digits)' }),
  },
  settings(values, problems): PayPalSettings | null {
    const credentials = pairOf(values, 'PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', problems);
    const webhookId = onlyWith(values, 'PAYPAL_WEBHOOK_ID', credentials !== null, 'PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET', problems);
    if (credentials === null) return null;
    return { clientId: credentials[0], clientSecret: credentials[1], apiBase: stringOf(values, 'PAYPAL_API_BASE') ?? PAYPAL_API_ORIGIN, webhookId };
  },
  create: (settings, { clock }) => redactedWith(createPayPalProvider({ ...settings, now: () => clock.now().getTime() }), [settings.clientSecret]),
  webhooks: {
    path: 'paypal',
    events: PAYPAL_EVENTS,
    setUpWith: 'PAYPAL_WEBHOOK_ID',
    receiver: (settings, { clock }) =>
      settings.webhookId ? payPalWebhookReceiver(payPalContext({ ...settings, now: () => clock.now().getTime() }), settings.webhookId) : null,
  },
  simulation: { voids: false },
});
