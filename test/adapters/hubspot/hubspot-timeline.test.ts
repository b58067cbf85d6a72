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

describe('findNote', () => {
  const marker = '6f1c2a8e-0000-4000-8000-000000000001';
  const associated = (ids: readonly string[], after?: string) => ({
    status: 200,
    body: {
      results: ids.map((toObjectId) => ({ toObjectId, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 214 }] })),
      ...(after ? { paging: { next: { after, link: `https://api.hubapi.com/crm/v4/objects/deals/1001/associations/notes?after=${after}` } } } : {}),
    },
  });
  const batch = (notes: readonly [string, string][]) => ({
    status: 200,
    body: {
      status: 'COMPLETE',
      results: notes.map(([id, body]) => ({ id, properties: { hs_note_body: body, hs_object_id: id }, archived: false, createdAt: '2025-03-04T05:06:08.000Z', updatedAt: '2025-03-04T05:06:08.000Z' })),
      startedAt: '2025-03-04T05:06:08.000Z',
      completedAt: '2025-03-04T05:06:08.100Z',
    },
  });
  const readBody = (ids: readonly string[]) => ({ inputs: ids.map((id) => ({ id })), properties: ['hs_note_body'], propertiesWithHistory: [] });

  it("pages through the record's notes and reads them newest first until one holds the marker", async () => {
    hubspot
      .expect({ method: 'GET', path: '/crm/v4/objects/deals/1001/associations/notes', query: 'limit=500' }, associated(['5001', '5009'], 'MTAw'))
      .expect({ method: 'GET', path: '/crm/v4/objects/deals/1001/associations/notes', query: 'limit=500&after=MTAw' }, associated(['5010']))
      .expect({ method: 'POST', path: '/crm/v3/objects/notes/batch/read', body: readBody(['5010', '5009', '5001']) }, batch([['5010', '<p>another attempt</p>'], ['5009', `<ul><li>${marker}</li></ul>`], ['5001', '<p>old</p>']]));
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(timeline.findNote({ objectType: 'deals', objectId: '1001' }, marker)).resolves.toBe('5009');
    expect(hubspot.requests).toHaveLength(3);
  });

  it('answers null when no note holds the marker, and reads nothing when the record has no notes', async () => {
    hubspot
      .expect({ method: 'GET', path: '/crm/v4/objects/deals/1001/associations/notes', query: 'limit=500' }, associated(['5001']))
      .expect({ method: 'POST', path: '/crm/v3/objects/notes/batch/read', body: readBody(['5001']) }, batch([['5001', '<p>someone else’s note</p>']]))
      .expect({ method: 'GET', path: '/crm/v4/objects/deals/1002/associations/notes', query: 'limit=500' }, associated([]));
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(timeline.findNote({ objectType: 'deals', objectId: '1001' }, marker)).resolves.toBeNull();
    await expect(timeline.findNote({ objectType: 'deals', objectId: '1002' }, marker)).resolves.toBeNull();
  });

  it('reads at most 100 notes a call', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => String(6000 + i));
    const newestFirst = [...ids].reverse();
    hubspot
      .expect({ method: 'GET', path: '/crm/v4/objects/deals/1001/associations/notes', query: 'limit=500' }, associated(ids))
      .expect({ method: 'POST', path: '/crm/v3/objects/notes/batch/read', body: readBody(newestFirst.slice(0, 100)) }, batch(newestFirst.slice(0, 100).map((id) => [id, '<p>other</p>'])))
      .expect({ method: 'POST', path: '/crm/v3/objects/notes/batch/read', body: readBody(newestFirst.slice(100)) }, batch([['6000', `<li>${marker}</li>`]]));
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(timeline.findNote({ objectType: 'deals', objectId: '1001' }, marker)).resolves.toBe('6000');
  });

  it('throws NOT_FOUND with the record when the record is gone', async () => {
    hubspot.expect({ method: 'GET', path: '/crm/v4/objects/deals/1001/associations/notes', query: 'limit=500' }, hubSpotError(404, 'OBJECT_NOT_FOUND', 'Object not found.'));
    const timeline = createHubSpotTimeline(createHubSpotClient(fastClientOptions(hubspot)));

    await expect(timeline.findNote({ objectType: 'deals', objectId: '1001' }, marker)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { objectType: 'deals', objectId: '1001' } });
  });
});
