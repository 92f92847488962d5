import { GraphQLError } from 'graphql';
import { Role } from '../../auth/viewer';
import type { HubContext } from '../../context';
import { BadUserInputError, ErrorCode } from '../../errors';
import { toGlobalId } from '../../graphql/global-id';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { clubWithin } from '../admin-unit/unit-scope';
import { Change } from './change-feed';
import { ChangeEvent, ChangeFilter } from './change.types';

/** The change lies in the area: a club's record where its club lies, another record where its unit lies. */
function within(ctx: HubContext, change: Change, area: AdministrativeUnit): boolean {
  if (area.level === UnitLevel.NATION) return true;
  if (change.place) return clubWithin(ctx.units, change.place, area);
  return change.units.some((u) => u.level !== UnitLevel.NATION && ctx.units.isWithin(u, area));
}

/** The viewer may read the changed record's club or unit: the rule of reading a club, and an association's scope. */
function visible(ctx: HubContext, change: Change): boolean {
  if (change.place) return ctx.access.canSeeClub(change.place);
  if (ctx.viewer.role !== Role.ASSOCIATION) return true;
  return change.units.some((u) => ctx.access.inScope(u));
}

/**
 * Committed changes the viewer may see, inside the filter's unit and of its kinds. Any key or signed-in person
 * may subscribe (events carry ids only); an association hears of its own area only, and naming a unit outside
 * it is FORBIDDEN. Anonymous callers are refused (UNAUTHENTICATED).
 */
export function subscribeToChanges(ctx: HubContext, filter: ChangeFilter | null | undefined): AsyncIterableIterator<Change> {
  if (!ctx.changes) {
    throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) at /graphql', { extensions: { code: 'BAD_REQUEST' } });
  }
  if (ctx.viewer.role === Role.ANONYMOUS) {
    throw new GraphQLError('Live updates need an API key or a signed-in session', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  }
  let area: AdministrativeUnit | null = null;
  const code = filter?.unitCode?.trim();
  if (code) {
    const structure = filter?.structure ?? AdminStructure.POST_2025;
    const unit = code.toUpperCase() === 'VN' ? ctx.units.nation(structure) : ctx.units.find(structure, code);
    if (!unit) throw new BadUserInputError(`No ${structure} unit has the code "${code}"`, 'filter.unitCode');
    area = ctx.access.listableUnder(unit, false);
  }
  const kinds = filter?.kinds?.length ? new Set(filter.kinds) : null;
  return ctx.changes.subscribe((change) => (!kinds || kinds.has(change.kind)) && visible(ctx, change) && (!area || within(ctx, change, area)));
}

export function toChangeEvent(change: Change): ChangeEvent {
  return {
    kind: change.kind,
    operation: change.operation,
    clubId: change.clubId === null ? null : toGlobalId('Club', change.clubId),
    month: change.month,
    units: change.units.map((u) => ({ structure: u.structure, code: u.level === UnitLevel.NATION ? 'VN' : u.code })),
  };
}
