import { createHubSpotClient } from '../../../src/adapters/hubspot/hubspot-client';
import { createHubSpotRecords } from '../../../src/adapters/hubspot/hubspot-records';
import { AppError } from '../../../src/domain/errors';
import type { RefundProperties } from '../../../src/ports/crm-records';
import { HubSpotMock, fastClientOptions, hubSpotError } from '../../support/hubspot-mock';

const DEAL_QUERY =
  'properties=payment_provider&properties=payment_transaction_id&properties=payment_card_last4&properties=amount&properties=deal_currency_code&archived=false';

function simpleObject(id: string, properties: Record<string, string | null>) {
  return { id, properties, archived: false, createdAt: '2025-03-01T10:00:00.000Z', updatedAt: '2025-03-02T10:00:00.000Z' };
}

let hubspot: HubSpotMock;

beforeEach(() => {
  hubspot = HubSpotMock.start();
});

afterAll(() => {
  HubSpotMock.restore();
});

afterEach(() => {
  hubspot.close();
  expect(hubspot.problems()).toEqual([]);
});

describe('readTransaction', () => {
  it('reads the five payment properties of a deal in one call', async () => {
    hubspot.expect(
      { method: 'GET', path: '/crm/v3/objects/deals/1001', query: DEAL_QUERY },
      {
        status: 200,
        body: simpleObject('1001', {
          payment_provider: 'stripe',
          payment_transaction_id: 'pi_3PgafT',
          payment_card_last4: '',
          amount: '1500.00',
          deal_currency_code: 'USD',
          hs_object_id: '1001',
        }),
      },
    );
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(records.readTransaction({ objectType: 'deals', objectId: '1001' })).resolves.toEqual({
      provider: 'stripe',
      providerTransactionId: 'pi_3PgafT',
      cardLast4: null,
      amount: '1500.00',
      currency: 'USD',
    });
    expect(hubspot.requests).toHaveLength(1);
  });

  it('uses payment_amount / payment_currency and the configured overrides on other objects', async () => {
    hubspot.expect(
      {
        method: 'GET',
        path: '/crm/v3/objects/2-123456/77',
        query:
          'properties=gateway&properties=payment_transaction_id&properties=payment_card_last4&properties=payment_amount&properties=payment_currency&archived=false',
      },
      { status: 200, body: simpleObject('77', { gateway: 'paypal', payment_transaction_id: '8MC585209K746392H', payment_amount: '20' }) },
    );
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)), { '2-123456': { provider: 'gateway' } });

    await expect(records.readTransaction({ objectType: '2-123456', objectId: '77' })).resolves.toEqual({
      provider: 'paypal',
      providerTransactionId: '8MC585209K746392H',
      cardLast4: null,
      amount: '20',
      currency: null,
    });
  });

  it('answers null for a record that does not exist', async () => {
    hubspot.expect({ method: 'GET', path: '/crm/v3/objects/deals/404', query: DEAL_QUERY }, hubSpotError(404, 'OBJECT_NOT_FOUND', 'Object not found.'));
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(records.readTransaction({ objectType: 'deals', objectId: '404' })).resolves.toBeNull();
  });

  it('retries a 429 and answers once HubSpot does', async () => {
    hubspot.expect(
      { method: 'GET', path: '/crm/v3/objects/deals/1001', query: DEAL_QUERY },
      { status: 429, body: { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', policyName: 'TEN_SECONDLY_ROLLING' } },
      { status: 200, body: simpleObject('1001', { payment_provider: 'manual', amount: '10', deal_currency_code: 'EUR' }) },
    );
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(records.readTransaction({ objectType: 'deals', objectId: '1001' })).resolves.toMatchObject({ provider: 'manual' });
    expect(hubspot.count('GET', '/crm/v3/objects/deals/1001')).toBe(2);
  });

  it('gives up with CRM_UNAVAILABLE after three 500s', async () => {
    const failure = { status: 500, body: { status: 'error', message: 'internal error' } };
    hubspot.expect({ method: 'GET', path: '/crm/v3/objects/deals/1001', query: DEAL_QUERY }, failure, failure, failure);
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    const error = await records.readTransaction({ objectType: 'deals', objectId: '1001' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'CRM_UNAVAILABLE',
      message: 'HubSpot is not answering right now; try again in a minute.',
      details: { status: 500, attempts: 3 },
    });
    expect(hubspot.count('GET', '/crm/v3/objects/deals/1001')).toBe(3);
  });

  it('encodes the object type and id into the path', async () => {
    hubspot.expect(
      { method: 'GET', path: '/crm/v3/objects/p_refunds/a%2Fb', query: DEAL_QUERY.replace('amount&', 'payment_amount&').replace('deal_currency_code', 'payment_currency') },
      hubSpotError(404, 'OBJECT_NOT_FOUND', 'Object not found.'),
    );
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(records.readTransaction({ objectType: 'p_refunds', objectId: 'a/b' })).resolves.toBeNull();
  });
});

