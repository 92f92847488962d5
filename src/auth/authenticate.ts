import { MikroORM } from '@mikro-orm/postgresql';
import { RequestHandler } from 'express';
import { ErrorCode } from '../errors';
import { verifyApiKey } from './api-keys';
import { PeopleService } from './people/people.service';
import { clearSessionCookie, preflighted, sessionToken } from './people/session-cookie';
import { VerifiedKeys } from './verified-keys';
import { ANONYMOUS_VIEWER } from './viewer';

/**
 * Resolves `Authorization: Bearer <key>`, or else a person's session cookie, to res.locals.viewer; neither:
 * anonymous. A wrong, expired or revoked key, and an ended session, are refused with 401 UNAUTHENTICATED —
 * never silently treated as anonymous. A request authenticated by the cookie must also be one a browser sends
 * only after a CORS preflight (see preflighted), else 403: that is the CSRF defence for every route.
 */
export function authenticate(orm: MikroORM, verified?: VerifiedKeys, people?: PeopleService): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (!header) {
      const token = people ? sessionToken(req) : null;
      if (!token || !people) {
        res.locals.viewer = ANONYMOUS_VIEWER;
        return next();
      }
      if (!preflighted(req)) {
        res.status(403).json({
          errors: [
            {
              message: 'Cross-site request refused: a signed-in browser must send JSON (content-type: application/json) or an apollo-require-preflight header',
              extensions: { code: ErrorCode.FORBIDDEN, requestId: String(req.id) },
            },
          ],
        });
        return;
      }
      const session = await people.authenticate(token, String(req.id));
      if (!session.ok) {
        clearSessionCookie(req, res);
        res.status(401).json({ errors: [{ message: session.reason, extensions: { code: ErrorCode.UNAUTHENTICATED, requestId: String(req.id) } }] });
        return;
      }
      res.locals.viewer = session.session.viewer;
      res.locals.session = session.session;
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
