import { silentLogger } from '../../src/adapters/logging/json-logger';
import { functionBackend, functionConfig } from '../../src/functions/function-backend';
import { FunctionUnavailable } from '../../src/functions/function-unavailable';
import { main } from '../../src/functions/refund-api';

const get = { operation: 'get', objectType: 'deals', objectId: '1001' };

describe('the refund_api entry (HubSpot calls exports.main)', () => {
  // The entry holds process.env itself (as HubSpot's runtime fills it), so it is changed in place.
  const names = ['DATABASE_URL', 'HUBSPOT_ACCESS_TOKEN', 'PRIVATE_APP_ACCESS_TOKEN'] as const;
  const saved = names.map((name) => [name, process.env[name]] as const);
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('answers 503 with a clear message when DATABASE_URL is missing, before anything else', async () => {
    delete process.env.DATABASE_URL;
    process.env.HUBSPOT_ACCESS_TOKEN = 'pat-na1-test';
    expect(await main({ parameters: get })).toEqual({
      status: 503,
      body: {
        error: {
          code: 'INTERNAL',
          message: 'This HubSpot app function is not set up yet: it needs the secret DATABASE_URL (the refund ledger is a shared Postgres database). Ask your HubSpot admin.',
        },
      },
    });
  });

  it('never falls back to sandbox mode: no HubSpot token is a 503 too', async () => {
    delete process.env.DATABASE_URL;
    delete process.env.HUBSPOT_ACCESS_TOKEN;
    delete process.env.PRIVATE_APP_ACCESS_TOKEN;
    expect(await main({ parameters: get })).toMatchObject({ status: 503, body: { error: { message: expect.stringMatching(/DATABASE_URL and HUBSPOT_ACCESS_TOKEN/) } } });
  });
});

describe('function configuration', () => {
  const base = { DATABASE_URL: 'postgres://refunds@db.example.com/refunds', HUBSPOT_ACCESS_TOKEN: 'pat-na1-test' };

  it('reads only the declared secrets, in HubSpot mode, on Postgres', () => {
    const config = functionConfig({ ...base, DATA_DIR: '/tmp/elsewhere', HUBSPOT_BASE_URL: 'http://127.0.0.1:9', REFUND_OBJECT_TYPES: 'deals,2-123' });
    expect(config).toMatchObject({ mode: 'hubspot', database: { url: base.DATABASE_URL }, objectTypes: ['deals', '2-123'] });
    expect(config.hubspot).toMatchObject({ accessToken: 'pat-na1-test', baseUrl: 'https://api.hubapi.com' });
  });

  it('uses the token HubSpot injects when HUBSPOT_ACCESS_TOKEN is not set', () => {
    expect(functionConfig({ DATABASE_URL: base.DATABASE_URL, PRIVATE_APP_ACCESS_TOKEN: 'pat-injected' }).hubspot.accessToken).toBe('pat-injected');
    expect(functionConfig({ ...base, PRIVATE_APP_ACCESS_TOKEN: 'pat-injected' }).hubspot.accessToken).toBe('pat-na1-test');
  });

  it('reports invalid settings as an unavailable function, listing the problems without values', () => {
    try {
      functionConfig({ ...base, STRIPE_SECRET_KEY: 'not-a-key', PROVIDER_TIMEOUT_MS: '60000' });
      throw new Error('expected FunctionUnavailable');
    } catch (error) {
      expect(error).toBeInstanceOf(FunctionUnavailable);
      const problems = (error as FunctionUnavailable).details.problems as string[];
      expect(problems).toEqual([expect.stringMatching(/^STRIPE_SECRET_KEY: /), expect.stringMatching(/^PROVIDER_TIMEOUT_MS: /)]);
      expect(problems.join(' ')).not.toContain('not-a-key');
    }
  });

  it('tries again after a failed start instead of keeping the failure', async () => {
    const env: NodeJS.ProcessEnv = {};
    const deps = functionBackend(env, silentLogger);
    await expect(deps()).rejects.toMatchObject({ details: { missing: ['DATABASE_URL', 'HUBSPOT_ACCESS_TOKEN'] } });
    env.HUBSPOT_ACCESS_TOKEN = 'pat-na1-test';
    await expect(deps()).rejects.toMatchObject({ details: { missing: ['DATABASE_URL'] } });
  });
});
