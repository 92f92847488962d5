import { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { selectedNames } from '../../graphql/projection';
import { listInTurns } from '../../turns';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { INDICATORS } from './indicator.catalogue';
import { IndicatorArgs } from './indicator.inputs';
import { serveIndicatorTable } from './indicator.service';
import { IndicatorDefinitionType, IndicatorRow, IndicatorTable } from './indicator.types';
import { Target } from './target.entity';

/** The indicator catalogue and the analytics table. */
@Resolver()
export class IndicatorResolver {
  @Query(() => [IndicatorDefinitionType], { description: 'The indicator catalogue, with exact definitions.' })
  indicatorDefinitions(): IndicatorDefinitionType[] {
    return INDICATORS.map((d) => ({ ...d, disaggregations: [...d.disaggregations] }));
  }

  @Query(() => IndicatorTable, {
    description:
      'Indicator values by unit, period and category, as a flat table; fresh (read from committed data on every call). ' +
      'For units whose personal data the viewer may not read, counts of people are rounded down to a multiple of 5 (see IndicatorRow.suppressed).',
  })
  indicators(@Args() args: IndicatorArgs, @Ctx() ctx: HubContext, @Info() info: GraphQLResolveInfo): Promise<IndicatorTable> {
    return serveIndicatorTable(ctx, args, { placement: selectedNames(info, []).has('placement') });
  }
}

@Resolver(() => IndicatorTable)
export class IndicatorTableResolver {
  /** Executed a slice at a time: a table can hold 50,000 rows, seconds of work for graphql-js. */
  @FieldResolver(() => [IndicatorRow], { description: 'Ordered by indicator (as asked), unit, period, then category.' })
  rows(@Root() table: IndicatorTable): ReadonlyArray<IndicatorRow | Promise<IndicatorRow>> {
    return listInTurns(table.rows);
  }
}

/** The stored policy targets of an indicator definition, and the unit of a target. */
@Resolver(() => IndicatorDefinitionType)
export class IndicatorDefinitionResolver {
  @FieldResolver(() => [Target], { description: 'Policy targets stored for this indicator (national and provincial).' })
  targets(@Root() definition: IndicatorDefinitionType, @Ctx() ctx: HubContext): Promise<Target[]> {
    return ctx.loaders.indicators.targetsByIndicator.load(definition.id);
  }
}

@Resolver(() => Target)
export class TargetResolver {
  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'The unit the target is for; null for a national target.' })
  unit(@Root() target: Target, @Ctx() ctx: HubContext): AdministrativeUnit | null {
    return target.unit ? (ctx.units.byDbId(target.unit.id) ?? null) : null;
  }
}
