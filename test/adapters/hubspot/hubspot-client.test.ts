import { DEFAULT_HUBSPOT_BASE_URL, createHubSpotClient } from '../../../src/adapters/hubspot/hubspot-client';
import { createHubSpotRecords } from '../../../src/adapters/hubspot/hubspot-records';
import { HubSpotMock, TEST_TOKEN, fastClientOptions, hubSpotError, rateLimited } from '../../support/hubspot-mock';

const DEAL_QUERY =
  'properties=payment_provider&properties=payment_transaction_id&properties=payment_card_last4&properties=amount&properties=deal_currency_code&archived=false';
const found = {
  status: 200,
  body: { id: '1001', properties: { payment_provider: 'stripe' }, archived: false, createdAt: '2025-03-01T10:00:00.000Z', updatedAt: '2025-03-01T10:00:00.000Z' },
};
const deal = { objectType: 'deals', objectId: '1001' };
const read = { method: 'GET', path: '/crm/v3/objects/deals/1001', query: DEAL_QUERY };

let hubspot: HubSpotMock;

afterAll(() => {
  HubSpotMock.restore();
});

afterEach(() => {
  hubspot?.close();
  expect(hubspot.problems()).toEqual([]);
});

describe('configuration', () => {
  beforeEach(() => {
    hubspot = HubSpotMock.start();
  });

  it('defaults to https://api.hubapi.com and trims a trailing slash from HUBSPOT_BASE_URL', () => {
    expect(DEFAULT_HUBSPOT_BASE_URL).toBe('https://api.hubapi.com');
    expect(createHubSpotClient({ accessToken: TEST_TOKEN }).baseUrl).toBe('https://api.hubapi.com');
    expect(createHubSpotClient({ accessToken: TEST_TOKEN, baseUrl: 'http://localhost:8080/hubspot/' }).baseUrl).toBe('http://localhost:8080/hubspot');
  });

  it('sends to https://api.hubapi.com when HUBSPOT_BASE_URL is not set', async () => {
    hubspot.expect(read, found);
    const { baseUrl: _unset, ...options } = fastClientOptions(hubspot);
    const records = createHubSpotRecords(createHubSpotClient(options));

    await expect(records.readTransaction(deal)).resolves.toMatchObject({ provider: 'stripe' });
  });

  it('refuses an empty token and a base URL that is not http(s), without echoing the token', () => {
    expect(() => createHubSpotClient({ accessToken: ' ' })).toThrow('The HubSpot access token is empty.');
    expect(() => createHubSpotClient({ accessToken: TEST_TOKEN, baseUrl: 'api.hubapi.com' })).toThrow(/HUBSPOT_BASE_URL must be an http\(s\) URL/);
  });
});

