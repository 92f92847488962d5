import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { HubContext } from '../context';
import { BadUserInputError } from '../errors';
import { AdminStructure, UnitLevel } from '../modules/admin-unit/admin-unit.enums';
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
function loadNode(ctx: HubContext, id: string): Promise<Node | null> | Node | null {
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
  const { clubs, members, meetings, funds, training, awards, targets } = ctx.loaders;
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
  };
  const loader = loaders[type];
  if (!loader) throw new BadUserInputError(`"${id}" is not an id issued by this API`, 'id');
  return loader.load(dbId);
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
    return Promise.all(ids.map((id) => loadNode(ctx, id)));
  }
}
