import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { HubContext } from '../../context';
import { AdminStructure, UnitLevel } from './admin-unit.enums';
import { Commune, District, Nation, Province } from './admin-unit.types';

/** Entry points into the administrative hierarchy; all answered from the in-memory directory. */
@Resolver()
export class AdminUnitResolver {
  @Query(() => Nation, { description: 'Việt Nam in one structure (default POST_2025).' })
  nation(
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025 }) structure: AdminStructure,
    @Ctx() ctx: HubContext,
  ): Nation {
    return ctx.units.nation(structure);
  }

  @Query(() => [Province], { description: 'All provinces of one structure, in code order.' })
  provinces(
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025 }) structure: AdminStructure,
    @Ctx() ctx: HubContext,
  ): Province[] {
    return ctx.units.nation(structure).provinces;
  }

  @Query(() => Province, { nullable: true, description: 'A province by its code; null when there is none.' })
  province(
    @Arg('code') code: string,
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025 }) structure: AdminStructure,
    @Ctx() ctx: HubContext,
  ): Province | null {
    return ctx.units.findAt<Province>(structure, UnitLevel.PROVINCE, code) ?? null;
  }

  @Query(() => District, { nullable: true, description: 'A district by its code (districts exist only in PRE_2025).' })
  district(@Arg('code') code: string, @Ctx() ctx: HubContext): District | null {
    return ctx.units.findAt<District>(AdminStructure.PRE_2025, UnitLevel.DISTRICT, code) ?? null;
  }

  @Query(() => Commune, { nullable: true, description: 'A commune by its code; null when there is none.' })
  commune(
    @Arg('code') code: string,
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025 }) structure: AdminStructure,
    @Ctx() ctx: HubContext,
  ): Commune | null {
    return ctx.units.findAt<Commune>(structure, UnitLevel.COMMUNE, code) ?? null;
  }
}
