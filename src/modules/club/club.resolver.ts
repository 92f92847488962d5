import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { HubContext } from '../../context';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { Commune } from '../admin-unit/admin-unit.types';
import { Club } from './club.entity';

@Resolver(() => Club)
export class ClubResolver {
  @Query(() => Club, { nullable: true, description: 'A club by its code; null when there is none.' })
  club(@Arg('code') code: string, @Ctx() ctx: HubContext): Promise<Club | null> {
    return ctx.em.findOne(Club, { code });
  }

  @FieldResolver(() => Commune, {
    nullable: true,
    description: 'The commune the club belongs to in a structure; null when it did not exist in that structure.',
  })
  commune(
    @Root() club: Club,
    @Arg('structure', () => AdminStructure, { defaultValue: AdminStructure.POST_2025 }) structure: AdminStructure,
    @Ctx() ctx: HubContext,
  ): Commune | null {
    const ref = structure === AdminStructure.PRE_2025 ? club.communePre2025 : club.communePost2025;
    return ref ? ((ctx.units.byDbId(ref.id) as Commune | undefined) ?? null) : null;
  }
}

@Resolver(() => Commune)
export class CommuneClubsResolver {
  @FieldResolver(() => [Club], { description: 'Clubs attached to this commune in its structure, in code order.' })
  clubs(@Root() commune: Commune, @Ctx() ctx: HubContext): Promise<Club[]> {
    return ctx.loaders.clubsByCommune.load({ structure: commune.structure, communeId: commune.dbId });
  }
}
