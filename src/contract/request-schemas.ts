import * as z from 'zod';
import { REFUND_REASONS } from '../domain/refund-reason';

export const transactionParams = z.object({
  objectType: z.string().regex(/^([a-z_]{1,50}|\d{1,3}-\d{1,20})$/, 'is not a HubSpot object type'),
  objectId: z.string().regex(/^\d{1,20}$/, 'is not a HubSpot record id'),
});

/** A NUL character or a lone UTF-16 surrogate: text PostgreSQL cannot store (a NUL fails the insert, a lone surrogate has no UTF-8 form). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Free text that ends up in the ledger and on the CRM timeline. */
const storableText = (max: number) => z.string().max(max).refine((text) => !UNSTORABLE.test(text), 'contains a character that cannot be stored (NUL or an unpaired surrogate)');

/** What a refund and a void both carry: why, an optional note (required for "other"), and the form's key. */
const attemptFields = {
  reason: z.enum(REFUND_REASONS, { error: `must be one of ${REFUND_REASONS.join(', ')}` }),
  note: storableText(2000).optional(),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/, 'must be 8 to 128 letters, digits or . _ : -'),
};

const noteGivenForOther = (body: { reason: string; note?: string | undefined }) => body.reason !== 'other' || (body.note ?? '').trim().length > 0;
const noteRequiredMessage = { path: ['note'], message: 'is required when the reason is "other"' };

export const refundBody = z
  .object({ amount: storableText(40).optional(), ...attemptFields })
  .strict()
  .refine(noteGivenForOther, noteRequiredMessage);

export const voidBody = z
  .object(attemptFields)
  .strict()
  .refine(noteGivenForOther, noteRequiredMessage);

export const attemptParams = z.object({
  attemptId: z.uuid({ error: 'is not an attempt id' }),
});

const decisionNote = storableText(2000);

/** POST /api/attempts/{id}/approve: an optional note for the requester and the timeline. */
export const approveBody = z.object({ note: decisionNote.optional() }).strict();

/** POST /api/attempts/{id}/reject: the note says why (required, design §7). */
export const rejectBody = z
  .object({ note: decisionNote })
  .strict()
  .refine((body) => body.note.trim().length > 0, { path: ['note'], message: 'say why the request is rejected' });

/** POST /api/attempts/{id}/cancel takes no body; an empty object is accepted too. */
export const cancelBody = z.object({}).strict().optional();

/** PUT /api/policy: the policy (checked by the policy's own rules) and the version it was read at. */
export const policyBody = z
  .object({ policy: z.unknown().refine((value) => value !== undefined, 'is required'), version: z.number().int().min(0) })
  .strict();

/** ?cursor=&limit= of the lists. */
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
