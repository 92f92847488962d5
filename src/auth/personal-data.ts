import { defaultFieldResolver, GraphQLFieldResolver, GraphQLSchema, isObjectType } from 'graphql';
import { Extensions } from 'type-graphql';
import type { HubContext } from '../context';
import { ForbiddenError } from '../errors';

/**
 * Marks a field as members' personal data: it is guarded (null with a FORBIDDEN error at its path for
 * viewers without the right, see guardPersonalFields) and tagged in the schema's extensions. Such fields
 * must be nullable.
 */
export function Personal(): PropertyDecorator & MethodDecorator {
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    Extensions({ personal: true })(target, key, descriptor as never);
  };
}

type Decision = boolean | Promise<boolean>;

/** Per request: may the viewer read the personal data of a club's members (decided once per club). */
const decisions = new WeakMap<HubContext, Map<number, Decision>>();

function mayReadClub(clubId: number, ctx: HubContext): Decision {
  let byClub = decisions.get(ctx);
  if (!byClub) decisions.set(ctx, (byClub = new Map()));
  const known = byClub.get(clubId);
  if (known !== undefined) return known;
  const pending = ctx.loaders.clubs.clubById.load(clubId).then((club) => {
    const allowed = !!club && ctx.access.mayReadPersonal({ communePre2025Id: club.communePre2025?.id, communePost2025Id: club.communePost2025?.id });
    byClub.set(clubId, allowed);
    return allowed;
  });
  byClub.set(clubId, pending);
  return pending;
}

/** The club whose member a personal field belongs to, through the request's loaders. */
function owningClubId(root: Record<string, any>, typeName: string, ctx: HubContext): number | undefined | Promise<number | undefined> {
  const { members, funds } = ctx.loaders;
  if (typeName === 'Member') return root.club?.id;
  if (typeName === 'Loan' || typeName === 'FundTransaction') return funds.fundById.load(root.fund.id).then((fund) => fund?.club.id);
  if (typeName === 'Award' && root.member) return members.memberById.load(root.member.id).then((member) => member?.club.id);
  // A supervision visit's notes may name the club's members.
  if (typeName === 'SupervisionVisit') return root.club?.id;
  // An award to a club: its reason may still speak of the club's members.
  if (typeName === 'Award' && root.club) return root.club.id;
  return undefined;
}

function decide(root: Record<string, any>, typeName: string, ctx: HubContext): Decision {
  if (ctx.viewer.role === 'ADMIN') return true;
  // An award to an association names no person and belongs to no club: nothing to guard.
  if (typeName === 'Award' && !root.member && !root.club) return true;
  const clubId = owningClubId(root, typeName, ctx);
  if (clubId instanceof Promise) return clubId.then((id) => (id ? mayReadClub(id, ctx) : false));
  return clubId ? mayReadClub(clubId, ctx) : false;
}

/** Guards of fields that, once allowed, read their own property (see readsOwnProperty). */
const guardedProperties = new WeakSet<object>();

/** Whether a field's resolver only reads the property of its name (none, or the personal-data guard of one). */
export function readsOwnProperty(resolve: GraphQLFieldResolver<any, any> | undefined): boolean {
  return !resolve || guardedProperties.has(resolve);
}

/**
 * Wraps every field tagged personal with the access check. Plain resolver wrappers rather than resolver
 * middleware: once a club's decision is known (and always for ADMIN) the field resolves synchronously, so
 * a page of a thousand members does not turn into a thousand promise chains.
 */
export function guardPersonalFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.extensions?.personal) continue;
      const resolve: GraphQLFieldResolver<any, HubContext> = field.resolve ?? defaultFieldResolver;
      const refuse = () => {
        throw new ForbiddenError(`${type.name}.${field.name} is personal data: it needs an association key for this area`);
      };
      const guarded: GraphQLFieldResolver<any, HubContext> = (root, args, ctx, info) => {
        const allowed = decide(root, type.name, ctx);
        if (allowed === true) return resolve(root, args, ctx, info);
        if (allowed === false) return refuse();
        return allowed.then((ok) => (ok ? resolve(root, args, ctx, info) : refuse()));
      };
      if (!field.resolve) guardedProperties.add(guarded);
      field.resolve = guarded;
    }
  }
  return schema;
}
