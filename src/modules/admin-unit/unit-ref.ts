import { BadUserInputError } from '../../errors';
import { AdminStructure } from './admin-unit.enums';
import { AdministrativeUnit } from './admin-unit.types';
import { UnitDirectory } from './unit-directory';

/** The unit a root list is restricted to: `under` when given (it must exist), else the structure's nation. */
export function resolveUnder(
  units: UnitDirectory,
  structure: AdminStructure,
  under: { structure: AdminStructure; code: string } | undefined,
): AdministrativeUnit {
  if (!under) return units.nation(structure);
  const unit = units.find(under.structure, under.code.trim());
  if (!unit) throw new BadUserInputError(`No ${under.structure} unit has the code "${under.code}"`, 'under');
  return unit;
}
