import DataLoader from 'dataloader';
import { EntityManager } from '@mikro-orm/postgresql';
import { and, intArray, SqlPart } from '../db/sql';
import { ConnectionResult, PageArgs, PageRequest, pageRequest, toConnection } from './pagination';

/**
 * One keyset-paginated list query for many parents at once: rows are numbered per parent with a window
 * function, so `communes → clubs(first: 5)` is one statement however many communes there are.
 */
export interface PagedQuery {
  /** FROM clause with its joins, e.g. `club c`. */
  from: string;
  /**
   * Columns of the row: a select list such as `c.*`, or a projection (some columns of the table under
   * `alias`, see nodeColumns), whose columns the page then also uses as its keys instead of reading them twice.
   */
  select: string | Projection;
  /** Filters shared by every parent. */
  where: SqlPart;
  /** Expression that names the parent of a row (its partition), e.g. `m.club_id`. */
  parent: string;
  /** Extra join that maps rows to parents (e.g. a unit scope), placed after FROM. */
  parentJoin?: SqlPart;
  /** Sort expression and direction; the row id breaks ties. */
  sort: { expr: string; direction: 'asc' | 'desc' };
  id: string;
}

export interface Projection {
  alias: string;
  columns: readonly string[];
}

export type PagedRow = Record<string, unknown>;

/** A parent's rows, and the row fields that hold each row's sort value and id (its cursor). */
export interface Page {
  rows: PagedRow[];
  sortKey: string;
  idKey: string;
}

