import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../domain/errors';

/** 127.0.0.1, localhost or [::1], with any port: the raw Host header, never X-Forwarded-Host. */
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/i;

const FOREIGN_HOST = new AppError(
  'NOT_PERMITTED',
  'This sandbox backend answers only requests addressed to 127.0.0.1, localhost or [::1]. It trusts the userId in the query, so a page that reaches it under another host name (DNS rebinding) gets nothing.',
);

/**
 * Sandbox mode trusts an unsigned ?userId=, so listening on loopback is not enough: a web page whose own host name
 * resolves to 127.0.0.1 could call it from the rep's browser. Only a loopback Host is answered (design §7).
 */
export function loopbackHostOnly(req: Request, _res: Response, next: NextFunction): void {
  const host = req.headers.host;
  next(host !== undefined && LOOPBACK_HOST.test(host) ? undefined : FOREIGN_HOST);
}
