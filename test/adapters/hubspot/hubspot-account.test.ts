import nock from 'nock';
import { createHubSpotAccount } from '../../../src/adapters/hubspot/hubspot-account';
import { createHubSpotClient } from '../../../src/adapters/hubspot/hubspot-client';
import { setupCrm } from '../../../src/application/setup-crm';
import type { CrmSchema } from '../../../src/ports/crm-schema';
import { TEST_TOKEN } from '../../support/hubspot-mock';

/**
 * GET /account-info/v3/details is not among ../shared/specs, so this is plain nock with the example of HubSpot's
 * account info v3 spec (PortalInformationResponse, HubSpot/HubSpot-public-api-spec-collection, Account Info v3).
 */
const BASE = 'https://account.hubspot.test';
const DETAILS = {
  accountType: 'STANDARD',
  additionalCurrencies: ['NZD', 'AUD', 'EUR'],
  companyCurrency: 'USD',
  dataHostingLocation: 'eu1',
  portalId: 12345678,
  timeZone: 'US/Eastern',
  uiDomain: 'app-eu1.hubspot.com',
  utcOffset: '-04:00',
  utcOffsetMilliseconds: -14400000,
};

const account = () => createHubSpotAccount(createHubSpotClient({ accessToken: TEST_TOKEN, baseUrl: BASE, retries: 0, attemptTimeoutMs: 1_000, deadlineMs: 2_000 }));
const details = () => nock(BASE, { reqheaders: { authorization: `Bearer ${TEST_TOKEN}` } }).get('/account-info/v3/details');

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.restore());

describe('the HubSpot account the token belongs to', () => {
  it('is the portalId of GET /account-info/v3/details, as a string, with the domain of its HubSpot app', async () => {
    details().reply(200, DETAILS);
    await expect(account().details()).resolves.toEqual({ portalId: '12345678', uiDomain: 'app-eu1.hubspot.com' });
  });

  it('is the app access problem it is when the token may not read it', async () => {
    details().reply(403, { status: 'error', message: 'This app hasn\'t been granted all required scopes', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf', category: 'MISSING_SCOPES' });
    await expect(account().details()).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE' });
  });

  it('refuses an answer without a numeric portalId, or with a uiDomain that is not a host name', async () => {
    details().reply(200, { ...DETAILS, portalId: 'twelve' });
    await expect(account().details()).rejects.toMatchObject({ code: 'INTERNAL' });
    details().reply(200, { ...DETAILS, uiDomain: 'https://evil.example/' });
    await expect(account().details()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('is what `setup` reports, before it creates the refund properties', async () => {
    details().reply(200, DETAILS);
    const asked: string[] = [];
    const schema: CrmSchema = {
      async ensureProperties(objectType, _group, properties) {
        asked.push(objectType);
        return properties.map((property) => ({ kind: 'unchanged' as const, objectType, name: property.name }));
      },
    };
    const report = await setupCrm({ schema, account: account() }, ['deals']);
    expect(report).toMatchObject({ portalId: '12345678', uiDomain: 'app-eu1.hubspot.com', changed: 0 });
    expect(asked).toEqual(['deals']);
  });
});
