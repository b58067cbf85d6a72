import { isUtf8 } from 'node:buffer';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { AppError } from '../domain/errors';

/** JSON in UTF-8 only (design §7): `application/json`, optionally with `charset=utf-8`, nothing else. */
const JSON_UTF8 = /^application\/json[ \t]*(;[ \t]*charset[ \t]*=[ \t]*("utf-8"|utf-8)[ \t]*)?$/i;
const EMPTY = Buffer.alloc(0);

const unsupported = (message: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', message);

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? '0') > 0;
}

/**
 * Reads the body as bytes, exactly as received (the signature covers them), after refusing what is not UTF-8 JSON:
 * another media type or charset, any Content-Encoding, or bytes that are not UTF-8. Parsing waits for `parseJsonBody`,
 * after the signature check. A request without a body (a GET) needs no Content-Type.
 */
export function readJsonBody(limit: string): RequestHandler[] {
  return [
    (req, _res, next) => {
      if (req.headers['content-encoding'] !== undefined) return next(unsupported('Send the body uncompressed, without a Content-Encoding.'));
      if (hasBody(req) && !JSON_UTF8.test(req.headers['content-type'] ?? '')) {
        return next(unsupported('Send the body as JSON in UTF-8 (Content-Type: application/json).'));
      }
      next();
    },
    express.raw({ type: () => true, limit, inflate: false }),
    (req, _res, next) => {
      const raw: unknown = req.body;
      req.rawBody = Buffer.isBuffer(raw) ? raw : EMPTY;
      req.body = undefined;
      if (!isUtf8(req.rawBody)) return next(unsupported('The body is not valid UTF-8: send JSON in UTF-8.'));
      next();
    },
  ];
}

/** The body as JSON, once the bytes have been accepted; no body stays undefined. */
export function parseJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const raw = req.rawBody ?? EMPTY;
  if (raw.length === 0) return next();
  try {
    // ignoreBOM keeps a byte order mark in the text, where JSON.parse refuses it: JSON has none (RFC 8259 §8.1).
    req.body = JSON.parse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(raw)) as unknown;
  } catch {
    return next(new AppError('INVALID_REQUEST', 'The body is not valid JSON.'));
  }
  next();
}
