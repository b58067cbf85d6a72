import { createHubSpotClient } from '../../../src/adapters/hubspot/hubspot-client';
import { createHubSpotSchema } from '../../../src/adapters/hubspot/hubspot-schema';
import { REFUND_PROPERTIES, REFUND_PROPERTY_GROUP } from '../../../src/application/crm-write/refund-property-definitions';
import { HubSpotMock, fastClientOptions, hubSpotError } from '../../support/hubspot-mock';

const option = (label: string, value: string, displayOrder: number) => ({ label, value, displayOrder, hidden: false });

/** The exact PropertyCreate inputs of design §7 (group "refunds"). */
const CREATE_INPUTS = [
  {
    label: 'Refund status',
    description: 'Whether this payment has been refunded (in full or in part), voided, or has a refund in progress or awaiting approval. Set by the refund app.',
    type: 'enumeration',
    fieldType: 'select',
    options: [
      option('Not refunded', 'not_refunded', 0),
      option('Refund awaiting approval', 'refund_awaiting_approval', 1),
      option('Refund pending', 'refund_pending', 2),
      option('Partially refunded', 'partially_refunded', 3),
      option('Fully refunded', 'fully_refunded', 4),
      option('Voided', 'voided', 5),
    ],
    name: 'refund_status',
    groupName: 'refunds',
  },
  {
    label: 'Refunded amount',
    description: "Total refunded so far, in the payment's currency (a void is not counted: see Refund status). Set by the refund app.",
    type: 'number',
    fieldType: 'number',
    name: 'refunded_amount',
    groupName: 'refunds',
  },
  {
    label: 'Number of refunds',
    description: 'How many refunds of this payment succeeded. Set by the refund app.',
    type: 'number',
    fieldType: 'number',
    name: 'refund_count',
    groupName: 'refunds',
  },
  {
    label: 'Last refund date',
    description: 'When the latest successful refund completed. Set by the refund app.',
    type: 'datetime',
    fieldType: 'date',
    name: 'last_refund_at',
    groupName: 'refunds',
  },
  {
    label: 'Last refund reason',
    description: 'Reason given for the latest successful refund. Set by the refund app.',
    type: 'enumeration',
    fieldType: 'select',
    options: [
      option('Duplicate', 'duplicate', 0),
      option('Fraudulent', 'fraudulent', 1),
      option('Requested by customer', 'requested_by_customer', 2),
      option('Other', 'other', 3),
    ],
    name: 'last_refund_reason',
    groupName: 'refunds',
  },
  {
    label: 'Last refund attempt status',
    description: 'Where the latest refund attempt stands, including failed, rejected and expired ones. Set by the refund app.',
    type: 'enumeration',
    fieldType: 'select',
    options: [
      option('Awaiting approval', 'awaiting_approval', 0),
      option('Pending', 'pending', 1),
      option('Succeeded', 'succeeded', 2),
      option('Failed', 'failed', 3),
      option('Unknown (checking with the provider)', 'unknown', 4),
      option('Rejected', 'rejected', 5),
      option('Expired (not approved in time)', 'expired', 6),
      option('Canceled', 'canceled', 7),
    ],
    name: 'last_refund_attempt_status',
    groupName: 'refunds',
  },
];

type CreateInput = (typeof CREATE_INPUTS)[number] & { options?: ReturnType<typeof option>[] };

/** A Property as HubSpot returns it after creating it from `input`. */
function stored(input: CreateInput) {
  return {
    ...input,
    options: input.options ?? [],
    hidden: false,
    formField: false,
    hasUniqueValue: false,
    calculated: false,
    externalOptions: false,
    hubspotDefined: false,
    displayOrder: -1,
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
  };
}

const dealAmount = stored({ name: 'amount', label: 'Amount', description: '', type: 'number', fieldType: 'number', groupName: 'dealinformation' } as CreateInput);
const group = { name: 'refunds', label: 'Refunds', displayOrder: -1, archived: false };

