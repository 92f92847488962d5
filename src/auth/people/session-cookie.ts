import { Request, Response } from 'express';

export const SESSION_COOKIE = 'ishc_session';

/** The session token from the Cookie header, if any (no cookie parser needed for one name). */
export function sessionToken(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
    }
  }
  return null;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site subrequests), Path=/, and Secure when the
 * request came over HTTPS (req.secure honours X-Forwarded-Proto from TRUSTED_PROXIES only).
 */
export function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure, maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.secure });
}

/** The content types a cross-site HTML form (or a "simple" fetch) can send without a CORS preflight. */
const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
/** Headers a cross-site page cannot set without a preflight (the first two are the ones Apollo's CSRF prevention accepts). */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name', 'x-ishc-csrf'];

/**
 * Whether a browser could only have sent this request after a CORS preflight (which the hub never grants to
 * other origins): a non-simple content type, or one of the custom headers. The same rule as Apollo Server's
 * csrfPrevention, applied to every cookie-authenticated request (GraphQL, exports, imports, /auth).
 */
export function preflighted(req: Request): boolean {
  const type = req.headers['content-type'];
  if (type) {
    const media = type.split(';', 1)[0].trim().toLowerCase();
    if (!SIMPLE_TYPES.has(media)) return true;
  }
  return PREFLIGHT_HEADERS.some((name) => {
    const value = req.headers[name];
    return typeof value === 'string' && value.trim() !== '';
  });
}
