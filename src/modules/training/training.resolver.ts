import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { ForbiddenError } from '../../errors';
import { ConnectionArgs } from '../../graphql/connection-args';
import { nodeColumns } from '../../graphql/projection';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { listArea } from '../admin-unit/unit-ref';
import { UnitRef } from '../club/club.inputs';
import { MemberFilter, MemberOrder } from '../member/member.inputs';
import { MemberConnection } from '../member/member.types';
import { TrainingCourse } from './training.entity';
import { TrainingCourseFilter } from './training.inputs';
import { TrainingCourseConnection } from './training.types';
import { Member } from '../member/member.entity';

@Resolver(() => TrainingCourse)
export class TrainingCourseResolver {
  @Query(() => TrainingCourseConnection, { description: 'Training courses, newest first: all, or those organised within a unit.' })
  trainingCourses(
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025, description: 'Structure of the nation when no unit is given.' })
    structure: AdminStructure,
    @Arg('under', () => UnitRef, { nullable: true, description: 'Only courses organised by this unit or a unit below it.' }) under: UnitRef | undefined,
    @Arg('filter', () => TrainingCourseFilter, { nullable: true }) filter: TrainingCourseFilter | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: HubContext,
  ) {
    const unit = listArea(ctx, structure, under);
    return ctx.loaders.training.coursesWithin(unit, { filter, page: { ...page } });
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The unit whose association organised it; null: national.' })
  organiser(@Root() course: TrainingCourse, @Ctx() ctx: HubContext): AdministrativeUnit | null {
    return course.organiserUnit ? (ctx.units.byDbId(course.organiserUnit.id) ?? null) : null;
  }

  @FieldResolver(() => MemberConnection, { nullable: true, description: 'Members who attended (needs a key that may read members).' })
  trainees(
    @Root() course: TrainingCourse,
    @Arg('filter', () => MemberFilter, { nullable: true }) filter: MemberFilter | undefined,
    @Arg('orderBy', () => MemberOrder, { nullable: true }) orderBy: MemberOrder | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: HubContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    if (!ctx.viewer.mayReadPersonalData) throw new ForbiddenError('Lists of trainees need an association key');
    return ctx.loaders.members.traineesOf(course.id, { filter, orderBy, page: { ...page }, columns: nodeColumns(info, ctx.em, Member) });
  }
}
