import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { isUnstorableText } from '../adapters/store/ledger-errors';
import { errorBody, INTERNAL_ERROR, invalidRequest, logOperatorDetail, statusOf, UNSTORABLE_INPUT } from '../contract/error-answers';
import { AppError } from '../domain/errors';
import type { Logger } from '../ports/logger';

export function sendError(res: Response, error: AppError, status = statusOf(error.code)): void {
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
  res.status(status).json(errorBody(error));
}

/** Body-parser errors carry a `type` and an HTTP status: they are the client's mistakes (design §7). */
function bodyParserError(error: unknown): { error: AppError; status?: number } | null {
  if (!error || typeof error !== 'object' || !('type' in error)) return null;
  const type = String((error as { type: unknown }).type);
  switch (type) {
    case 'entity.parse.failed':
      return { error: new AppError('INVALID_REQUEST', 'The body is not valid JSON.') };
    case 'entity.too.large':
      return { error: new AppError('INVALID_REQUEST', 'The body is too large.'), status: 413 };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { error: new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON in UTF-8.') };
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
    case 'stream.not.readable':
      return { error: new AppError('INVALID_REQUEST', 'The body could not be read.') };
    default:
      return null;
  }
}

export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (error instanceof AppError) {
      logOperatorDetail(logger, error, { method: req.method, path: req.path });
      return sendError(res, error);
    }
    if (error instanceof ZodError) return sendError(res, invalidRequest(error));
    if (isUnstorableText(error)) return sendError(res, UNSTORABLE_INPUT);
    const parserError = bodyParserError(error);
    if (parserError) return sendError(res, parserError.error, parserError.status);
    logger.error('unexpected error', { method: req.method, path: req.path, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
    sendError(res, INTERNAL_ERROR);
  };
}
