import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { withEnvFile } from '../../src/config/env-file';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('defaults to sandbox mode on the embedded database, on loopback', () => {
    expect(loadConfig({})).toEqual({
      mode: 'sandbox',
      port: 3000,
      host: '127.0.0.1',
      database: { dataDir: '.data' },
      hubspot: { accessToken: null, baseUrl: 'https://api.hubapi.com', clientSecret: null, portalId: null },
      publicUrl: null,
      sandboxUserId: null,
      providers: { stripe: null, authorize_net: null, nmi: null, paypal: null, manual: {} },
      providerSecrets: [],
      objectTypes: ['deals'],
      policy: null,
      policyLocked: false,
      maxDeclinesPerHour: 10,
      transactionProperties: {},
      providerTimeoutMs: 10000,
    });
  });

  it('reads a production configuration', () => {
    const config = loadConfig({
      HUBSPOT_ACCESS_TOKEN: 'pat-na1-x',
      HUBSPOT_CLIENT_SECRET: 's',
      HUBSPOT_PORTAL_ID: '12345678',
      HUBSPOT_BASE_URL: 'http://127.0.0.1:9000/',
      HOST: '0.0.0.0',
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db/refunds',
      STRIPE_SECRET_KEY: 'rk_live_abc',
      REFUND_OBJECT_TYPES: 'deals, 2-123456',
      REFUND_POLICY: '{"userIds":["7"],"maxPerRefund":{"USD":"100"}}',
      TRANSACTION_PROPERTIES: '{"2-123456":{"amount":"total"}}',
      PUBLIC_URL: 'https://refunds.example.com/',
    });
    expect(config).toMatchObject({
      mode: 'hubspot',
      host: '0.0.0.0',
      port: 8080,
      database: { url: 'postgres://u@db/refunds' },
      hubspot: { baseUrl: 'http://127.0.0.1:9000', portalId: '12345678' },
      providers: { stripe: { secretKey: 'rk_live_abc', apiBase: 'https://api.stripe.com', webhookSecret: null } },
      providerSecrets: ['rk_live_abc'],
      objectTypes: ['deals', '2-123456'],
      publicUrl: 'https://refunds.example.com',
      transactionProperties: { '2-123456': { amount: 'total' } },
    });
    expect(config.policy?.limits).toEqual({ USD: { perRefund: '100.00' } });
  });

  it('needs HUBSPOT_PORTAL_ID only where signed requests arrive, and ignores it in sandbox mode', () => {
    const production = { HUBSPOT_ACCESS_TOKEN: 't', HUBSPOT_CLIENT_SECRET: 's' };
    expect(loadConfig(production, { requirePortalId: false }).hubspot.portalId).toBeNull();
    expect(loadConfig({ HUBSPOT_ACCESS_TOKEN: 't' }, { requireClientSecret: false, requirePortalId: false }).mode).toBe('hubspot');
    expect(loadConfig({ HUBSPOT_PORTAL_ID: '42' }).hubspot.portalId).toBeNull();
  });

  it('keeps sandbox mode on any loopback host', () => {
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ HOST: 'localhost' }).host).toBe('localhost');
  });

  it('reads the policy from a file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'policy-')), 'policy.json');
    writeFileSync(file, '{"teamIds":["9"]}');
    expect(loadConfig({ REFUND_POLICY_FILE: file }).policy?.refunders.teamIds).toEqual(['9']);
  });

  it('reports every problem at once, by variable, without echoing secrets', () => {
    const problems = problemsOf({
      HUBSPOT_ACCESS_TOKEN: 'pat-na1-secret-token',
      PORT: 'eighty',
      STRIPE_SECRET_KEY: 'pk_live_wrongkind',
      REFUND_POLICY: '{not json',
      HUBSPOT_BASE_URL: 'ftp://x',
    });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'HUBSPOT_BASE_URL', 'REFUND_POLICY', 'STRIPE_SECRET_KEY', 'HUBSPOT_CLIENT_SECRET', 'HUBSPOT_PORTAL_ID']);
    expect(problems.join('\n')).not.toMatch(/pk_live_wrongkind|pat-na1-secret-token/);
  });

  it.each([
    [{ HUBSPOT_ACCESS_TOKEN: 't' }, /HUBSPOT_CLIENT_SECRET: required/],
    [{ HUBSPOT_ACCESS_TOKEN: 't', HUBSPOT_CLIENT_SECRET: 's' }, /HUBSPOT_PORTAL_ID: required with HUBSPOT_ACCESS_TOKEN/],
    [{ HUBSPOT_PORTAL_ID: 'acme' }, /HUBSPOT_PORTAL_ID: must be a HubSpot account id/],
    [{ REFUND_POLICY: '{}', REFUND_POLICY_FILE: '/x' }, /set one, not both/],
    [{ REFUND_POLICY_FILE: '/nonexistent/policy.json' }, /REFUND_POLICY_FILE \(\/nonexistent\/policy.json\): cannot be read/],
    [{ REFUND_POLICY: '{"maxPerRefund":{"JPY":"1.5"}}' }, /REFUND_POLICY.limits.JPY.perRefund: JPY has no decimals/],
    [{ REFUND_POLICY: '{"limits":{"USD":{"perDay":"x"}},"colour":1}' }, /REFUND_POLICY.colour: is not a setting[\s\S]*REFUND_POLICY.limits.USD.perDay/],
    [{ REFUND_POLICY_LOCKED: 'true' }, /REFUND_POLICY_LOCKED: pins the policy given in REFUND_POLICY or REFUND_POLICY_FILE, and neither is set/],
    [{ REFUND_POLICY_LOCKED: 'yes' }, /REFUND_POLICY_LOCKED: must be true or false/],
    [{ MAX_DECLINES_PER_HOUR: '0' }, /MAX_DECLINES_PER_HOUR/],
    [{ REFUND_OBJECT_TYPES: 'deals,Bad Type' }, /"Bad Type" is not a HubSpot object type/],
    [{ TRANSACTION_PROPERTIES: '{"deals":{"amount":"Net Amount"}}' }, /TRANSACTION_PROPERTIES.deals.amount/],
    [{ PROVIDER_TIMEOUT_MS: '20000' }, /PROVIDER_TIMEOUT_MS: must stay under HubSpot/],
    [{ PORT: 'eighty' }, /PORT: must be a port number/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: must start with postgres/],
    [{ AUTHORIZENET_API_LOGIN_ID: 'id' }, /AUTHORIZENET_TRANSACTION_KEY: required with AUTHORIZENET_API_LOGIN_ID/],
    [{ PAYPAL_CLIENT_SECRET: 's' }, /PAYPAL_CLIENT_ID: required with PAYPAL_CLIENT_SECRET/],
    [{ STRIPE_API_BASE: 'https://api.stripe.com/v1' }, /STRIPE_API_BASE: must be a bare http\(s\) origin such as https:\/\/api.stripe.com/],
    [{ AUTHORIZENET_API_BASE: 'https://apitest.authorize.net' }, /AUTHORIZENET_API_BASE: must be an http\(s\) URL with its path/],
    [{ NMI_API_BASE: 'https://user:pw@secure.nmi.com' }, /NMI_API_BASE: must be a bare http\(s\) origin/],
    [{ STRIPE_WEBHOOK_SECRET: 'whsec_abc' }, /STRIPE_WEBHOOK_SECRET: is set, but STRIPE_SECRET_KEY is not/],
    [{ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'abc' }, /STRIPE_WEBHOOK_SECRET: must be the webhook endpoint's signing secret/],
    [{ PAYPAL_CLIENT_ID: 'i', PAYPAL_CLIENT_SECRET: 's', PAYPAL_WEBHOOK_ID: 'WH-1' }, /PAYPAL_WEBHOOK_ID: must be the webhook id/],
    [{ AUTHORIZENET_API_LOGIN_ID: 'i', AUTHORIZENET_TRANSACTION_KEY: 'k', AUTHORIZENET_SIGNATURE_KEY: 'abc' }, /AUTHORIZENET_SIGNATURE_KEY: must be the Signature Key/],
    [{ NMI_WEBHOOK_SIGNING_KEY: 'k' }, /NMI_WEBHOOK_SIGNING_KEY: is set, but NMI_SECURITY_KEY is not/],
    [{ HUBSPOT_ACCESS_TOKEN: 't', HUBSPOT_CLIENT_SECRET: 's', SANDBOX_USER_ID: '1' }, /SANDBOX_USER_ID: only for sandbox mode/],
    [{ HUBSPOT_ACCESS_TOKEN: '   ' }, /HUBSPOT_ACCESS_TOKEN: is set but blank/],
    [{ HUBSPOT_ACCESS_TOKEN: '' }, /HUBSPOT_ACCESS_TOKEN: is set but blank/],
    [{ HOST: '0.0.0.0' }, /HOST: sandbox mode .* listens on loopback only/],
  ])('explains %j', (env, message) => {
    expect(problemsOf(env as Record<string, string>).join('\n')).toMatch(message);
  });
});

describe('withEnvFile', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'env-file-'));

  it('puts the .env file under the environment, which wins', () => {
    const file = path.join(folder, '.env');
    writeFileSync(file, 'PORT=4000\nDATA_DIR=from-file\n# a comment\nSTRIPE_SECRET_KEY="sk_test_fromfile"\n');
    const env = withEnvFile({ PORT: '5000' }, file);
    expect(env).toMatchObject({ PORT: '5000', DATA_DIR: 'from-file', STRIPE_SECRET_KEY: 'sk_test_fromfile' });
    expect(loadConfig(env)).toMatchObject({ port: 5000, database: { dataDir: 'from-file' } });
  });

  it('is no problem when absent', () => {
    expect(withEnvFile({ PORT: '1' }, path.join(folder, 'missing.env'))).toEqual({ PORT: '1' });
  });
});
