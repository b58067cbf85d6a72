import * as z from 'zod';
import type { DirectoryUser } from '../../domain/directory-user';
import { hubSpotUserId, type TransactionRef } from '../../domain/ids';
import type { RefundProperties } from '../../ports/crm-records';
import type { TimelineNote } from '../../ports/crm-timeline';
import { segment } from './hubspot-client';
import { AssociationTypes } from './hubspot-sdk';

// ---- records (crm-objects-v3: SimplePublicObject) ----

export const simplePublicObjectSchema = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
});

export function objectPath(ref: TransactionRef): string {
  return `/crm/v3/objects/${segment(ref.objectType)}/${segment(ref.objectId)}`;
}


/** Exactly the six properties of design §7, whatever else the object carries. */
export function refundPropertiesBody(properties: RefundProperties): { properties: Record<keyof RefundProperties, string> } {
  return {
    properties: {
      refund_status: properties.refund_status,
      refunded_amount: properties.refunded_amount,
      refund_count: properties.refund_count,
      last_refund_at: properties.last_refund_at,
      last_refund_reason: properties.last_refund_reason,
      last_refund_attempt_status: properties.last_refund_attempt_status,
    },
  };
}

// ---- notes (crm-notes-v3, crm-associations-v4) ----

/**
 * HUBSPOT_DEFINED note→record association type ids of the standard objects, by name and by object type id.
 * Sources: @hubspot/api-client 13.5.0 lib/src/enums/AssociationTypes.js (noteToDeal 214, noteToContact 202,
 * noteToCompany 190, noteToTicket 228); https://rubydoc.info/gems/hubspot-api-client/17.2.0/Hubspot/Helpers/AssociationType;
 * https://developers.hubspot.com/docs/reference/api/crm/associations/association-details
 * Other objects (commerce payments, custom objects) get the default association through the v4 API instead.
 */
const NOTE_ASSOCIATION_TYPE_IDS: ReadonlyMap<string, number> = new Map([
  ['deals', AssociationTypes.noteToDeal],
  ['deal', AssociationTypes.noteToDeal],
  ['0-3', AssociationTypes.noteToDeal],
  ['contacts', AssociationTypes.noteToContact],
  ['contact', AssociationTypes.noteToContact],
  ['0-1', AssociationTypes.noteToContact],
  ['companies', AssociationTypes.noteToCompany],
  ['company', AssociationTypes.noteToCompany],
  ['0-2', AssociationTypes.noteToCompany],
  ['tickets', AssociationTypes.noteToTicket],
  ['ticket', AssociationTypes.noteToTicket],
  ['0-5', AssociationTypes.noteToTicket],
]);

export function noteAssociationTypeId(objectType: string): number | null {
  return NOTE_ASSOCIATION_TYPE_IDS.get(objectType.toLowerCase()) ?? null;
}

/** hs_timestamp places the note on the timeline; hs_note_body is HTML, already escaped by the caller. */
export function noteProperties(note: TimelineNote): { hs_timestamp: string; hs_note_body: string } {
  return { hs_timestamp: note.timestamp.toISOString(), hs_note_body: note.bodyHtml };
}

/** SimplePublicObjectInputForCreate: `associations` is required by the spec, so it is sent empty when there is no fixed type id. */
export function noteCreateBody(ref: TransactionRef, note: TimelineNote, associationTypeId: number | null) {
  return {
    properties: noteProperties(note),
    associations:
      associationTypeId === null
        ? []
        : [{ to: { id: ref.objectId }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId }] }],
  };
}

export const createdObjectSchema = z.object({ id: z.string().min(1) });

// crm-associations-v4 GET …/associations/{toObjectType}: CollectionResponseMultiAssociatedObjectWithLabelForwardPaging.
// The spec types toObjectId as a string; HubSpot has been seen to send it as a JSON integer, so both are read.
export const associatedPageSchema = z.object({
  results: z.array(z.object({ toObjectId: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String) })),
  paging: z.object({ next: z.object({ after: z.string().min(1) }).optional() }).optional(),
});

// crm-notes-v3 POST /batch/read: BatchResponseSimplePublicObject (200), …WithErrors (207, some ids not found).
export const notesBatchSchema = z.object({
  results: z.array(z.object({ id: z.string().min(1), properties: z.object({ hs_note_body: z.string().nullish() }) })),
});

export function defaultAssociationPath(noteId: string, ref: TransactionRef): string {
  return `/crm/v4/objects/notes/${segment(noteId)}/associations/default/${segment(ref.objectType)}/${segment(ref.objectId)}`;
}

// ---- users (settings-users-v3: PublicUser) ----

export const publicUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  superAdmin: z.boolean(),
  roleIds: z.array(z.string()).default([]),
  roleId: z.string().optional(),
  primaryTeamId: z.string().optional(),
  secondaryTeamIds: z.array(z.string()).default([]),
});

export function toDirectoryUser(user: z.output<typeof publicUserSchema>): DirectoryUser {
  const unique = (ids: readonly (string | undefined)[]) => [...new Set(ids.filter((id): id is string => Boolean(id)))];
  return {
    id: hubSpotUserId(user.id),
    email: user.email,
    ...(user.firstName ? { firstName: user.firstName } : {}),
    ...(user.lastName ? { lastName: user.lastName } : {}),
    superAdmin: user.superAdmin,
    roleIds: unique([...user.roleIds, user.roleId]),
    teamIds: unique([user.primaryTeamId, ...user.secondaryTeamIds]),
  };
}

export function zodIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
