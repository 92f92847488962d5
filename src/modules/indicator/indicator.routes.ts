import { MikroORM } from '@mikro-orm/postgresql';
import { NextFunction, Request, Response, Router } from 'express';
import { GraphQLError } from 'graphql';
import { Admission, admissionRefusal } from '../../admission';
import { ANONYMOUS_VIEWER, Role, Viewer } from '../../auth/viewer';
import { createContext } from '../../context';
import { BadUserInputError, ErrorCode } from '../../errors';
import { Logger } from '../../logger';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { dataValueSets, indicatorCsv } from './indicator.export';
import { Disaggregation } from './indicator.enums';
import { IndicatorRequest } from './indicator.request';
import { serveIndicatorTable } from './indicator.service';

const PARAMETERS = ['ids', 'units', 'level', 'under', 'periods', 'structure', 'disaggregateBy', 'approvedOnly'];

/** A query parameter as a list: repeated (`?ids=a&ids=b`) or comma-separated (`?ids=a,b`). */
function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
}

function oneOf<T extends string>(values: Record<string, T>, raw: string, argument: string): T {
  const found = Object.values(values).find((v) => v === raw.trim().toUpperCase());
  if (!found) throw new BadUserInputError(`"${raw}" is not one of ${Object.values(values).join(', ')}`, argument);
  return found;
}

function single(query: Request['query'], name: string): string | undefined {
  const values = list(query[name]);
  if (values.length > 1) throw new BadUserInputError(`Give "${name}" once`, name);
  return values[0];
}

/** `STRUCTURE:CODE`, or a code alone in the structure asked for. */
function unitRef(raw: string, structure: AdminStructure, argument: string) {
  const [first, second] = raw.split(':');
  return second === undefined ? { structure, code: first } : { structure: oneOf(AdminStructure, first, argument), code: second };
}

/** The export routes take the `indicators` query's arguments as query parameters. */
export function parseIndicatorQuery(query: Request['query']): IndicatorRequest {
  const unknown = Object.keys(query).filter((k) => !PARAMETERS.includes(k));
  if (unknown.length) throw new BadUserInputError(`Unknown parameter "${unknown[0]}"; the parameters are ${PARAMETERS.join(', ')}`, unknown[0]);
  const structureParam = single(query, 'structure');
  const structure = structureParam ? oneOf(AdminStructure, structureParam, 'structure') : AdminStructure.POST_2025;
  const level = single(query, 'level');
  const under = single(query, 'under');
  const ids = list(query.ids);
  const units = list(query.units);
  const disaggregateBy = list(query.disaggregateBy);
  const approvedOnly = single(query, 'approvedOnly');
  if (approvedOnly !== undefined && !['true', 'false'].includes(approvedOnly.toLowerCase())) {
    throw new BadUserInputError(`"${approvedOnly}" is not true or false`, 'approvedOnly');
  }
  return {
    structure,
    periods: list(query.periods),
    ids: ids.length ? ids : null,
    units: units.length ? units.map((u) => unitRef(u, structure, 'units')) : null,
    level: level ? oneOf(UnitLevel, level, 'level') : null,
    under: under ? unitRef(under, structure, 'under') : null,
    disaggregateBy: disaggregateBy.map((d) => oneOf(Disaggregation, d, 'disaggregateBy')),
    approvedOnly: approvedOnly === undefined ? null : approvedOnly.toLowerCase() === 'true',
  };
}

/**
 * An association's files cover its own area: with no unit named, its scope (or the units of `level` under it);
 * a unit outside its scope is refused with FORBIDDEN (indicatorTable checks every unit of the table).
 */
function ownArea(request: IndicatorRequest, viewer: Viewer): IndicatorRequest {
  const scope = viewer.scope;
  if (viewer.role !== Role.ASSOCIATION || !scope || request.units || request.under || scope.structure !== request.structure) return request;
  return request.level ? { ...request, under: scope } : { ...request, units: [scope] };
}

/** Says whether a file holds approved data only (MINISTRY keys' default; see IndicatorTable.approvedOnly). */
export const APPROVED_ONLY_HEADER = 'x-approved-only';

/**
 * GET /exports/indicators.csv and /exports/dataValueSets.json: the `indicators` table as files, computed
 * with the same context as GraphQL (the viewer set by authentication, so protection applies alike).
 */
export function indicatorRoutes(deps: { orm: MikroORM; units: UnitDirectory; admission: Admission }): Router {
  const router = Router();
  const table = async (req: Request, res: Response) => {
    const viewer = (res.locals.viewer as Viewer | undefined) ?? ANONYMOUS_VIEWER;
    const request = ownArea(parseIndicatorQuery(req.query), viewer);
    const ctx = createContext({ em: deps.orm.em, units: deps.units, requestId: String(req.id), logger: req.log as Logger, viewer, clientAddress: req.ip, admission: deps.admission });
    ctx.access.requireExport();
    return serveIndicatorTable(ctx, request, { ownAreaOnly: viewer.role === Role.ASSOCIATION });
  };
  router.get('/exports/indicators.csv', (req, res, next) => {
    table(req, res)
      .then((result) => {
        res.set(APPROVED_ONLY_HEADER, String(result.approvedOnly)).type('text/csv; charset=utf-8').attachment('indicators.csv').send(indicatorCsv(result));
      })
      .catch(next);
  });
  router.get('/exports/dataValueSets.json', (req, res, next) => {
    table(req, res)
      .then((result) => {
        res.set(APPROVED_ONLY_HEADER, String(result.approvedOnly)).json(dataValueSets(result));
      })
      .catch(next);
  });
  router.use('/exports', (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (err instanceof GraphQLError && err.extensions.code === ErrorCode.FORBIDDEN) {
      res.status(403).json({ error: { code: ErrorCode.FORBIDDEN, message: err.message } });
      return;
    }
    if (err instanceof GraphQLError && err.extensions.code === ErrorCode.BAD_USER_INPUT) {
      res.status(400).json({ error: { code: ErrorCode.BAD_USER_INPUT, message: err.message, argument: err.extensions.argument ?? null } });
      return;
    }
    // Admission: over budget or a slot cap (429/503 with Retry-After), a statement timeout (503), a table
    // costing more than a minute's budget (400).
    const refusal = admissionRefusal(err);
    if (refusal) {
      if (refusal.error.retryAfterSeconds !== undefined) res.set('retry-after', String(refusal.error.retryAfterSeconds));
      res.status(refusal.status).json({ error: refusal.error });
      return;
    }
    (req.log as Logger | undefined)?.error({ err }, 'unexpected error in an export');
    res.status(500).json({ error: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error', requestId: String(req.id) } });
  });
  return router;
}
