import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Role } from '../../auth/viewer';
import { HubContext } from '../../context';
import { and, sql, textArray } from '../../db/sql';
import { ForbiddenError } from '../../errors';
import { ConnectionArgs } from '../../graphql/connection-args';
import { fromGlobalId } from '../../graphql/global-id';
import { connectionLoader, entityColumns } from '../../graphql/paged-query';
import { Connection } from '../../graphql/pagination';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { UnitRef } from '../club/club.inputs';
import { unitKey } from '../shared/club-place';
import { InvalidInputError } from '../shared/write-errors';
import { AuditEntry } from './audit.entity';

export const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry');

interface AuditFilter {
  entityType: string | null;
  entityId: number | null;
  /** Unit keys of which an entry must carry one (the area asked for, within an association's scope). */
  units: string[];
}

/**
 * The unit keys that mark entries inside an area: its own, and those of the largest units of the other structure
 * lying wholly inside it (an entry about a club with a commune in one structure only carries that structure's keys).
 */
function areaKeys(units: UnitDirectory, area: AdministrativeUnit): string[] {
  if (area.level === UnitLevel.NATION) return [unitKey(area)];
  const across = units.unitsWithin(area).filter((u) => u.structure !== area.structure && !units.isWithin(u.parent!, area));
  return [area, ...across].map(unitKey);
}

/**
 * The unit keys that bound what a viewer may read: ADMIN everything (no bound), an ASSOCIATION its scope
 * (or the smaller unit it asks for), nobody else anything.
 */
function readableArea(ctx: HubContext, under: AdministrativeUnit | null): string[] {
  if (ctx.viewer.role === Role.ADMIN) return under ? areaKeys(ctx.units, under) : [];
  if (ctx.viewer.role !== Role.ASSOCIATION) throw new ForbiddenError('The audit log needs an ADMIN key or an association key for its area');
  const scope = ctx.access.defaultArea(under?.structure ?? ctx.viewer.scope?.structure ?? AdminStructure.POST_2025);
  return areaKeys(ctx.units, ctx.access.listableUnder(under ?? scope, true));
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, {
    description:
      'The append-only log of writes, newest first: by record (entityId, or entityType), and by unit (everything that belongs ' +
      'to it or below). ADMIN sees all; an association sees its own area.',
  })
  auditLog(
    @Arg('entityType', () => String, { nullable: true, description: 'Club, Member, Meeting, Fund, FundTransaction, Loan, TrainingCourse, Trainee, Award, Target…; Account or ApiKey (ADMIN).' })
    entityType: string | undefined,
    @Arg('entityId', () => ID, { nullable: true, description: 'Global id of one record.' }) entityId: string | undefined,
    @Arg('under', () => UnitRef, { nullable: true }) under: UnitRef | undefined,
    @Args() page: ConnectionArgs,
    @Ctx() ctx: HubContext,
  ) {
    let unit: AdministrativeUnit | null = null;
    if (under) {
      unit = under.code.trim().toUpperCase() === 'VN' ? ctx.units.nation(under.structure) : (ctx.units.find(under.structure, under.code.trim()) ?? null);
      if (!unit) throw new InvalidInputError([{ field: 'under', message: `No ${under.structure} unit has the code "${under.code}"` }]);
    }
    const filter: AuditFilter = { entityType: entityType?.trim() || null, entityId: null, units: readableArea(ctx, unit) };
    if (entityId) {
      const decoded = fromGlobalId(entityId);
      const key = Number(decoded?.key);
      if (!decoded || !Number.isSafeInteger(key)) throw new InvalidInputError([{ field: 'entityId', message: `"${entityId}" is not an id issued by this API` }]);
      if (filter.entityType && filter.entityType !== decoded.type) throw new InvalidInputError([{ field: 'entityType', message: `The id is of a ${decoded.type}, not a ${filter.entityType}` }]);
      Object.assign(filter, { entityType: decoded.type, entityId: key });
    }
    const entries = connectionLoader<{ page: ConnectionArgs; filter: AuditFilter }, AuditEntry>(
      ctx.em,
      ({ filter: f }) => ({
        from: 'audit_entry a',
        select: 'a.*',
        parent: '0',
        where: and([
          f.entityType ? sql('a.entity_type = ?', f.entityType) : null,
          f.entityId !== null ? sql('a.entity_id = ?', f.entityId) : null,
          f.units.length ? sql('a.units && ?::text[]', textArray(f.units)) : null,
        ]),
        sort: { expr: 'a.id', direction: 'desc' },
        id: 'a.id',
      }),
      (row) => ctx.em.map(AuditEntry, entityColumns(row)),
    );
    return entries(0, { page: { ...page }, filter });
  }
}
