import { ClassType, Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BadUserInputError } from '../errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

/** Relay page arguments, shared by every connection field. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

@Directive('@shareable')
@ObjectType({ description: 'Relay page information.', simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** A validated page request: which way to read, how many rows, from which keyset position. */
export interface PageRequest {
  /** Rows wanted on the page. */
  limit: number;
  /** true: read backwards from `before` (last/before); the page is reversed back before it is returned. */
  backward: boolean;
  /** Sort key [value, id] to start after (in reading direction). */
  from: [unknown, number] | null;
}

export function encodeCursor(sortValue: unknown, id: number): string {
  return Buffer.from(JSON.stringify([sortValue, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, argument: string): [unknown, number] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && Number.isInteger(value[1])) return value as [unknown, number];
  } catch {
    // falls through to the error below
  }
  throw new BadUserInputError(`"${argument}" is not a cursor returned by this API`, argument);
}

/** Checks first/last/after/before; more than MAX_PAGE_SIZE is an error, never a silent cut. */
export function pageRequest(args: PageArgs): PageRequest {
  const { first, last, after, before } = args;
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value == null) continue;
    if (value < 0) throw new BadUserInputError(`"${name}" must not be negative`, name);
    if (value > MAX_PAGE_SIZE) {
      throw new BadUserInputError(`"${name}" may be at most ${MAX_PAGE_SIZE} (got ${value}); page through with cursors`, name);
    }
  }
  if (first != null && last != null) throw new BadUserInputError('Give either "first" or "last", not both', 'last');
  if (last != null || (before != null && first == null)) {
    if (after != null) throw new BadUserInputError('"after" goes with "first", not with "last"', 'after');
    return { limit: last ?? DEFAULT_PAGE_SIZE, backward: true, from: before ? decodeCursor(before, 'before') : null };
  }
  if (before != null) throw new BadUserInputError('"before" goes with "last", not with "first"', 'before');
  return { limit: first ?? DEFAULT_PAGE_SIZE, backward: false, from: after ? decodeCursor(after, 'after') : null };
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

/** An edge whose cursor is encoded only if a client selects it. */
class PageEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly sortValue: unknown,
    private readonly id: number,
  ) {}

  get cursor(): string {
    return encodeCursor(this.sortValue, this.id);
  }
}

/**
 * The shape every connection resolver returns. `countTotal` runs only when a client selects totalCount, and
 * goes through a loader, so counts of many connections in one request are one query.
 */
export class ConnectionResult<T> {
  constructor(
    readonly edges: Edge<T>[],
    readonly pageInfo: PageInfo,
    private readonly countTotal: () => Promise<number>,
  ) {}

  get totalCount(): Promise<number> {
    return this.countTotal();
  }
}

/**
 * Builds a page from rows read in the request's direction with one extra row (limit + 1): the extra row
 * tells whether another page exists. Each row carries its sort value and id, which make its cursor.
 */
export function toConnection<R extends Record<string, unknown>, T>(
  { rows, sortKey, idKey }: { rows: R[]; sortKey: string; idKey: string },
  request: PageRequest,
  toNode: (row: R) => T,
  countTotal: () => Promise<number>,
): ConnectionResult<T> {
  const hasMore = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  if (request.backward) page.reverse();
  const edges = page.map((row) => new PageEdge(toNode(row), row[sortKey], row[idKey] as number));
  return new ConnectionResult(edges, new EdgesPageInfo(edges, request.backward ? false : hasMore, request.backward ? hasMore : false), countTotal);
}

/** Page information whose cursors are encoded only when selected (a list of 50 clubs × their members holds 51 pages). */
class EdgesPageInfo implements PageInfo {
  constructor(
    private readonly edges: readonly Edge<unknown>[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}

  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }

  get endCursor(): string | null {
    return this.edges[this.edges.length - 1]?.cursor ?? null;
  }
}

/** The GraphQL types of a connection of `nodeType`: `<Name>Connection` and `<Name>Edge`. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field(() => nodeType)
    node!: T;

    @Field({ description: 'Opaque cursor for after/before.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay cursor connection).`, simpleResolvers: true })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'All items matching the filter; counted only when selected.' })
    totalCount!: number;
  }
  return ConnectionType;
}

export const PAGE_ARG_DESCRIPTIONS = {
  first: `Items after "after", at most ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  after: 'Cursor to start after.',
  last: `Items before "before", at most ${MAX_PAGE_SIZE}.`,
  before: 'Cursor to end before.',
};
