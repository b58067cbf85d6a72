import { providerModule } from '../provider-module';
import { baseUrlVariable, onlyWith, redactedWith, stringOf, textVariable } from '../provider-variables';
import { STRIPE_EVENTS } from './stripe-events';
import { createStripeProvider, STRIPE_API_ORIGIN } from './stripe-provider';
import { stripeWebhookReceiver } from './stripe-webhooks';

export interface StripeSettings {
  readonly secretKey: string;
  readonly apiBase: string;
  /** the signing secret of the webhook endpoint (whsec_…); null: webhooks are not set up */
  readonly webhookSecret: string | null;
}

export const stripeModule = providerModule({
  name: 'stripe',
  label: 'Stripe',
  dashboard: 'the Stripe Dashboard',
  switchedOnBy: 'STRIPE_SECRET_KEY',
  variables: {
    STRIPE_SECRET_KEY: textVariable({ secret: true, pattern: /^(sk|rk)_(test|live)_/, problem: 'must be a Stripe secret or restricted key (sk_… or rk_…)' }),
    STRIPE_API_BASE: baseUrlVariable('origin', STRIPE_API_ORIGIN),
    STRIPE_WEBHOOK_SECRET: textVariable({ secret: true, use: 'webhooks', pattern: /^whsec_/, problem: "must be the webhook endpoint's signing secret (whsec_…)" }),
  },
  settings(values, problems): StripeSettings | null {
    const secretKey = stringOf(values, 'STRIPE_SECRET_KEY');
    const webhookSecret = onlyWith(values, 'STRIPE_WEBHOOK_SECRET', secretKey !== undefined, 'STRIPE_SECRET_KEY', problems);
    if (secretKey === undefined) return null;
    return { secretKey, apiBase: stringOf(values, 'STRIPE_API_BASE') ?? STRIPE_API_ORIGIN, webhookSecret };
  },
  create: (settings) => redactedWith(createStripeProvider(settings), [settings.secretKey, settings.webhookSecret]),
  webhooks: {
    path: 'stripe',
    events: STRIPE_EVENTS,
    setUpWith: 'STRIPE_WEBHOOK_SECRET',
    receiver: (settings) => (settings.webhookSecret ? stripeWebhookReceiver(settings.webhookSecret) : null),
  },
  simulation: { voids: false },
});
