import { PROVIDER_MODULES, providerModules } from '../../../src/adapters/providers/provider-modules';
import { configVariableNames, loadConfig } from '../../../src/config/config';
import { PAYMENT_PROVIDERS } from '../../../src/domain/refund-reason';
import { FUNCTION_SECRET_KEYS } from '../../../src/functions/function-secrets';

/* The one list of providers, and what is derived from it: it must agree with the domain's closed union of names. */

describe('the provider modules', () => {
  it('are exactly the providers the domain names, each under its own name', () => {
    expect(Object.keys(PROVIDER_MODULES).sort()).toEqual([...PAYMENT_PROVIDERS].sort());
    for (const [name, module] of Object.entries(PROVIDER_MODULES)) expect(module.name).toBe(name);
  });

  it('each name its variables, none twice, none the core configuration also reads', () => {
    const names = configVariableNames();
    expect(new Set(names).size).toBe(names.length);
    for (const module of providerModules()) {
      for (const name of Object.keys(module.variables)) expect(name.startsWith(module.switchedOnBy?.split('_')[0] ?? '-')).toBe(true);
    }
  });

  it("give the app function every refund variable and none of the webhooks' (the function serves no webhooks)", () => {
    for (const module of providerModules()) {
      for (const [name, variable] of Object.entries(module.variables)) {
        if (variable.use === 'api') expect(FUNCTION_SECRET_KEYS).toContain(name);
        else expect(FUNCTION_SECRET_KEYS).not.toContain(name);
      }
    }
  });

  it('keep every credential they read for redaction, and only those', () => {
    const config = loadConfig({
      STRIPE_SECRET_KEY: 'sk_test_51aaaaaaaaaaaaaaaa',
      STRIPE_WEBHOOK_SECRET: 'whsec_bbbbbbbbbbbbbbbb',
      PAYPAL_CLIENT_ID: 'paypal-client-id',
      PAYPAL_CLIENT_SECRET: 'paypal-client-secret',
      NMI_SECURITY_KEY: 'nmi-security-key-123',
    });
    expect([...config.providerSecrets].sort()).toEqual(['nmi-security-key-123', 'paypal-client-secret', 'sk_test_51aaaaaaaaaaaaaaaa', 'whsec_bbbbbbbbbbbbbbbb']);
  });

  it('switch a provider on by its credentials only', () => {
    const { providers } = loadConfig({ NMI_SECURITY_KEY: 'k', NMI_WEBHOOK_SIGNING_KEY: 'w', AUTHORIZENET_API_BASE: 'https://apitest.authorize.net/xml/v1/request.api' });
    expect(providers).toEqual({
      stripe: null,
      authorize_net: null,
      nmi: { securityKey: 'k', apiBase: 'https://secure.nmi.com', webhookSigningKey: 'w' },
      paypal: null,
      manual: {},
    });
  });
});
