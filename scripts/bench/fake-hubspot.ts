import { randomUUID } from 'node:crypto';
import { type Latency, type FakeAnswer, type FakeRequest, type Routed, bearerOf, fakeListener, parseJsonObject } from './fake-http';
import type { RouteCounter } from './route-stats';

export interface FakeHubSpotOptions {
  readonly latency: Latency;
  readonly accessToken: string;
  /** `amount` of every deal, a decimal string in USD */
  readonly dealAmount: string;
  readonly counter: RouteCounter;
  /** `down`: every request answers 503, as in an outage; `writes_down`: only the writes (POST, PATCH) do */
  readonly availability: { state: HubSpotAvailability };
}

export type HubSpotAvailability = 'up' | 'writes_down' | 'down';

/** The notes the fake holds (their bodies) and the properties of the deals it was asked about, for the drill's checks. */
export interface HubSpotState {
  readonly notes: readonly { readonly id: string; readonly body: string }[];
  readonly deals: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
}

interface StoredObject {
  readonly id: string;
  readonly properties: Record<string, string | null>;
  readonly createdAt: string;
  updatedAt: string;
}

const DEAL = /^\/crm\/v3\/objects\/deals\/(\d+)$/;
const NOTE = /^\/crm\/v3\/objects\/notes\/(\d+)$/;
const DEAL_NOTES = /^\/crm\/v4\/objects\/deals\/(\d+)\/associations\/notes$/;
const USER = /^\/settings\/v3\/users\/(\d+)$/;

/**
 * Answers like api.hubapi.com for what the backend calls: crm-objects-v3 deals (GET, PATCH), crm-notes-v3
 * (POST, PATCH, batch/read), crm-associations-v4 (a deal's notes) and settings-users-v3 (GET). Every numeric deal id exists and holds a Stripe payment.
 */
