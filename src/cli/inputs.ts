import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { invalidRequest } from '../contract/error-answers';
import { refundBody, transactionParams, voidBody } from '../contract/request-schemas';
import { AppError } from '../domain/errors';
import { type HubSpotUserId, hubSpotUserId, type TransactionRef } from '../domain/ids';

/**
 * The CLI's arguments checked by the same schemas as the HTTP API's requests, so that both refuse the same
 * things with the same messages (option names instead of JSON fields where they differ).
 */
export interface RecordArguments {
  readonly objectType: string;
  readonly objectId: string;
}

export function recordRef(record: RecordArguments): TransactionRef {
  const parsed = transactionParams.safeParse(record);
  if (!parsed.success) throw optionError(parsed.error);
  return parsed.data;
}

export function userOption(value: string | undefined): HubSpotUserId {
  if (!value || !/^\d{1,20}$/.test(value)) throw new AppError('INVALID_REQUEST', 'Name the acting HubSpot user with --user <id> (digits).', { field: 'user' });
  return hubSpotUserId(value);
}

export interface AttemptOptions {
  readonly reason?: string;
  readonly note?: string;
  readonly key?: string;
}

export function refundInput(options: AttemptOptions & { readonly amount?: string }) {
  const parsed = refundBody.safeParse({ ...common(options), ...(options.amount !== undefined ? { amount: options.amount } : {}) });
  if (!parsed.success) throw optionError(parsed.error);
  return parsed.data;
}

export function voidInput(options: AttemptOptions) {
  const parsed = voidBody.safeParse(common(options));
  if (!parsed.success) throw optionError(parsed.error);
  return parsed.data;
}

/** A new key per run unless --key is given: repeating a command with the same --key never refunds twice. */
function common(options: AttemptOptions) {
  return { reason: options.reason, ...(options.note !== undefined ? { note: options.note } : {}), idempotencyKey: options.key ?? `cli-${randomUUID()}` };
}

const OPTION_NAMES: Readonly<Record<string, string>> = { idempotencyKey: '--key', amount: '--amount', reason: '--reason', note: '--note' };

function optionError(error: z.ZodError): AppError {
  const renamed = new z.ZodError(
    error.issues.map((issue) => ({ ...issue, path: issue.path.map((part) => OPTION_NAMES[String(part)] ?? part) })),
  );
  return invalidRequest(renamed);
}
