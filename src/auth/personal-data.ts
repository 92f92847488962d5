import { Extensions, MiddlewareFn, UseMiddleware } from 'type-graphql';
import type { HubContext } from '../context';
import { ForbiddenError } from '../errors';

/** Finds the club whose member a personal field belongs to, through the request's loaders. */
async function owningClub(root: Record<string, any>, typeName: string, ctx: HubContext) {
  const { clubs, members, funds } = ctx.loaders;
  let clubId: number | undefined;
  if (typeName === 'Member') clubId = root.club?.id;
  else if (typeName === 'Loan' || typeName === 'FundTransaction') clubId = (await funds.fundById.load(root.fund.id))?.club.id;
  else if (typeName === 'Award' && root.member) clubId = (await members.memberById.load(root.member.id))?.club.id;
  const club = clubId ? await clubs.clubById.load(clubId) : null;
  return club ? { communePre2025Id: club.communePre2025?.id, communePost2025Id: club.communePost2025?.id } : null;
}

/** Lets a personal field through only for viewers who may read the personal data of that member's club. */
const guardPersonalData: MiddlewareFn<HubContext> = async ({ root, context, info }, next) => {
  // An award to a club or an association names no person: nothing to guard.
  const namesNoOne = info.parentType.name === 'Award' && !(root as { member?: unknown }).member;
  if (context.viewer.role !== 'ADMIN' && !namesNoOne) {
    const club = await owningClub(root as Record<string, any>, info.parentType.name, context);
    if (!club || !context.access.mayReadPersonal(club)) {
      throw new ForbiddenError(`${info.parentType.name}.${info.fieldName} is personal data: it needs an association key for this area`);
    }
  }
  return next();
};

/**
 * Marks a field as members' personal data: it is guarded (null with a FORBIDDEN error at its path for
 * viewers without the right) and tagged in the schema's extensions. Such fields must be nullable.
 */
export function Personal(): PropertyDecorator & MethodDecorator {
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    Extensions({ personal: true })(target, key, descriptor as never);
    UseMiddleware(guardPersonalData)(target, key, descriptor as never);
  };
}
