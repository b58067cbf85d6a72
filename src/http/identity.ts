import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../domain/errors';
import { type HubSpotUserId, hubSpotUserId } from '../domain/ids';
import type { Clock } from '../ports/clock';
import { readRequestTarget } from './request-target';
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
  /** HUBSPOT_PORTAL_ID: requests must name exactly this portal (design §7); null = not checked (sandbox mode) */
  readonly portalId?: string | null;
  readonly clock: Clock;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** the body's bytes exactly as received, for the signature */
    rawBody?: Buffer;
    actor?: HubSpotUserId;
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * The acting user comes only from a trusted channel: the query of a request whose HubSpot signature
 * verifies (hubspot.fetch adds userId, portalId, userEmail and appId), or, in sandbox mode, an unsigned ?userId=.
 * Both are read from the URL the signature covers, never from Express's own parse of it.
 */
export function identify(options: IdentityOptions) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const refuse = (reason: string) => next(new AppError('INVALID_SIGNATURE', reason));
    const target = readRequestTarget(req.originalUrl);
    if (!target.ok) return refuse(target.reason);
    const signature = req.get(SIGNATURE_HEADER);
    if (signature !== undefined || !options.allowUnsigned) {
      if (!options.clientSecret) return refuse('This backend has no HubSpot client secret to check signatures with.');
      const check = verifyV3({
        secret: options.clientSecret,
        method: req.method,
        uri: `${options.publicUrl ?? `${req.protocol}://${req.get('host') ?? ''}`}${req.originalUrl}`,
        body: req.rawBody ?? EMPTY,
        signature,
        timestamp: req.get(TIMESTAMP_HEADER),
        now: options.clock.now(),
      });
      if (!check.ok) return refuse(check.reason);
    }
    if (options.portalId) {
      const portals = target.query.get('portalId') ?? [];
      if (portals.length !== 1 || portals[0] !== options.portalId) return refuse('The request was not signed for the HubSpot account this backend serves (portalId).');
    }
    const named = target.query.get('userId') ?? [];
    if (named.length > 1) return refuse('The request names more than one HubSpot user (userId).');
    const userId = named[0] ?? (options.allowUnsigned ? (options.defaultUserId ?? undefined) : undefined);
    if (userId === undefined || !/^\d{1,20}$/.test(userId)) return refuse('The request does not say which HubSpot user is acting (userId).');
    req.actor = hubSpotUserId(userId);
    next();
  };
}

/** The acting user that `identify` established; a route without one is a bug, answered as a signature problem. */
export function actorOf(req: Request): HubSpotUserId {
  if (!req.actor) throw new AppError('INVALID_SIGNATURE', 'The acting HubSpot user is unknown.');
  return req.actor;
}
