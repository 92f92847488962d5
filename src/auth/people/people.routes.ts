import express, { Request, Response, Router } from 'express';
import { ErrorCode } from '../../errors';
import { CurrentSession, PeopleError, PeopleService, SignedIn } from './people.service';
import { clearSessionCookie, preflighted, sessionToken, setSessionCookie } from './session-cookie';

function fail(req: Request, res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  if (typeof extensions.retryAfterSeconds === 'number') res.set('retry-after', String(extensions.retryAfterSeconds));
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions, requestId: String(req.id) } }] });
}

/** Runs a handler; a PeopleError answers in GraphQL's error shape with its status, anything else goes to express. */
function handle(work: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response, next: express.NextFunction) => {
    try {
      await work(req, res);
    } catch (err) {
      if (err instanceof PeopleError) return fail(req, res, err.status, err.code, err.message, err.extensions);
      next(err);
    }
  };
}

/** Sign-in bodies must be JSON: a cross-site form cannot send that without a preflight (no login CSRF either). */
function requireJson(req: Request, res: Response, next: express.NextFunction): void {
  if (!req.is('application/json')) return fail(req, res, 415, 'BAD_REQUEST', 'Send a JSON body (content-type: application/json)');
  next();
}

function signedIn(req: Request, res: Response, people: PeopleService, result: SignedIn): void {
  setSessionCookie(req, res, result.token, result.session.expiresAt.getTime() - people.clock());
  res.status(200).json({
    account: result.account,
    session: { id: result.session.id, expiresAt: result.session.expiresAt.toISOString(), idleMinutes: people.settings.idleMinutes },
  });
}

/**
 * The cookie's life: POST /auth/sign-in, /auth/set-password (a set-password link's token; signs in),
 * /auth/change-password and /auth/sign-out. Everything else about accounts is in GraphQL.
 */
export function peopleRoutes(people: PeopleService): Router {
  const router = Router();
  const json = express.json({ limit: '4kb' });

  /** The request's session, refused (and the cookie cleared) when there is none. */
  const current = async (req: Request, res: Response): Promise<CurrentSession | null> => {
    const token = sessionToken(req);
    if (!token) {
      fail(req, res, 401, ErrorCode.UNAUTHENTICATED, 'Not signed in');
      return null;
    }
    if (!preflighted(req)) {
      fail(req, res, 403, ErrorCode.FORBIDDEN, 'Cross-site request refused: send JSON or an apollo-require-preflight header');
      return null;
    }
    const check = await people.authenticate(token, String(req.id));
    if (!check.ok) {
      clearSessionCookie(req, res);
      fail(req, res, 401, ErrorCode.UNAUTHENTICATED, check.reason);
      return null;
    }
    return check.session;
  };

  router.post(
    '/auth/sign-in',
    requireJson,
    json,
    handle(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const result = await people.signIn(
        { email: String(body.email ?? ''), password: String(body.password ?? ''), totp: body.totp as string | undefined, recoveryCode: body.recoveryCode as string | undefined },
        req.ip ?? 'unknown',
        String(req.id),
      );
      signedIn(req, res, people, result);
    }),
  );

  router.post(
    '/auth/set-password',
    requireJson,
    json,
    handle(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      signedIn(req, res, people, await people.setPassword(String(body.token ?? ''), String(body.password ?? ''), req.ip ?? 'unknown', String(req.id)));
    }),
  );

  router.post(
    '/auth/change-password',
    requireJson,
    json,
    handle(async (req, res) => {
      const session = await current(req, res);
      if (!session) return;
      const body = (req.body ?? {}) as Record<string, unknown>;
      await people.changePassword(session, String(body.currentPassword ?? ''), String(body.newPassword ?? ''), String(req.id));
      res.status(200).json({ passwordChanged: true });
    }),
  );

  router.post(
    '/auth/sign-out',
    handle(async (req, res) => {
      const session = await current(req, res);
      if (!session) return;
      await people.endSession(session.sessionId, 'signOut', session.viewer, String(req.id));
      clearSessionCookie(req, res);
      res.status(200).json({ signedOut: true });
    }),
  );

  return router;
}
