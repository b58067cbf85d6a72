import { AppError } from '../../domain/errors';
import type { TransactionRef } from '../../domain/ids';
import type { CrmTimeline, TimelineNote } from '../../ports/crm-timeline';
import { type HubSpotClient, malformedResponse, segment, unexpectedResponse } from './hubspot-client';
import {
  createdObjectSchema,
  defaultAssociationPath,
  noteAssociationTypeId,
  noteCreateBody,
  noteProperties,
  zodIssues,
} from './hubspot-mapping';

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