const batchCreated = (results: unknown[]) => ({
  status: 201,
  body: { status: 'COMPLETE', results, startedAt: '2025-03-01T10:00:00.000Z', completedAt: '2025-03-01T10:00:01.000Z' },
});

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

function schema() {
  return createHubSpotSchema(createHubSpotClient(fastClientOptions(hubspot)));
}

const writes = () => hubspot.requests.filter((request) => request.method !== 'GET');

describe('ensureProperties', () => {
  it('on a fresh account creates the group and all six properties in one batch, then a second run writes nothing', async () => {
    hubspot
      .expect({ method: 'GET', path: '/crm/v3/properties/deals/groups/refunds' }, hubSpotError(404, 'OBJECT_NOT_FOUND', 'Property group refunds does not exist'))
      .expect({ method: 'POST', path: '/crm/v3/properties/deals/groups', body: { name: 'refunds', label: 'Refunds' } }, { status: 201, body: group })
      .expect({ method: 'GET', path: '/crm/v3/properties/deals' }, { status: 200, body: { results: [dealAmount] } })
      .expect({ method: 'POST', path: '/crm/v3/properties/deals/batch/create', body: { inputs: CREATE_INPUTS } }, batchCreated(CREATE_INPUTS.map(stored)));

    const first = await schema().ensureProperties('deals', REFUND_PROPERTY_GROUP, REFUND_PROPERTIES);

    expect(first).toEqual([
      { kind: 'group_created', objectType: 'deals', name: 'refunds' },
      ...CREATE_INPUTS.map(({ name }) => ({ kind: 'property_created', objectType: 'deals', name })),
    ]);
    expect(writes()).toHaveLength(2);

    // The second run reads back what the first one sent, as HubSpot stores it.
    const createdInputs = (hubspot.requests.find((r) => r.path.endsWith('/batch/create'))?.body as { inputs: CreateInput[] }).inputs;
    hubspot.requests.length = 0;
    hubspot
      .expect({ method: 'GET', path: '/crm/v3/properties/deals/groups/refunds' }, { status: 200, body: group })
      .expect({ method: 'GET', path: '/crm/v3/properties/deals' }, { status: 200, body: { results: [dealAmount, ...createdInputs.map(stored)] } });

    const second = await schema().ensureProperties('deals', REFUND_PROPERTY_GROUP, REFUND_PROPERTIES);

    expect(second).toEqual(CREATE_INPUTS.map(({ name }) => ({ kind: 'unchanged', objectType: 'deals', name })));
    expect(hubspot.requests).toHaveLength(2);
    expect(writes()).toEqual([]);
  });

  it('mends only the properties whose label, type, field type or options differ', async () => {
    const [refundStatus, refundedAmount, ...rest] = CREATE_INPUTS.map(stored) as [ReturnType<typeof stored>, ReturnType<typeof stored>, ...ReturnType<typeof stored>[]];
    const lastReason = rest[2] as ReturnType<typeof stored>;
    const olderStatus = { ...refundStatus, label: 'Refund state', options: refundStatus.options.slice(0, 3) };
    const textAmount = { ...refundedAmount, type: 'string', fieldType: 'text' };
    const reasonWithHiddenExtra = { ...lastReason, options: [...lastReason.options, { label: 'Chargeback', value: 'chargeback', displayOrder: 4, hidden: true }] };
    const description = { ...rest[0], description: 'An admin rewrote this help text.' };
    const existing = [olderStatus, textAmount, description, rest[1], reasonWithHiddenExtra, rest[3]];
    const { name: _s, groupName: _sg, ...statusBody } = CREATE_INPUTS[0] as CreateInput;
    const { name: _a, groupName: _ag, ...amountBody } = CREATE_INPUTS[1] as CreateInput;

    hubspot
      .expect({ method: 'GET', path: '/crm/v3/properties/deals/groups/refunds' }, { status: 200, body: group })
      .expect({ method: 'GET', path: '/crm/v3/properties/deals' }, { status: 200, body: { results: existing } })
      .expect({ method: 'PATCH', path: '/crm/v3/properties/deals/refund_status', body: statusBody }, { status: 200, body: refundStatus })
      .expect({ method: 'PATCH', path: '/crm/v3/properties/deals/refunded_amount', body: amountBody }, { status: 200, body: refundedAmount });

    const changes = await schema().ensureProperties('deals', REFUND_PROPERTY_GROUP, REFUND_PROPERTIES);

    expect(changes).toEqual([
      { kind: 'property_updated', objectType: 'deals', name: 'refund_status' },
      { kind: 'property_updated', objectType: 'deals', name: 'refunded_amount' },
      { kind: 'unchanged', objectType: 'deals', name: 'refund_count' },
      { kind: 'unchanged', objectType: 'deals', name: 'last_refund_at' },
      { kind: 'unchanged', objectType: 'deals', name: 'last_refund_reason' },
      { kind: 'unchanged', objectType: 'deals', name: 'last_refund_attempt_status' },
    ]);
  });

  it('creates only the missing ones on a custom object', async () => {
    const all = CREATE_INPUTS.map(stored);
    hubspot
      .expect({ method: 'GET', path: '/crm/v3/properties/2-123456/groups/refunds' }, { status: 200, body: group })
      .expect({ method: 'GET', path: '/crm/v3/properties/2-123456' }, { status: 200, body: { results: all.slice(0, 4) } })
      .expect({ method: 'POST', path: '/crm/v3/properties/2-123456/batch/create', body: { inputs: CREATE_INPUTS.slice(4) } }, batchCreated(all.slice(4)));

    const changes = await schema().ensureProperties('2-123456', REFUND_PROPERTY_GROUP, REFUND_PROPERTIES);

    expect(changes.map((change) => change.kind)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'property_created', 'property_created']);
  });

  it('reports a partial batch (207) as an error naming what HubSpot refused', async () => {
    const all = CREATE_INPUTS.map(stored);
    hubspot
      .expect({ method: 'GET', path: '/crm/v3/properties/deals/groups/refunds' }, { status: 200, body: group })
      .expect({ method: 'GET', path: '/crm/v3/properties/deals' }, { status: 200, body: { results: all.slice(0, 5) } })
      .expect(
        { method: 'POST', path: '/crm/v3/properties/deals/batch/create', body: { inputs: CREATE_INPUTS.slice(5) } },
        {
          status: 207,
          body: {
            status: 'COMPLETE',
            results: [],
            numErrors: 1,
            errors: [{ status: 'error', category: 'VALIDATION_ERROR', message: 'Property limit reached', context: {}, errors: [], links: {} }],
            startedAt: '2025-03-01T10:00:00.000Z',
            completedAt: '2025-03-01T10:00:01.000Z',
          },
        },
      );

    await expect(schema().ensureProperties('deals', REFUND_PROPERTY_GROUP, REFUND_PROPERTIES)).rejects.toMatchObject({
      code: 'INTERNAL',
      details: { status: 207, errors: ['Property limit reached'] },
    });
  });

  it('stops at a token without the schema scope, before any write', async () => {
    hubspot.expect(
      { method: 'GET', path: '/crm/v3/properties/deals/groups/refunds' },
      hubSpotError(403, 'MISSING_SCOPES', 'This app hasn\'t been granted all required scopes to make this call.'),
    );

    await expect(schema().ensureProperties('deals', REFUND_PROPERTY_GROUP, REFUND_PROPERTIES)).rejects.toMatchObject({
      code: 'CRM_UNAVAILABLE',
      details: { status: 403, category: 'MISSING_SCOPES' },
    });
    expect(writes()).toEqual([]);
  });
});
