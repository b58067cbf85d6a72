import { jsonLogger, silentLogger } from '../../src/adapters/logging/json-logger';
import { hubSpotUserId } from '../../src/domain/ids';
import { functionBackend, functionConfig } from '../../src/functions/function-backend';
import { FunctionUnavailable } from '../../src/functions/function-unavailable';
import { main } from '../../src/functions/refund-api';
import { createRefundApi } from '../../src/functions/refund-api-handler';

const get = { operation: 'get', objectType: 'deals', objectId: '1001' };
const SECRET_NAMES = /DATABASE_URL|HUBSPOT_ACCESS_TOKEN|PRIVATE_APP_ACCESS_TOKEN|STRIPE_SECRET_KEY|PROVIDER_TIMEOUT_MS|secret/;

/** The function checks identity before anything else, and never tells a caller about its secrets (issue 11, item 11). */
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

  it('answers a caller without a trusted identity 401 first, whatever secrets are missing', async () => {
    delete process.env.DATABASE_URL;
    delete process.env.HUBSPOT_ACCESS_TOKEN;
    delete process.env.PRIVATE_APP_ACCESS_TOKEN;
    const answer = await main({ parameters: get, propertiesToSend: { userId: '1' } });
    expect(answer).toEqual({ status: 401, body: { error: { code: 'INVALID_SIGNATURE', message: expect.stringMatching(/did not say which user is acting/) } } });
    expect(JSON.stringify(answer)).not.toMatch(SECRET_NAMES);
  });
});

describe('a function with an identity but without its secrets', () => {
  const logged: string[] = [];
  const logger = jsonLogger((line) => logged.push(line));
  const call = (env: NodeJS.ProcessEnv) => createRefundApi({ deps: functionBackend(env, logger), identify: () => hubSpotUserId('2'), logger })({ parameters: get });
  beforeEach(() => {
    logged.length = 0;
  });

  it.each([
    ['no secrets at all', {}, { missing: ['DATABASE_URL', 'HUBSPOT_ACCESS_TOKEN'] }],
    ['no DATABASE_URL', { HUBSPOT_ACCESS_TOKEN: 'pat-na1-test' }, { missing: ['DATABASE_URL'] }],
    ['malformed settings', { DATABASE_URL: 'postgres://refunds@db.example.com/refunds', HUBSPOT_ACCESS_TOKEN: 'pat-na1-test', STRIPE_SECRET_KEY: 'not-a-key' }, { problems: [expect.stringMatching(/^STRIPE_SECRET_KEY: /)] }],
  ])('answers 503 without naming what is wrong (%s), and logs it for the operator', async (_label, env, details) => {
    const answer = await call(env);
    expect(answer).toEqual({ status: 503, body: { error: { code: 'INTERNAL', message: expect.stringMatching(/Ask your HubSpot admin\.$/) } } });
    expect(JSON.stringify(answer)).not.toMatch(SECRET_NAMES);
    const line = logged.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry.message === 'function not set up');
    expect(line).toMatchObject({ level: 'error', details });
    expect(logged.join('\n')).not.toContain('not-a-key');
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
      expect(problems).toEqual([expect.stringMatching(/^PROVIDER_TIMEOUT_MS: /), expect.stringMatching(/^STRIPE_SECRET_KEY: /)]);
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
