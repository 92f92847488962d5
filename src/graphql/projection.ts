import { EntityManager } from '@mikro-orm/postgresql';
import { FieldNode, getNamedType, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema, isObjectType, Kind, SelectionSetNode } from 'graphql';
import { Extensions } from 'type-graphql';
import { readsOwnProperty } from '../auth/personal-data';
import type { Projection } from './paged-query';

/** `Type.field` of field resolvers that read only their object's keys (see ReadsKeysOnly). */
const keysOnlyFields = new Set<string>();

/**
 * Marks a field resolver that reads nothing of its object but the primary and foreign keys (a club's
 * members, a member's club): selecting it does not make a page read every column.
 */
export function ReadsKeysOnly(): MethodDecorator {
  return Extensions({ readsKeysOnly: true });
}

/** Records the fields marked ReadsKeysOnly (the subgraph schema built from SDL loses extensions). */
export function registerKeysOnlyFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) if (field.extensions?.readsKeysOnly) keysOnlyFields.add(`${type.name}.${field.name}`);
  }
  return schema;
}

/** Per entity: the columns every row needs, and the column behind each field that is a plain column. */
interface EntityColumns {
  always: string[];
  byField: Map<string, string>;
}

const known = new WeakMap<object, EntityColumns>();

function columnsOf(em: EntityManager, entity: new () => object): EntityColumns {
  let columns = known.get(entity);
  if (columns) return columns;
  const meta = em.getMetadata().get(entity.name);
  const always: string[] = [];
  const byField = new Map<string, string>();
  for (const property of Object.values(meta.properties)) {
    if (property.fieldNames?.length !== 1) continue;
    const column = property.fieldNames[0];
    // Keys are always read: resolvers and access checks follow them (a member's club, a loan's fund).
    if (property.primary || property.kind === 'm:1' || (property.kind === '1:1' && property.owner)) always.push(column);
    if (property.kind === 'scalar' || property.kind === 'm:1') byField.set(property.name, column);
  }
  columns = { always, byField };
  known.set(entity, columns);
  return columns;
}

/** The names of the fields selected at `path` below the current field (fragments included). */
export function selectedNames(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const fieldsOf = (set: SelectionSetNode): FieldNode[] =>
    set.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection];
      if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet);
      const fragment = info.fragments[selection.name.value];
      return fragment ? fieldsOf(fragment.selectionSet) : [];
    });
  for (const step of path) {
    sets = sets.flatMap((set) => fieldsOf(set).filter((f) => f.name.value === step && f.selectionSet).map((f) => f.selectionSet!));
  }
  return new Set(sets.flatMap((set) => fieldsOf(set).map((f) => f.name.value)));
}

/**
 * The columns a page of entities needs for what the operation selects under `edges.node` of the current
 * (connection) field: the keys, plus the column of each selected field that reads its own property. null
 * (every column) as soon as a selected field has a resolver of its own, which may read any property.
 * Reading a page of members for three fields then parses a fifth of each row.
 */
export function nodeColumns(info: GraphQLResolveInfo, em: EntityManager, entity: new () => object): string[] | null {
  // The same field of every item of a list (and of every request for the same document) has the same
  // field node: the projection is worked out once.
  const cached = projections.get(info.fieldNodes[0]);
  if (cached !== undefined) return cached;
  const columns = projectionOf(info, em, entity);
  if (info.fieldNodes.length === 1) projections.set(info.fieldNodes[0], columns);
  return columns;
}

const projections = new WeakMap<FieldNode, string[] | null>();

function projectionOf(info: GraphQLResolveInfo, em: EntityManager, entity: new () => object): string[] | null {
  const edge = getNamedType((getNamedType(info.returnType) as GraphQLObjectType).getFields().edges.type) as GraphQLObjectType;
  const nodeType = getNamedType(edge.getFields().node.type) as GraphQLObjectType;
  const fields = nodeType.getFields();
  const { always, byField } = columnsOf(em, entity);
  const columns = new Set(always);
  for (const name of selectedNames(info, ['edges', 'node'])) {
    // The global id is made from the primary key, which is always read.
    if (name === '__typename' || name === 'id' || keysOnlyFields.has(`${nodeType.name}.${name}`)) continue;
    const column = byField.get(name);
    if (!column || !readsOwnProperty(fields[name]?.resolve)) return null;
    columns.add(column);
  }
  return [...columns].sort();
}

/** What a paged query selects: the projection's columns of the table under `alias`, or every column. */
export function selectColumns(alias: string, columns: readonly string[] | null | undefined): string | Projection {
  return columns ? { alias, columns } : `${alias}.*`;
}
