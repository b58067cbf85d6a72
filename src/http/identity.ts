import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../domain/errors';
import { type HubSpotUserId, hubSpotUserId } from '../domain/ids';
import type { Clock } from '../ports/clock';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyV3 } from './signature';

export interface IdentityOptions {
  /** the app's client secret; null only in sandbox mode */
  readonly clientSecret: string | null;
  /** sandbox mode: an unsigned request may name its user in ?userId= (design §7) */
  readonly allowUnsigned: boolean;
  /** the URL HubSpot calls, when a proxy stands between; otherwise rebuilt from the request */
  readonly publicUrl: string | null;
  /** sandbox mode: the user of requests that name none (HubSpot's local dev proxy adds no userId) */
  readonly defaultUserId?: string | null;
  readonly clock: Clock;
}

declare module 'express-serve-static-core' {
  interface Request {
    rawBody?: string;
    actor?: HubSpotUserId;
  }
}

/**
 * The acting user comes only from a trusted channel: the query of a request whose HubSpot signature
 * verifies (hubspot.fetch adds userId, portalId, userEmail and appId), or, in sandbox mode, an unsigned ?userId=.
 */
export function identify(options: IdentityOptions) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const signature = req.get(SIGNATURE_HEADER);
    if (signature !== undefined || !options.allowUnsigned) {
      if (!options.clientSecret) return next(new AppError('INVALID_SIGNATURE', 'This backend has no HubSpot client secret to check signatures with.'));
      const check = verifyV3({
        secret: options.clientSecret,
        method: req.method,
        uri: `${options.publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`}${req.originalUrl}`,
        body: req.rawBody ?? '',
        signature,
        timestamp: req.get(TIMESTAMP_HEADER),
        now: options.clock.now(),
      });
      if (!check.ok) return next(new AppError('INVALID_SIGNATURE', check.reason));
    }
    const named = req.query.userId;
    const userId = named === undefined && options.allowUnsigned ? (options.defaultUserId ?? undefined) : named;
    if (typeof userId !== 'string' || !/^\d{1,20}$/.test(userId)) {
      return next(new AppError('INVALID_SIGNATURE', 'The request does not say which HubSpot user is acting (userId).'));
    }
    req.actor = hubSpotUserId(userId);
    next();
  };
}

/** The acting user that `identify` established; a route without one is a bug, answered as a signature problem. */
export function actorOf(req: Request): HubSpotUserId {
  if (!req.actor) throw new AppError('INVALID_SIGNATURE', 'The acting HubSpot user is unknown.');
  return req.actor;
}
