import { MikroORM } from '@mikro-orm/postgresql';
import { RequestHandler } from 'express';
import { ErrorCode } from '../errors';
import { verifyApiKey } from './api-keys';
import { VerifiedKeys } from './verified-keys';
import { ANONYMOUS_VIEWER } from './viewer';

/**
 * Resolves `Authorization: Bearer <key>` to res.locals.viewer. No header: anonymous. A wrong, expired or
 * revoked key is refused with 401 UNAUTHENTICATED — never silently treated as anonymous.
 */
export function authenticate(orm: MikroORM, verified?: VerifiedKeys): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (!header) {
      res.locals.viewer = ANONYMOUS_VIEWER;
      return next();
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const check = match ? await verifyApiKey(orm.em, match[1], new Date(), verified) : { ok: false as const, reason: 'Use "Authorization: Bearer <key>"' };
    if (!check.ok) {
      res
        .status(401)
        .set('www-authenticate', 'Bearer')
        .json({ errors: [{ message: check.reason, extensions: { code: ErrorCode.UNAUTHENTICATED, requestId: String(req.id) } }] });
      return;
    }
    res.locals.viewer = check.viewer;
    next();
  };
}
