import { MikroORM } from '@mikro-orm/postgresql';
import express, { NextFunction, Request, Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import { Admission, admissionRefusal, callerOf } from '../../admission';
import { Role, Viewer } from '../../auth/viewer';
import { createContext } from '../../context';
import { ErrorCode } from '../../errors';
import { Logger } from '../../logger';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { FileError, MAX_FILE_BYTES } from './csv-input';
import { IMPORTERS, runImport } from './import.service';
import { ImportKind } from './import.types';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel'];

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message }, requestId: String(res.req.id) });
}

/** `?dryRun=true`: check only. Other parameters are mistakes worth reporting. */
function dryRunOf(query: Request['query']): boolean | string {
  const unknown = Object.keys(query).find((k) => k !== 'dryRun');
  if (unknown) return `Unknown parameter "${unknown}"; the only parameter is dryRun=true`;
  const value = String(query.dryRun ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(value)) return 'dryRun must be true or false';
  return value === 'true' || value === '1';
}

/** Refuses, before the body is read, what no file can fix: an unknown import, no key, a wrong content type. */
function precheck(req: Request, res: Response, next: NextFunction): void {
  const kind = String(req.params.kind);
  if (!(kind in IMPORTERS)) return fail(res, 404, 'NOT_FOUND', `No import "${kind}"; there are: ${Object.keys(IMPORTERS).join(', ')}`);
  const viewer = res.locals.viewer as Viewer | undefined;
  if (!viewer || viewer.role === Role.ANONYMOUS) {
    res.set('www-authenticate', 'Bearer');
    return fail(res, 401, ErrorCode.UNAUTHENTICATED, 'Send your API key: "Authorization: Bearer <key>"');
  }
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (!CSV_TYPES.some((t) => type.startsWith(t))) return fail(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as the body with "Content-Type: text/csv"');
  const charset = /charset=([^;\s]+)/.exec(type)?.[1].replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return fail(res, 400, 'UNSUPPORTED_ENCODING', `The file must be UTF-8, not ${charset}`);
  next();
}

/** Checking and writing a row, in the units of the cost budget; rows are counted as lines before any parsing. */
const PRICE_PER_ROW = 5;

function importPrice(body: Buffer): number {
  let lines = 1;
  for (let i = body.indexOf(0x0a); i !== -1; i = body.indexOf(0x0a, i + 1)) lines += 1;
  return lines * PRICE_PER_ROW;
}

/**
 * POST /imports/clubs | /imports/members | /imports/fund-transactions: a CSV file (UTF-8) as the body, the
 * caller's key in Authorization. 200 with the report when written (or checked, with ?dryRun=true); 422 when
 * rows have problems, 403 when some rows are outside the caller's area (nothing is written in either case).
 */
export function submissionRoutes(deps: { orm: MikroORM; units: UnitDirectory; admission: Admission }): Router {
  const router = Router();
  router.post('/imports/:kind', precheck, express.raw({ type: () => true, limit: MAX_FILE_BYTES }), (req, res, next) => {
    const dryRun = dryRunOf(req.query);
    if (typeof dryRun === 'string') return fail(res, 400, ErrorCode.BAD_USER_INPUT, dryRun);
    const viewer = res.locals.viewer as Viewer;
    const ctx = createContext({ em: deps.orm.em, units: deps.units, requestId: String(req.id), logger: req.log as Logger, viewer, clientAddress: req.ip, admission: deps.admission });
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // An import is heavy: it takes a slot and spends the caller's budget by its rows.
    deps.admission
      .heavy(callerOf(viewer, ctx.clientAddress), importPrice(body), () => runImport(ctx, String(req.params.kind) as ImportKind, body, { dryRun }))
      .then((report) => {
        const status = report.problems.some((p) => p.code === 'FORBIDDEN') ? 403 : report.problems.length ? 422 : 200;
        res.status(status).json({ ...report, requestId: String(req.id) });
      })
      .catch(next);
  });
  router.use('/imports', (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (err instanceof FileError) return fail(res, err.status, err.code, err.message);
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') return fail(res, 413, 'FILE_TOO_LARGE', `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB: split it`);
    if (e.type === 'request.aborted') return fail(res, 400, 'BAD_REQUEST', 'The upload was interrupted');
    const refusal = admissionRefusal(err);
    if (refusal) {
      if (refusal.error.retryAfterSeconds !== undefined) res.set('retry-after', String(refusal.error.retryAfterSeconds));
      return fail(res, refusal.status, refusal.error.code, refusal.error.message);
    }
    if (err instanceof GraphQLError) {
      const code = String(err.extensions.code);
      const status = code === ErrorCode.FORBIDDEN ? 403 : code === ErrorCode.CONFLICT ? 409 : code === ErrorCode.BAD_USER_INPUT ? 400 : 500;
      if (status !== 500) return fail(res, status, code, err.message);
    }
    (req.log as Logger | undefined)?.error({ err }, 'unexpected error in an import');
    fail(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  });
  return router;
}
