import { createHubSpotClient } from '../../../src/adapters/hubspot/hubspot-client';
import { createHubSpotTimeline } from '../../../src/adapters/hubspot/hubspot-timeline';
import type { TimelineNote } from '../../../src/ports/crm-timeline';
import { HubSpotMock, fastClientOptions, hubSpotError } from '../../support/hubspot-mock';

const note: TimelineNote = {
  bodyHtml: '<p><strong>Refund succeeded</strong>: 12.34 USD, reason &quot;duplicate&quot;</p><p>Note: Tom &amp; Jerry &lt;script&gt;</p>',
  timestamp: new Date('2025-03-04T05:06:07.089Z'),
};
const noteProperties = { hs_timestamp: '2025-03-04T05:06:07.089Z', hs_note_body: note.bodyHtml };

function createdNote(id: string) {
  return { id, properties: noteProperties, archived: false, createdAt: '2025-03-04T05:06:08.000Z', updatedAt: '2025-03-04T05:06:08.000Z' };
}

function inline(objectId: string, associationTypeId: number) {
  return [{ to: { id: objectId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }] }];
}

const defaultAssociated = (noteId: string, objectId: string) => ({
  status: 200,
  body: {
    status: 'COMPLETE',
    results: [{ from: { id: noteId }, to: { id: objectId }, associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 } }],
    startedAt: '2025-03-04T05:06:08.000Z',
    completedAt: '2025-03-04T05:06:08.100Z',
  },
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

describe('createNote', () => {
  it('creates a note on a deal with the inline note→deal association (214) in one call', async () => {
    hubspot.expect(
      { method: 'POST', path: '/crm/v3/objects/notes', body: { properties: noteProperties, associations: inline('1001', 214) } },
      { status: 201, body: createdNote('5001') },
    );
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(timeline.createNote({ objectType: 'deals', objectId: '1001' }, note)).resolves.toBe('5001');
    expect(hubspot.requests).toHaveLength(1);
  });

  it.each([
    ['0-3', 214],
    ['contacts', 202],
    ['0-1', 202],
    ['companies', 190],
    ['tickets', 228],
  ])('uses the HUBSPOT_DEFINED note association of %s (%i)', async (objectType, typeId) => {
    hubspot.expect(
      { method: 'POST', path: '/crm/v3/objects/notes', body: { properties: noteProperties, associations: inline('42', typeId) } },
      { status: 201, body: createdNote('5003') },
    );
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(timeline.createNote({ objectType, objectId: '42' }, note)).resolves.toBe('5003');
  });

  it.each(['2-123456', 'commerce_payments'])('creates then associates with the default association on %s', async (objectType) => {
    hubspot
      .expect({ method: 'POST', path: '/crm/v3/objects/notes', body: { properties: noteProperties, associations: [] } }, { status: 201, body: createdNote('5002') })
      .expect({ method: 'PUT', path: `/crm/v4/objects/notes/5002/associations/default/${objectType}/77` }, defaultAssociated('5002', '77'));
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(timeline.createNote({ objectType, objectId: '77' }, note)).resolves.toBe('5002');
    expect(hubspot.requests.map((r) => r.method)).toEqual(['POST', 'PUT']);
    expect(hubspot.requests[1]?.body).toBeUndefined();
  });

  it('passes the HTML through untouched: no second escaping', async () => {
    hubspot.expect(
      { method: 'POST', path: '/crm/v3/objects/notes', body: { properties: noteProperties, associations: inline('1001', 214) } },
      { status: 201, body: createdNote('5001') },
    );
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await timeline.createNote({ objectType: 'deals', objectId: '1001' }, note);

    const sent = (hubspot.requests[0]?.body as { properties: { hs_note_body: string } }).properties.hs_note_body;
    expect(sent).toBe(note.bodyHtml);
    expect(sent).not.toContain('&amp;amp;');
    expect(sent).not.toContain('&amp;lt;');
    expect(sent).toContain('<strong>');
  });

  it('keeps the note id in the error when the association fails after the note was created', async () => {
    const failure = { status: 502, body: { message: 'bad gateway' } };
    hubspot
      .expect({ method: 'POST', path: '/crm/v3/objects/notes', body: { properties: noteProperties, associations: [] } }, { status: 201, body: createdNote('5004') })
      .expect({ method: 'PUT', path: '/crm/v4/objects/notes/5004/associations/default/2-123456/77' }, failure, failure, failure);
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(timeline.createNote({ objectType: '2-123456', objectId: '77' }, note)).rejects.toMatchObject({
      code: 'CRM_UNAVAILABLE',
      details: { status: 502, noteId: '5004' },
    });
  });

  it('throws CRM_UNAVAILABLE when HubSpot keeps failing, so the outbox retries', async () => {
    const failure = { status: 500, body: { message: 'internal error' } };
    hubspot.expect(
      { method: 'POST', path: '/crm/v3/objects/notes', body: { properties: noteProperties, associations: inline('1001', 214) } },
      failure,
      failure,
      failure,
    );
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(timeline.createNote({ objectType: 'deals', objectId: '1001' }, note)).rejects.toMatchObject({ code: 'CRM_UNAVAILABLE' });
    expect(hubspot.requests).toHaveLength(3);
  });
});

describe('updateNote', () => {
  it('rewrites the body and timestamp with one PATCH', async () => {
    hubspot.expect({ method: 'PATCH', path: '/crm/v3/objects/notes/5001', body: { properties: noteProperties } }, { status: 200, body: createdNote('5001') });
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await timeline.updateNote('5001', note);
    expect(hubspot.requests).toHaveLength(1);
  });

  it('throws NOT_FOUND when the note was deleted in HubSpot', async () => {
    hubspot.expect({ method: 'PATCH', path: '/crm/v3/objects/notes/5001', body: { properties: noteProperties } }, hubSpotError(404, 'OBJECT_NOT_FOUND', 'Object not found.'));
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(timeline.updateNote('5001', note)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { noteId: '5001' } });
  });
});
