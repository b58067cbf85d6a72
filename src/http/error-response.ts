import type { NextFunction, Request, Response } from 'express';
import type { AttemptResult } from '../application/prepare-attempt';
import { ZodError } from 'zod';
import { AppError, type ErrorCode } from '../domain/errors';
import { assertNever } from '../domain/assert-never';
import type { Logger } from '../ports/logger';

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_REQUEST':
      return 400;
    case 'INVALID_SIGNATURE':
      return 401;
    case 'NOT_PERMITTED':
      return 403;
    case 'TRANSACTION_NOT_FOUND':
    case 'NOT_FOUND':
      return 404;
    case 'IDEMPOTENCY_KEY_REUSED':
      return 409;
    case 'AMOUNT_EXCEEDS_REFUNDABLE':
    case 'TRANSACTION_NOT_REFUNDABLE':
      return 422;
    case 'PROVIDER_NOT_CONFIGURED':
    case 'CRM_UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default:
      return assertNever(code);
  }
}

/** The contract's error body (design §7), the same through every host. */
export function errorBody(error: AppError): { error: { code: string; message: string; details?: Readonly<Record<string, unknown>> } } {
  return { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
}

/** 201 when the provider answered, 202 when the outcome is unknown, 200 for a replay of the same form (design §7). */
export function attemptStatus(result: AttemptResult): number {
  if (result.outcome === 'replayed') return 200;
  return result.attempt.status === 'unknown' ? 202 : 201;
}

/** What a host answers for a bug: never a stack trace, never a secret. */
export const INTERNAL_ERROR = new AppError('INTERNAL', 'Something went wrong on our side. Try again in a minute: sending the same form again never refunds twice.');

export function sendError(res: Response, error: AppError, status = statusOf(error.code)): void {
  res.status(status).json(errorBody(error));
}

export function invalidRequest(error: ZodError): AppError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  return new AppError('INVALID_REQUEST', first ? `${first.path || 'body'}: ${first.message}` : 'The request is invalid.', { issues });
}

/** Body-parser errors carry a `type` and an HTTP status: they are the client's mistakes (design §7). */
function bodyParserError(error: unknown): { status: number; message: string } | null {
  if (!error || typeof error !== 'object' || !('type' in error)) return null;
  const type = String((error as { type: unknown }).type);
  switch (type) {
    case 'entity.parse.failed':
      return { status: 400, message: 'The body is not valid JSON.' };
    case 'entity.too.large':
      return { status: 413, message: 'The body is too large.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, message: 'Send the body as UTF-8 JSON.' };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return { status: 400, message: 'The body could not be read.' };
    default:
      return null;
  }
}

export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (error instanceof AppError) return sendError(res, error);
    if (error instanceof ZodError) return sendError(res, invalidRequest(error));
    const parserError = bodyParserError(error);
    if (parserError) return sendError(res, new AppError('INVALID_REQUEST', parserError.message), parserError.status);
    logger.error('unexpected error', { method: req.method, path: req.path, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
    sendError(res, INTERNAL_ERROR);
  };
}
