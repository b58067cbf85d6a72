import nock from 'nock';
import { createHubSpotClient } from '../../src/adapters/hubspot/hubspot-client';
import { createHubSpotRecords } from '../../src/adapters/hubspot/hubspot-records';
import { jsonLogger } from '../../src/adapters/logging/json-logger';
import { HubSpotMock, fastClientOptions, hubSpotError } from '../support/hubspot-mock';
import { type HttpClient, startHttp, type TestBackend, testBackend } from '../support/test-backend';

const DEAL_QUERY = 'properties=payment_provider&properties=payment_transaction_id&properties=payment_card_last4&properties=amount&properties=deal_currency_code&archived=false';
const HUBSPOT_SAYS = 'Property values were not valid: [{"isValid":false,"message":"internal pipeline 7 rejected","name":"payment_provider"}]';

/** Two audiences in every error: HubSpot's own words go to the operator's log, never into the answer (issue 11, item 5). */
describe('what a HubSpot error tells the card', () => {
  let hubspot: HubSpotMock;
  let backend: TestBackend;
  let http: HttpClient;
  const logged: string[] = [];

  beforeAll(async () => {
    hubspot = HubSpotMock.start();
    nock.enableNetConnect(/^127\.0\.0\.1(:\d+)?$/);
    hubspot.expect({ method: 'GET', path: '/crm/v3/objects/deals/1001', query: DEAL_QUERY }, hubSpotError(400, 'VALIDATION_ERROR', HUBSPOT_SAYS));
    hubspot.expect({ method: 'GET', path: '/crm/v3/objects/deals/1002', query: DEAL_QUERY }, hubSpotError(403, 'MISSING_SCOPES', 'This app hasn\'t been granted all required scopes to make this call.'));
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));
    backend = await testBackend({ records, logger: jsonLogger((line) => logged.push(line)) });
    http = await startHttp(backend.deps, { clientSecret: null, allowUnsigned: true });
  });
  afterAll(async () => {
    await http.close();
    await backend.close();
    const problems = hubspot.problems();
    hubspot.close();
    HubSpotMock.restore();
    expect(problems).toEqual([]);
  });

  it('answers a HubSpot 400 with our code and message only, and logs HubSpot\'s message, category and correlation id', async () => {
    const response = await http.request('GET', '/api/transactions/deals/1001?userId=1');
    expect(response).toEqual({ status: 500, body: { error: { code: 'INTERNAL', message: 'HubSpot refused to read the record (HTTP 400).' } } });
    const operatorLine = logged.map((line) => JSON.parse(line) as Record<string, any>).find((line) => line.message === 'error detail for the operator');
    expect(operatorLine).toMatchObject({
      level: 'warn',
      code: 'INTERNAL',
      path: '/api/transactions/deals/1001',
      details: { status: 400, category: 'VALIDATION_ERROR', correlationId: 'aeb5f871-7f07-4993-9211-075dc63e7cbf', hubspotMessage: HUBSPOT_SAYS },
    });
  });

  it('answers a HubSpot 403 as CRM_UNAVAILABLE without details', async () => {
    const response = await http.request('GET', '/api/transactions/deals/1002?userId=1');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ error: { code: 'CRM_UNAVAILABLE', message: expect.stringMatching(/ask a HubSpot super admin/) } });
    expect(JSON.stringify(response.body)).not.toMatch(/MISSING_SCOPES|correlationId|granted/);
  });
});
