import { providerModule } from '../provider-module';
import { baseUrlVariable, onlyWith, redactedWith, stringOf, textVariable } from '../provider-variables';
import { NMI_DEFAULT_API_BASE } from './nmi-mapping';
import { NMI_EVENTS } from './nmi-events';
import { createNmiProvider } from './nmi-provider';
import { nmiWebhookReceiver } from './nmi-webhooks';

export interface NmiSettings {
  readonly securityKey: string;
  readonly apiBase: string;
  /** the webhook signing key (Merchant Control Panel, Settings, Webhooks); null: webhooks are not set up */
  readonly webhookSigningKey: string | null;
}

export const nmiModule = providerModule({
  name: 'nmi',
  label: 'NMI',
  dashboard: 'the NMI Merchant Control Panel',
  switchedOnBy: 'NMI_SECURITY_KEY',
  variables: {
    NMI_SECURITY_KEY: textVariable({ secret: true }),
    // One endpoint for live and test accounts: test mode is a property of the key.
    NMI_API_BASE: baseUrlVariable('origin', NMI_DEFAULT_API_BASE),
    NMI_WEBHOOK_SIGNING_KEY: textVariable({ secret: true, use: 'webhooks' }),
  },
  settings(values, problems): NmiSettings | null {
    const securityKey = stringOf(values, 'NMI_SECURITY_KEY');
    const webhookSigningKey = onlyWith(values, 'NMI_WEBHOOK_SIGNING_KEY', securityKey !== undefined, 'NMI_SECURITY_KEY', problems);
    if (securityKey === undefined) return null;
    return { securityKey, apiBase: stringOf(values, 'NMI_API_BASE') ?? NMI_DEFAULT_API_BASE, webhookSigningKey };
  },
  create: (settings, { clock }) => redactedWith(createNmiProvider({ ...settings, now: () => clock.now() }), [settings.securityKey, settings.webhookSigningKey]),
  webhooks: {
    path: 'nmi',
    events: NMI_EVENTS,
    setUpWith: 'NMI_WEBHOOK_SIGNING_KEY',
    receiver: (settings) => (settings.webhookSigningKey ? nmiWebhookReceiver(settings.webhookSigningKey) : null),
  },
  simulation: { voids: true },
});