describe('a custom HUBSPOT_BASE_URL with a path prefix', () => {
  beforeEach(() => {
    hubspot = HubSpotMock.start({ baseUrl: 'http://hubspot-proxy.internal:8080/proxy/hubspot' });
  });

  it('sends every call under it, with the Bearer token', async () => {
    hubspot.expect({ ...read, path: '/proxy/hubspot/crm/v3/objects/deals/1001' }, found);
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(records.readTransaction(deal)).resolves.toMatchObject({ provider: 'stripe' });
    expect(hubspot.requests[0]?.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
  });
});

describe('retries', () => {
  beforeEach(() => {
    hubspot = HubSpotMock.start();
  });

  it('does not retry the daily limit, which only resets at midnight', async () => {
    hubspot.expect(read, rateLimited('DAILY'));
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(records.readTransaction(deal)).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE', message: expect.stringContaining('daily API limit'), details: { status: 429, attempts: 1 } });
    expect(hubspot.requests).toHaveLength(1);
  });

  it('waits as long as Retry-After asks when that fits the deadline', async () => {
    hubspot.expect(read, rateLimited('TEN_SECONDLY_ROLLING', { 'Retry-After': '1' }), found);
    const records = createHubSpotRecords(createHubSpotClient({ ...fastClientOptions(hubspot), deadlineMs: 3_000 }));
    const started = Date.now();

    await expect(records.readTransaction(deal)).resolves.toMatchObject({ provider: 'stripe' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(hubspot.requests).toHaveLength(2);
  });

  it('gives up at once when Retry-After is past the deadline', async () => {
    hubspot.expect(read, rateLimited('TEN_SECONDLY_ROLLING', { 'Retry-After': '10' }));
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));
    const started = Date.now();

    await expect(records.readTransaction(deal)).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE', details: { status: 429, attempts: 1 } });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('abandons a slow attempt and retries it', async () => {
    hubspot.expect(read, { ...found, delayMs: 400 }, found);
    const records = createHubSpotRecords(createHubSpotClient({ ...fastClientOptions(hubspot), attemptTimeoutMs: 100 }));

    await expect(records.readTransaction(deal)).resolves.toMatchObject({ provider: 'stripe' });
    expect(hubspot.requests).toHaveLength(2);
  });

  it('keeps one logical call inside its deadline however many retries are allowed', async () => {
    const slow = { ...found, delayMs: 2_000 };
    hubspot.expect(read, slow, slow, slow, slow, slow, slow);
    const records = createHubSpotRecords(createHubSpotClient({ ...fastClientOptions(hubspot), retries: 5, attemptTimeoutMs: 150, deadlineMs: 400 }));
    const started = Date.now();

    await expect(records.readTransaction(deal)).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE', details: { status: null, reason: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(700);
    expect(hubspot.requests.length).toBeLessThanOrEqual(3);
    hubspot.takeProblems(); // the replies never asked for are expected
  });

  it('does not retry a 400', async () => {
    hubspot.expect(read, hubSpotError(400, 'VALIDATION_ERROR', 'Invalid input'));
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(records.readTransaction(deal)).rejects.toMatchObject({ code: 'INTERNAL', details: { status: 400 } });
    expect(hubspot.requests).toHaveLength(1);
  });

  it('treats a broken connection as unavailable and never puts the token in the error', async () => {
    const reset = { status: 0, networkError: 'ECONNRESET' };
    hubspot.expect(read, reset, reset, reset);
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    const error = (await records.readTransaction(deal).then(
      () => new Error('expected a failure'),
      (e: unknown) => e as Error,
    )) as Error & { details?: unknown };

    expect(error).toMatchObject({ code: 'CRM_UNAVAILABLE', details: { status: null, reason: 'network', attempts: 3, errorCode: 'ECONNRESET' } });
    expect(`${error.message} ${JSON.stringify(error.details)} ${error.stack}`).not.toContain(TEST_TOKEN);
  });

  it('never puts the token in an error built from a HubSpot answer', async () => {
    hubspot.expect(read, hubSpotError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.'));
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    const error = (await records.readTransaction(deal).then(
      () => new Error('expected a failure'),
      (e: unknown) => e as Error,
    )) as Error & { details?: unknown };

    expect(error).toMatchObject({ code: 'CRM_UNAVAILABLE', details: { status: 401, category: 'INVALID_AUTHENTICATION' } });
    expect(`${error.message} ${JSON.stringify(error.details)}`).not.toContain(TEST_TOKEN);
  });
});

describe('the HubSpot mock the adapter tests rely on', () => {
  beforeEach(() => {
    hubspot = HubSpotMock.start();
  });

  it('reports a request nobody expected', async () => {
    const records = createHubSpotRecords(createHubSpotClient({ ...fastClientOptions(hubspot), retries: 0 }));

    const error = (await records.readTransaction(deal).then(
      () => new Error('expected a failure'),
      (e: unknown) => e as Error,
    )) as Error & { details?: unknown };

    expect(error).toMatchObject({ code: 'CRM_UNAVAILABLE', details: { reason: 'network' } });
    // nock's own "no match" message quotes the request headers, token included; none of it may reach the error
    expect(`${error.message} ${JSON.stringify(error.details)} ${error.stack}`).not.toContain(TEST_TOKEN);
    expect(hubspot.takeProblems()).toEqual([`no interceptor for GET /crm/v3/objects/deals/1001?${DEAL_QUERY}`]);
  });

  it('reports a body, a query or a token that differs from the expectation', async () => {
    hubspot.expect({ method: 'PATCH', path: '/crm/v3/objects/deals/1001', query: 'idProperty=x', body: { properties: { refund_status: 'fully_refunded' } } }, found);
    const client = createHubSpotClient({ ...fastClientOptions(hubspot), accessToken: 'another-token' });

    await client.send({ method: 'PATCH', path: '/crm/v3/objects/deals/1001', body: { properties: { refund_status: 'not_refunded' } } });
    expect(hubspot.takeProblems()).toEqual([
      'PATCH /crm/v3/objects/deals/1001: Authorization header is not "Bearer <token>"',
      'PATCH /crm/v3/objects/deals/1001: query "", expected "idProperty=x"',
      'PATCH /crm/v3/objects/deals/1001: body {"properties":{"refund_status":"not_refunded"}}, expected {"properties":{"refund_status":"fully_refunded"}}',
    ]);
  });
});
