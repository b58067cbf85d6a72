import type { AttemptResult } from '../application/attempts/attempt-result';
import { ZodError } from 'zod';
import { AppError, type ErrorCode } from '../domain/errors';
import { assertNever } from '../domain/assert-never';
import type { LogFields, Logger } from '../ports/logger';
import { detailsByAudience } from './public-details';

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_REQUEST':
    case 'INVALID_POLICY':
      return 400;
    case 'INVALID_SIGNATURE':
      return 401;
    case 'NOT_PERMITTED':
      return 403;
    case 'TRANSACTION_NOT_FOUND':
    case 'ATTEMPT_NOT_FOUND':
    case 'NOT_FOUND':
      return 404;
    case 'IDEMPOTENCY_KEY_REUSED':
    case 'ATTEMPT_NOT_AWAITING_APPROVAL':
    case 'POLICY_VERSION_CONFLICT':
    case 'POLICY_LOCKED':
      return 409;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'AMOUNT_EXCEEDS_REFUNDABLE':
    case 'TRANSACTION_NOT_REFUNDABLE':
      return 422;
    case 'PROVIDER_NOT_CONFIGURED':
    case 'PROVIDER_UNAVAILABLE':
    case 'CRM_UNAVAILABLE':
    case 'LEDGER_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default:
      return assertNever(code);
  }
}

/** The contract's error body (design §7), the same through every host: our code, our message, the public details only. */
export function errorBody(error: AppError): { error: { code: string; message: string; details?: Readonly<Record<string, unknown>> } } {
  const details = detailsByAudience(error).public;
  return { error: { code: error.code, message: error.message, ...(details ? { details } : {}) } };
}

/** Hosts call this for every error they answer: what the answer leaves out goes to the operator's log. */
export function logOperatorDetail(logger: Logger, error: AppError, context: LogFields): void {
  const operator = detailsByAudience(error).operator;
  if (operator) logger.warn('error detail for the operator', { ...context, code: error.code, answered: error.message, details: operator });
}

/**
 * 201 when the provider answered, 202 when the outcome is unknown or the refund awaits approval, 200 for a
 * replay of the same form (design §7).
 */
export function attemptStatus(result: AttemptResult): number {
  if (result.outcome === 'replayed') return 200;
  return result.attempt.status === 'unknown' || result.attempt.status === 'awaiting_approval' ? 202 : 201;
}

/** What a host answers for a bug: never a stack trace, never a secret. */
export const INTERNAL_ERROR = new AppError('INTERNAL', 'Something went wrong on our side. Try again in a minute: sending the same form again never refunds twice.');

/** Text the schemas let through but the database refused (SQLSTATE 22021, 22P05): still the request's fault. */
export const UNSTORABLE_INPUT = new AppError('INVALID_REQUEST', 'The request holds characters that cannot be stored. Remove them and try again.');

/** A request that does not fit its schema: every issue listed, and the first one's field named (`details.field`). */
export function invalidRequest(error: ZodError): AppError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = error.issues[0];
  const field = first?.path[0];
  return new AppError('INVALID_REQUEST', first ? `${issues[0]?.path || 'body'}: ${first.message}` : 'The request is invalid.', {
    issues,
    ...(field !== undefined ? { field: String(field) } : {}),
  });
}
