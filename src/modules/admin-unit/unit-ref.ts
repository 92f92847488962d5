import { BadUserInputError } from '../../errors';
import { AdminStructure } from './admin-unit.enums';
import { AdministrativeUnit } from './admin-unit.types';
import type { HubContext } from '../../context';

/**
 * The unit a root list covers: `under` when given (it must exist), else the viewer's default area (the
 * nation of the structure, or an association's own scope); then what the viewer may list there.
 */
export function listArea(
  ctx: HubContext,
  structure: AdminStructure,
  under: { structure: AdminStructure; code: string } | undefined,
  people = false,
): AdministrativeUnit {
  let unit = ctx.access.defaultArea(structure);
  if (under) {
    const named = ctx.units.find(under.structure, under.code.trim());
    if (!named) throw new BadUserInputError(`No ${under.structure} unit has the code "${under.code}"`, 'under');
    unit = named;
  }
  return ctx.access.listableUnder(unit, people);
}