export function fakeHubSpot(options: FakeHubSpotOptions) {
  const deals = new Map<string, StoredObject>();
  const notes = new Map<string, StoredObject>();
  const notesOfDeal = new Map<string, string[]>();
  let nextNoteId = 90_000_000_001n;

  const dealOf = (id: string): StoredObject => {
    let deal = deals.get(id);
    if (!deal) {
      const at = new Date().toISOString();
      deal = {
        id,
        createdAt: at,
        updatedAt: at,
        properties: {
          hs_object_id: id,
          createdate: at,
          hs_lastmodifieddate: at,
          dealname: `Bench deal ${id}`,
          payment_provider: 'stripe',
          payment_transaction_id: `pi_3Bench${id}`,
          amount: options.dealAmount,
          deal_currency_code: 'USD',
        },
      };
      deals.set(id, deal);
    }
    return deal;
  };

  const route = (request: FakeRequest): Routed => {
    const path = request.url.pathname;
    const at = (route: string, answer: () => FakeAnswer): Routed => ({
      route,
      answer: () => {
        const state = options.availability.state;
        if (state === 'down' || (state === 'writes_down' && request.method !== 'GET')) return error(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable.');
        return bearerOf(request) === options.accessToken ? answer() : error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
      },
    });
    let match = DEAL.exec(path);
    if (match?.[1] && request.method === 'GET') {
      const deal = dealOf(match[1]);
      return at('GET /crm/v3/objects/deals/{id}', () => ok(200, publicObject(deal, request.url.searchParams.getAll('properties'))));
    }
    if (match?.[1] && request.method === 'PATCH') {
      const deal = dealOf(match[1]);
      return at('PATCH /crm/v3/objects/deals/{id}', () => patch(deal, request.body));
    }
    if (path === '/crm/v3/objects/notes' && request.method === 'POST') {
      return at('POST /crm/v3/objects/notes', () => {
        const input = parseJsonObject(request.body);
        if (!input) return error(400, 'VALIDATION_ERROR', 'Invalid input JSON.');
        const id = (nextNoteId++).toString();
        const now = new Date().toISOString();
        const note: StoredObject = { id, createdAt: now, updatedAt: now, properties: { ...stringProperties(input.properties), hs_object_id: id, hs_createdate: now } };
        notes.set(id, note);
        for (const dealId of associatedIds(input.associations)) notesOfDeal.set(dealId, [...(notesOfDeal.get(dealId) ?? []), id]);
        return ok(201, publicObject(note, null));
      });
    }
    match = NOTE.exec(path);
    if (match?.[1] && request.method === 'PATCH') {
      const note = notes.get(match[1]);
      return at('PATCH /crm/v3/objects/notes/{id}', () => (note ? patch(note, request.body) : error(404, 'OBJECT_NOT_FOUND', 'resource not found')));
    }
    match = DEAL_NOTES.exec(path);
    if (match?.[1] && request.method === 'GET') {
      const ids = notesOfDeal.get(match[1]) ?? [];
      // one page holds every note: the bench's deals have few
      return at('GET /crm/v4/objects/deals/{id}/associations/notes', () =>
        ok(200, { results: ids.map((toObjectId) => ({ toObjectId, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 214 }] })) }),
      );
    }
    if (path === '/crm/v3/objects/notes/batch/read' && request.method === 'POST') {
      return at('POST /crm/v3/objects/notes/batch/read', () => {
        const input = parseJsonObject(request.body);
        const ids = Array.isArray(input?.inputs) ? input.inputs.map((item: { id?: unknown }) => String(item.id)) : [];
        const found = ids.flatMap((id) => notes.get(id) ?? []);
        const now = new Date().toISOString();
        return ok(200, { status: 'COMPLETE', results: found.map((note) => publicObject(note, ['hs_note_body'])), startedAt: now, completedAt: now });
      });
    }
    match = USER.exec(path);
    if (match?.[1] && request.method === 'GET') {
      const id = match[1];
      return at('GET /settings/v3/users/{id}', () =>
        ok(200, {
          id,
          email: `bench-user-${id}@example.com`,
          firstName: 'Bench',
          lastName: 'User',
          roleIds: [],
          superAdmin: true,
          primaryTeamId: '1',
          secondaryTeamIds: [],
        }),
      );
    }
    return { route: `${request.method} ${path} (unknown)`, answer: () => error(404, 'OBJECT_NOT_FOUND', 'resource not found') };
  };

  const state = (): HubSpotState => ({
    notes: [...notes.values()].map((note) => ({ id: note.id, body: note.properties.hs_note_body ?? '' })),
    deals: Object.fromEntries([...deals].map(([id, deal]) => [id, { ...deal.properties }])),
  });

  return { listener: fakeListener(options.latency, options.counter, route), state };
}

function patch(object: StoredObject, body: string): FakeAnswer {
  const input = parseJsonObject(body);
  if (!input) return error(400, 'VALIDATION_ERROR', 'Invalid input JSON.');
  Object.assign(object.properties, stringProperties(input.properties));
  object.updatedAt = new Date().toISOString();
  object.properties.hs_lastmodifieddate = object.updatedAt;
  return ok(200, publicObject(object, null));
}

/** SimplePublicObjectWithAssociations: asked-for properties only (unknown names come back null), plus the defaults. */
function publicObject(object: StoredObject, asked: readonly string[] | null) {
  let properties = object.properties;
  if (asked && asked.length > 0) {
    properties = {};
    for (const name of [...asked, 'hs_object_id', 'createdate', 'hs_lastmodifieddate']) properties[name] = object.properties[name] ?? null;
  }
  return { id: object.id, properties, createdAt: object.createdAt, updatedAt: object.updatedAt, archived: false };
}

/** The record ids of a note's inline associations (crm-notes-v3 PublicAssociationsForObject: `to.id`). */
function associatedIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((association: { to?: { id?: unknown } }) => (association?.to?.id === undefined ? [] : [String(association.to.id)]));
}

function stringProperties(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return result;
  for (const [name, v] of Object.entries(value)) result[name] = String(v);
  return result;
}

function ok(status: number, body: unknown): FakeAnswer {
  return { status, body };
}

function error(status: number, category: string, message: string): FakeAnswer {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category } };
}