describe('writeRefundProperties', () => {
  const properties: RefundProperties = {
    refund_status: 'partially_refunded',
    refunded_amount: '12.34',
    refund_count: '1',
    last_refund_at: '2025-03-04T05:06:07.000Z',
    last_refund_reason: 'requested_by_customer',
    last_refund_attempt_status: 'succeeded',
  };

  it('sends the six refund properties as strings in one PATCH', async () => {
    hubspot.expect(
      { method: 'PATCH', path: '/crm/v3/objects/deals/1001', body: { properties } },
      { status: 200, body: simpleObject('1001', { ...properties }) },
    );
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await records.writeRefundProperties({ objectType: 'deals', objectId: '1001' }, properties);
    expect(hubspot.requests).toHaveLength(1);
  });

  it('sends nothing but the six properties, even when handed a richer object', async () => {
    const richer = { ...properties, hs_secret_field: 'x' } as RefundProperties;
    hubspot.expect({ method: 'PATCH', path: '/crm/v3/objects/deals/9', body: { properties } }, { status: 200, body: simpleObject('9', {}) });
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await records.writeRefundProperties({ objectType: 'deals', objectId: '9' }, richer);
  });

  it('clears values with empty strings', async () => {
    const cleared: RefundProperties = { ...properties, refund_status: 'not_refunded', refunded_amount: '0.00', refund_count: '0', last_refund_at: '', last_refund_reason: '', last_refund_attempt_status: '' };
    hubspot.expect({ method: 'PATCH', path: '/crm/v3/objects/deals/9', body: { properties: cleared } }, { status: 200, body: simpleObject('9', {}) });
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await records.writeRefundProperties({ objectType: 'deals', objectId: '9' }, cleared);
  });

  it('throws so that the outbox keeps the write when HubSpot stays down', async () => {
    const failure = { status: 503, body: { message: 'unavailable' } };
    hubspot.expect({ method: 'PATCH', path: '/crm/v3/objects/deals/9', body: { properties } }, failure, failure, failure);
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(records.writeRefundProperties({ objectType: 'deals', objectId: '9' }, properties)).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE' });
  });

  it('reports a missing property (setup not run) with HubSpot message for the operator', async () => {
    hubspot.expect(
      { method: 'PATCH', path: '/crm/v3/objects/deals/9', body: { properties } },
      hubSpotError(400, 'VALIDATION_ERROR', 'Property values were not valid: refund_status does not exist'),
    );
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(records.writeRefundProperties({ objectType: 'deals', objectId: '9' }, properties)).rejects.toMatchObject({
      code: 'INTERNAL',
      details: { status: 400, category: 'VALIDATION_ERROR', hubspotMessage: 'Property values were not valid: refund_status does not exist' },
    });
    expect(hubspot.requests).toHaveLength(1);
  });

  it('throws NOT_FOUND when the record is gone', async () => {
    hubspot.expect({ method: 'PATCH', path: '/crm/v3/objects/deals/9', body: { properties } }, hubSpotError(404, 'OBJECT_NOT_FOUND', 'Object not found.'));
    const records = createHubSpotRecords(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(records.writeRefundProperties({ objectType: 'deals', objectId: '9' }, properties)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
