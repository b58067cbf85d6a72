import { AppError } from '../../domain/errors';
import type { TransactionRef } from '../../domain/ids';
import type { CrmTimeline, TimelineNote } from '../../ports/crm-timeline';
import { type HubSpotClient, malformedResponse, segment, unexpectedResponse } from './hubspot-client';
import {
  associatedPageSchema,
  createdObjectSchema,
  defaultAssociationPath,
  noteAssociationTypeId,
  noteCreateBody,
  noteProperties,
  notesBatchSchema,
  zodIssues,
} from './hubspot-mapping';

// crm-associations-v4 lists at most 500 associations a page; crm-notes-v3 batch/read takes at most 100 ids.
const ASSOCIATIONS_PAGE = 500;
const BATCH_READ = 100;
/**
 * Bounds of one search: the record's note ids are listed up to this many (the listing's order is not documented),
 * and the newest of them read; a note made by an earlier try is among the newest. Past these, a rare duplicate note
 * beats an unbounded retry.
 */
const MAX_NOTES_LISTED = 20_000;
const MAX_NOTES_READ = 1_000;

/**
 * Timeline notes through crm-notes-v3. Standard objects get the note and its association in one call;
 * other objects (commerce payments, custom objects) have no fixed note association type id, so the note is
 * created first and then given the default association (crm-associations-v4).
 */
export function createHubSpotTimeline(client: HubSpotClient): CrmTimeline {
  return {
    async createNote(ref: TransactionRef, note: TimelineNote): Promise<string> {
      const typeId = noteAssociationTypeId(ref.objectType);
      const created = await client.send({ method: 'POST', path: '/crm/v3/objects/notes', body: noteCreateBody(ref, note, typeId) });
      if (created.status === 404) throw recordGone(ref, null);
      if (created.status !== 201 && created.status !== 200) throw unexpectedResponse(created, 'create a timeline note');
      const parsed = createdObjectSchema.safeParse(created.body);
      if (!parsed.success) throw malformedResponse('create a timeline note', zodIssues(parsed.error));
      const noteId = parsed.data.id;
      if (typeId !== null) return noteId;

      const associated = await client.send({ method: 'PUT', path: defaultAssociationPath(noteId, ref) }).catch((error: unknown) => {
        throw withNoteId(error, noteId);
      });
      if (associated.status === 404) throw recordGone(ref, noteId);
      if (associated.status !== 200 && associated.status !== 201) {
        throw withNoteId(unexpectedResponse(associated, 'attach the timeline note to the record'), noteId);
      }
      return noteId;
    },

    async updateNote(noteId: string, note: TimelineNote): Promise<void> {
      const response = await client.send({
        method: 'PATCH',
        path: `/crm/v3/objects/notes/${segment(noteId)}`,
        body: { properties: noteProperties(note) },
      });
      if (response.status === 404) throw new AppError('NOT_FOUND', 'The timeline note no longer exists in HubSpot.', { status: 404, noteId });
      if (response.status !== 200) throw unexpectedResponse(response, 'update a timeline note');
    },

    async findNote(ref: TransactionRef, marker: string): Promise<string | null> {
      const noteIds: string[] = [];
      let after: string | undefined;
      do {
        const listed = await client.send({
          method: 'GET',
          path: `/crm/v4/objects/${segment(ref.objectType)}/${segment(ref.objectId)}/associations/notes`,
          query: [['limit', String(ASSOCIATIONS_PAGE)], ...(after ? ([['after', after]] as const) : [])],
        });
        if (listed.status === 404) throw recordGone(ref, null);
        if (listed.status !== 200) throw unexpectedResponse(listed, "list the record's notes");
        const page = associatedPageSchema.safeParse(listed.body);
        if (!page.success) throw malformedResponse("list the record's notes", zodIssues(page.error));
        noteIds.push(...page.data.results.map((result) => result.toObjectId));
        after = page.data.paging?.next?.after;
      } while (after !== undefined && noteIds.length < MAX_NOTES_LISTED);
      // the newest notes have the highest ids: a retried write looks for a recent one
      const newestFirst = [...new Set(noteIds)].sort((a, b) => b.length - a.length || (a < b ? 1 : a > b ? -1 : 0)).slice(0, MAX_NOTES_READ);
      for (let from = 0; from < newestFirst.length; from += BATCH_READ) {
        const inputs = newestFirst.slice(from, from + BATCH_READ).map((id) => ({ id }));
        const read = await client.send({ method: 'POST', path: '/crm/v3/objects/notes/batch/read', body: { inputs, properties: ['hs_note_body'], propertiesWithHistory: [] } });
        if (read.status !== 200 && read.status !== 207) throw unexpectedResponse(read, "read the record's notes");
        const notes = notesBatchSchema.safeParse(read.body);
        if (!notes.success) throw malformedResponse("read the record's notes", zodIssues(notes.error));
        const found = notes.data.results.find((note) => note.properties.hs_note_body?.includes(marker));
        if (found) return found.id;
      }
      return null;
    },
  };
}

function recordGone(ref: TransactionRef, noteId: string | null): AppError {
  return new AppError('NOT_FOUND', 'The HubSpot record no longer exists.', {
    status: 404,
    objectType: ref.objectType,
    objectId: ref.objectId,
    ...(noteId ? { noteId } : {}),
  });
}

/** The note exists but is not on the record yet: the id lets an operator (or a later retry) finish the job. */
function withNoteId(error: unknown, noteId: string): unknown {
  return error instanceof AppError ? new AppError(error.code, error.message, { ...error.details, noteId }) : error;
}
