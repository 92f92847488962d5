import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { HubContext } from '../context';
import { BadUserInputError, ForbiddenError } from '../errors';
import { AdminStructure, UnitLevel } from '../modules/admin-unit/admin-unit.enums';
import { requireAnyHealthAccess } from '../modules/health/health-access';
import { requireHealthNode } from '../modules/health/health.resolver';
import { fromGlobalId } from './global-id';
import { Node } from './node';
import { MAX_PAGE_SIZE } from './pagination';

const UNIT_LEVEL_BY_TYPE: Record<string, UnitLevel> = {
  Nation: UnitLevel.NATION,
  Province: UnitLevel.PROVINCE,
  District: UnitLevel.DISTRICT,
  Commune: UnitLevel.COMMUNE,
};

/** Fetches any object by its global id, through the same batched loaders as the rest of the schema. */
async function loadNode(ctx: HubContext, id: string): Promise<Node | null> {
  const decoded = fromGlobalId(id);
  if (!decoded) throw new BadUserInputError(`"${id}" is not an id issued by this API`, 'id');
  const { type, key } = decoded;
  const level = UNIT_LEVEL_BY_TYPE[type];
  if (level) {
    const [structure, code] = key.split(':');
    if (!(structure in AdminStructure)) throw new BadUserInputError(`"${id}" is not an id issued by this API`, 'id');
    const unit = level === UnitLevel.NATION ? ctx.units.nation(structure as AdminStructure) : ctx.units.find(structure as AdminStructure, code);
    return unit?.level === level ? unit : null;
  }
  const dbId = Number(key);
  if (!Number.isSafeInteger(dbId) || dbId <= 0) throw new BadUserInputError(`"${id}" is not an id issued by this API`, 'id');
  const { clubs, members, meetings, funds, training, awards, targets, supervision } = ctx.loaders;
  // Health records: refused before anything is read to a viewer who may read none (special category).
  const health = type === 'HealthCheck' || type === 'HomeCareVisit' ? (requireAnyHealthAccess(ctx), ctx.loaders.health) : null;
  const loaders: Record<string, { load(id: number): Promise<Node | null> }> = {
    Club: clubs.clubById,
    Member: members.memberById,
    Meeting: meetings.meetingById,
    Fund: funds.fundById,
    Loan: funds.loanById,
    FundTransaction: funds.transactionById,
    TrainingCourse: training.courseById,
    Award: awards.awardById,
    Target: targets.targetById,
    SupervisionVisit: supervision.visitById,
    ...(health ? { HealthCheck: health.checkById, HomeCareVisit: health.visitById } : {}),
  };
  const loader = loaders[type];
  if (!loader) throw new BadUserInputError(`"${id}" is not an id issued by this API`, 'id');
  const node = await loader.load(dbId);
  if (node) await requireAccess(ctx, type, node as never);
  return node;
}

/** node(id:) reaches every object, so it applies the same rules as the fields that lead to each kind. */
async function requireAccess(ctx: HubContext, type: string, node: Record<string, any>): Promise<void> {
  const { access, loaders } = ctx;
  const clubOf = async (clubId: number | undefined) => {
    const club = clubId ? await loaders.clubs.clubById.load(clubId) : null;
    if (!club) throw new ForbiddenError('Not available');
    return club.place;
  };
  const fundClub = async (fundId: number) => clubOf((await loaders.funds.fundById.load(fundId))?.club.id);
  switch (type) {
    case 'Club':
      return access.requireClub(node.place);
    case 'Meeting':
    case 'Fund':
    case 'SupervisionVisit':
      return access.requireClub(await clubOf(node.club.id));
    case 'Loan':
    case 'FundTransaction':
      return access.requireClub(await fundClub(node.fund.id));
    case 'Member':
      if (!access.mayReadPersonal(await clubOf(node.club.id))) throw new ForbiddenError('Members are personal data: this needs an association key for their area');
      return;
    case 'Award':
      if (node.club) return access.requireClub(await clubOf(node.club.id));
      if (node.member) return access.requireClub(await clubOf((await loaders.members.memberById.load(node.member.id))?.club.id));
      access.listableUnder(ctx.units.byDbId(node.associationUnit.id)!, false);
      return;
    case 'TrainingCourse':
      access.listableUnder(node.organiserUnit ? ctx.units.byDbId(node.organiserUnit.id)! : ctx.units.nation(AdminStructure.POST_2025), false);
      return;
    case 'Target':
      return access.requireMinistry();
    case 'HealthCheck':
    case 'HomeCareVisit':
      // The health rule, and the read written to the audit log before the record is answered.
      return requireHealthNode(ctx, type, node as never);
  }
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id; null when it no longer exists.' })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext) {
    return loadNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: `Objects by global ids (at most ${MAX_PAGE_SIZE}), in the order given.` })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: HubContext) {
    if (ids.length > MAX_PAGE_SIZE) throw new BadUserInputError(`"ids" may hold at most ${MAX_PAGE_SIZE} ids (got ${ids.length})`, 'ids');
    // A denied or malformed id is an error at its own position; the others still resolve.
    return Promise.all(ids.map((id) => loadNode(ctx, id).catch((err: Error) => err)));
  }
}