/** The projected column an expression such as `m.full_name` or `m."id"` reads, if any. */
function projectedColumn(projection: Projection | null, expr: string): string | null {
  const match = /^(\w+)\.("?)(\w+)\2$/.exec(expr);
  return projection && match && match[1] === projection.alias && projection.columns.includes(match[3]) ? match[3] : null;
}

function keysetCondition(query: PagedQuery, request: PageRequest): SqlPart | null {
  if (!request.from) return null;
  const ascending = (query.sort.direction === 'asc') !== request.backward;
  return { sql: `(${query.sort.expr}, ${query.id}) ${ascending ? '>' : '<'} (?, ?)`, params: request.from };
}

/** Rows of each parent's page (limit + 1 of them, in reading direction). */
export async function fetchPages(
  em: EntityManager,
  query: PagedQuery,
  request: PageRequest,
  parents: readonly number[],
): Promise<{ byParent: Map<number, PagedRow[]>; sortKey: string; idKey: string }> {
  const direction = (query.sort.direction === 'asc') !== request.backward ? 'asc' : 'desc';
  const projection = typeof query.select === 'string' ? null : query.select;
  const select = projection ? projection.columns.map((c) => `${projection.alias}."${c}"`).join(', ') : (query.select as string);
  // Keys that are projected columns are read from them: parsing a thousand rows is a good part of a page.
  const parentKey = projectedColumn(projection, query.parent) ?? '__parent';
  const sortKey = projectedColumn(projection, query.sort.expr) ?? '__sort';
  const idKey = projectedColumn(projection, query.id) ?? '__id';
  const output = projection
    ? [...projection.columns, ...[parentKey, sortKey, idKey].filter((k) => k.startsWith('__'))].map((c) => `page."${c}"`).join(', ')
    : 'page.*';
  const keys = `${query.parent} as __parent, ${query.sort.expr} as __sort, ${query.id} as __id`;
  const order = `${query.sort.expr} ${direction}, ${query.id} ${direction}`;
  let rows: PagedRow[];
  if (query.parentJoin) {
    // Parents reached through a join (units over their communes): rows numbered per parent.
    const where = and([query.where, { sql: `${query.parent} = any(?::int[])`, params: [intArray(parents)] }, keysetCondition(query, request)]);
    rows = await em.getConnection('read').execute<PagedRow[]>(
      `select ${output} from (
         select ${select}, ${keys}, row_number() over (partition by ${query.parent} order by ${order}) as __rn
         from ${query.from} ${query.parentJoin.sql}
         where ${where.sql}
       ) page
       where __rn <= ?
       order by __parent, __rn`,
      [...query.parentJoin.params, ...where.params, request.limit + 1],
    );
  } else {
    // Parents named by a column (a club's members): each page is an index range with a limit.
    const where = and([query.where, { sql: `${query.parent} = parent.id`, params: [] }, keysetCondition(query, request)]);
    rows = await em.getConnection('read').execute<PagedRow[]>(
      `select ${output} from unnest(?::int[]) with ordinality as parent(id, position)
       cross join lateral (select ${select}, ${keys} from ${query.from} where ${where.sql} order by ${order} limit ?) page
       order by parent.position, page.__sort ${direction}, page.__id ${direction}`,
      [intArray(parents), ...where.params, request.limit + 1],
    );
  }
  const byParent = new Map<number, PagedRow[]>(parents.map((p) => [p, []]));
  for (const row of rows) byParent.get(row[parentKey] as number)?.push(row);
  return { byParent, sortKey, idKey };
}

/** Count of matching rows per parent (for totalCount), one statement for all parents. */
export async function countByParent(em: EntityManager, query: PagedQuery, parents: readonly number[]): Promise<Map<number, number>> {
  const where = and([query.where, { sql: `${query.parent} = any(?::int[])`, params: [intArray(parents)] }]);
  const join = query.parentJoin ?? { sql: '', params: [] };
  const rows = await em
    .getConnection('read')
    .execute<Array<{ parent: number; n: number }>>(
      `select ${query.parent} as parent, count(*)::int as n from ${query.from} ${join.sql} where ${where.sql} group by 1`,
      [...join.params, ...where.params],
    );
  return new Map(rows.map((r) => [r.parent, r.n]));
}

export interface PageKey<A> {
  parent: number;
  /** Arguments that shape the query (filters, order, page); keys with equal args are batched together. */
  args: A;
}

/**
 * A request-scoped loader of pages: `load({ parent, args })` from many field resolvers becomes one
 * `fetchPages` per distinct args. `build` turns args into the query and page request.
 */
export function pageLoader<A>(
  em: EntityManager,
  build: (args: A, parents: readonly number[]) => { query: PagedQuery; request: PageRequest },
): DataLoader<PageKey<A>, Page, string> {
  return new DataLoader<PageKey<A>, Page, string>(
    async (keys) => {
      const groups = groupByArgs(keys);
      const results = new Map<string, Page>();
      for (const [argsKey, group] of groups) {
        const parents = [...new Set(group.map((k) => k.parent))];
        const { query, request } = build(group[0].args, parents);
        const { byParent, sortKey, idKey } = await fetchPages(em, query, request, parents);
        for (const parent of parents) results.set(`${parent}|${argsKey}`, { rows: byParent.get(parent) ?? [], sortKey, idKey });
      }
      return keys.map((k) => results.get(`${k.parent}|${JSON.stringify(k.args)}`)!);
    },
    { cacheKeyFn: (k) => `${k.parent}|${JSON.stringify(k.args)}` },
  );
}

/** Like pageLoader, for totalCount. */
export function countLoader<A>(
  em: EntityManager,
  build: (args: A, parents: readonly number[]) => PagedQuery,
): DataLoader<PageKey<A>, number, string> {
  return new DataLoader<PageKey<A>, number, string>(
    async (keys) => {
      const results = new Map<string, number>();
      for (const [argsKey, group] of groupByArgs(keys)) {
        const parents = [...new Set(group.map((k) => k.parent))];
        const counts = await countByParent(em, build(group[0].args, parents), parents);
        for (const parent of parents) results.set(`${parent}|${argsKey}`, counts.get(parent) ?? 0);
      }
      return keys.map((k) => results.get(`${k.parent}|${JSON.stringify(k.args)}`) ?? 0);
    },
    { cacheKeyFn: (k) => `${k.parent}|${JSON.stringify(k.args)}` },
  );
}

function groupByArgs<A>(keys: readonly PageKey<A>[]): Map<string, PageKey<A>[]> {
  const groups = new Map<string, PageKey<A>[]>();
  for (const key of keys) {
    const argsKey = JSON.stringify(key.args);
    const group = groups.get(argsKey);
    if (group) group.push(key);
    else groups.set(argsKey, [key]);
  }
  return groups;
}

/** Drops the bookkeeping columns before a row is mapped to an entity. */
export function entityColumns(row: PagedRow): Record<string, unknown> {
  const { __parent: _p, __sort: _s, __id: _i, __rn: _r, ...columns } = row;
  return columns;
}

/**
 * A request-scoped connection source: `(parent, args)` → a Relay connection page, with pages of many
 * parents fetched in one statement and totalCount in one more, only if selected.
 */
export function connectionLoader<A extends { page: PageArgs }, T>(
  em: EntityManager,
  build: (args: A, parents: readonly number[]) => PagedQuery,
  toNode: (row: PagedRow) => T,
): (parent: number, args: A) => Promise<ConnectionResult<T>> {
  const pages = pageLoader<A>(em, (args, parents) => ({ query: build(args, parents), request: pageRequest(args.page) }));
  const counts = countLoader<A>(em, build);
  return async (parent, args) => {
    const request = pageRequest(args.page);
    const key = { parent, args };
    return toConnection(await pages.load(key), request, toNode, () => counts.load(key));
  };
}

const mappers = new WeakMap<object, (row: Record<string, unknown>) => object>();

/**
 * Maps raw rows to instances of an entity class without MikroORM's identity map: read-only lists of
 * hundreds of rows per request are hydrated several times faster. Columns become properties by the
 * entity's metadata, many-to-one columns become `{ id }` references (what field resolvers read), and the
 * class prototype keeps getters such as the global id. One mapper per class for the process: every object
 * of a class then shares one prototype and shape, which keeps property reads fast across requests.
 */
export function rowMapper<T extends object>(em: EntityManager, entity: new () => T): (row: Record<string, unknown>) => T {
  const known = mappers.get(entity);
  if (known) return known as (row: Record<string, unknown>) => T;
  const meta = em.getMetadata().get(entity.name);
  const fields = Object.values(meta.properties)
    .filter((p) => p.fieldNames?.length === 1 && (p.kind === 'scalar' || p.kind === 'm:1' || (p.kind === '1:1' && p.owner)))
    .map((p) => ({ name: p.name, column: p.fieldNames[0], reference: p.kind !== 'scalar' }));
  // MikroORM puts change-tracking setters on entity prototypes; a layer of plain writable properties in
  // between makes each assignment a plain own property (instanceof and getters still work).
  const prototype = Object.create(entity.prototype) as object;
  for (const { name } of fields) Object.defineProperty(prototype, name, { value: undefined, writable: true, enumerable: false, configurable: true });
  const mapper = (row: Record<string, unknown>): T => {
    const object = Object.create(prototype) as Record<string, unknown>;
    for (const { name, column, reference } of fields) {
      const value = row[column];
      // Absent (not selected) and null columns stay as the prototype's undefined.
      if (value != null) object[name] = reference ? { id: value } : value;
    }
    return object as T;
  };
  mappers.set(entity, mapper);
  return mapper;
}
