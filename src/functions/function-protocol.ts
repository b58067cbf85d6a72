import * as z from 'zod';
import { transactionParams } from '../contract/request-schemas';

/**
 * What a HubSpot app function receives. HubSpot's own local runner builds exactly these four fields
 * (@hubspot/ui-extensions-dev-server 2.1.2, dist/lib/serverless/context.js `buildContext`); `parameters`
 * and `event.payload` are whatever the card sent, so nothing in them is trusted.
 */
export interface FunctionContext {
  readonly parameters?: unknown;
  readonly propertiesToSend?: Readonly<Record<string, unknown>>;
  readonly event?: unknown;
  readonly secrets?: Readonly<Record<string, string>>;
}

/** The function's answer: the HTTP status and JSON body the HTTP API would give (card ↔ backend protocol). */
export interface FunctionAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The function's uid: its hsmeta, and the name the card passes to `hubspot.serverless`. */
export const REFUND_API_UID = 'refund_api';

export const OPERATIONS = ['get', 'refund', 'void'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The card reads `context.crm.objectId` as a number; the HTTP API has it as a path segment. */
const recordId = z.preprocess(
  (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value),
  transactionParams.shape.objectId,
);

/**
 * `hubspot.serverless('refund_api', { parameters })`: the same object type and record id rules as the HTTP
 * path, and the HTTP body (validated later by the operation's own schema). Unknown keys, such as a
 * `userId`, are dropped: the acting user never comes from here.
 */
export const functionRequest = z.object({
  parameters: z.object({
    operation: z.enum(OPERATIONS),
    objectType: transactionParams.shape.objectType,
    objectId: recordId,
    body: z.unknown().optional(),
  }),
});

export type FunctionRequest = z.infer<typeof functionRequest>['parameters'];
