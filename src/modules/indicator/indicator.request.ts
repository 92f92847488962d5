import { BadUserInputError } from '../../errors';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { Programme } from '../club/club.enums';
import { PovertyStatus, Sex } from '../member/member.enums';
import { findIndicator, IndicatorDefinition, INDICATORS } from './indicator.catalogue';
import { AgeBand, Disaggregation } from './indicator.enums';
import { parsePeriods, Period } from './period';

/** What a caller asks for: the arguments of the `indicators` query and of the export routes. */
export interface IndicatorRequest {
  ids?: readonly string[] | null;
  units?: ReadonlyArray<{ structure: AdminStructure; code: string }> | null;
  level?: UnitLevel | null;
  under?: { structure: AdminStructure; code: string } | null;
  periods: readonly string[];
  structure: AdminStructure;
  disaggregateBy?: readonly Disaggregation[] | null;
  /** Serve only cells whose every month is approved for their unit; unset: true for MINISTRY viewers, false for others. */
  approvedOnly?: boolean | null;
}

/** One indicator as it will be computed: the dimensions that apply to it and their option combinations. */
export interface PlannedIndicator {
  definition: IndicatorDefinition;
  dimensions: readonly Disaggregation[];
  combos: ReadonlyArray<Partial<Record<Disaggregation, string>>>;
}

export interface IndicatorPlan {
  structure: AdminStructure;
  indicators: PlannedIndicator[];
  units: AdministrativeUnit[];
  /** The deepest level among the units: the figures are summed per unit of it in SQL, above it in memory. */
  level: UnitLevel;
  periods: Period[];
  /** Rows of the table: indicators' category combinations × units × periods. */
  cells: number;
}

/** A table larger than this is a mistake or an extract job, not a query. */
export const MAX_CELLS = 50_000;

export const DIMENSION_OPTIONS: Record<Disaggregation, readonly string[]> = {
  SEX: Object.values(Sex),
  AGE_BAND: Object.values(AgeBand),
  POVERTY_STATUS: Object.values(PovertyStatus),
  PROGRAMME: Object.values(Programme),
};
const DIMENSION_ORDER = Object.values(Disaggregation);

/** Checks and resolves a request; every mistake is a BAD_USER_INPUT naming the argument. */
export function planRequest(units: UnitDirectory, request: IndicatorRequest): IndicatorPlan {
  const { structure } = request;
  const definitions = resolveIndicators(request.ids);
  const periods = parsePeriods(request.periods);
  const targetUnits = resolveUnits(units, request);
  const asked = DIMENSION_ORDER.filter((d) => request.disaggregateBy?.includes(d));
  const indicators = definitions.map((definition) => {
    // Dimensions that do not apply to an indicator are left out for it, not refused: one request can mix kinds.
    const dimensions = asked.filter((d) => definition.disaggregations.includes(d));
    return { definition, dimensions, combos: combinations(dimensions) };
  });
  const cells = indicators.reduce((n, i) => n + i.combos.length, 0) * targetUnits.length * periods.length;
  if (cells > MAX_CELLS) {
    const argument = targetUnits.length >= periods.length ? (request.level ? 'level' : 'units') : 'periods';
    throw new BadUserInputError(
      `The table would have ${cells.toLocaleString('en')} cells; at most ${MAX_CELLS.toLocaleString('en')} are served at once. Ask for fewer units, periods, indicators or dimensions.`,
      argument,
    );
  }
  const level = targetUnits.reduce((deepest, unit) => (DEPTH[unit.level] > DEPTH[deepest] ? unit.level : deepest), UnitLevel.NATION);
  return { structure, indicators, units: targetUnits, level, periods, cells };
}

function resolveIndicators(ids: IndicatorRequest['ids']): IndicatorDefinition[] {
  if (ids === undefined || ids === null) return [...INDICATORS];
  if (ids.length === 0) throw new BadUserInputError('Give at least one indicator id, or leave "ids" out for all', 'ids');
  const unknown = ids.filter((id) => !findIndicator(id));
  if (unknown.length) {
    throw new BadUserInputError(`Unknown indicator id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (see indicatorDefinitions)`, 'ids');
  }
  return [...new Set(ids)].map((id) => findIndicator(id)!);
}

function resolveUnits(units: UnitDirectory, request: IndicatorRequest): AdministrativeUnit[] {
  const { structure, level, under } = request;
  const listed = request.units ?? [];
  if (listed.length && (level || under)) throw new BadUserInputError('Give either "units" or "level" (with "under"), not both', 'units');
  if (listed.length) {
    const found = listed.map((ref) => {
      if (ref.structure !== structure) {
        throw new BadUserInputError(`Unit ${ref.structure}:${ref.code} is not in the structure asked for (${structure})`, 'units');
      }
      const code = ref.code.trim();
      const unit = code === 'VN' ? units.nation(structure) : units.find(structure, code);
      if (!unit) throw new BadUserInputError(`No ${structure} unit has the code "${ref.code}"`, 'units');
      return unit;
    });
    return [...new Set(found)];
  }
  if (under && !level) throw new BadUserInputError('"under" needs a "level": the level of the units wanted under it', 'level');
  if (!level) return [units.nation(structure)];
  if (level === UnitLevel.DISTRICT && structure === AdminStructure.POST_2025) {
    throw new BadUserInputError('There are no districts in the POST_2025 structure (districts were abolished on 1 July 2025)', 'level');
  }
  let root: AdministrativeUnit = units.nation(structure);
  if (under) {
    if (under.structure !== structure) {
      throw new BadUserInputError(`Unit ${under.structure}:${under.code} is not in the structure asked for (${structure})`, 'under');
    }
    const code = under.code.trim();
    const found = code === 'VN' ? root : units.find(structure, code);
    if (!found) throw new BadUserInputError(`No ${structure} unit has the code "${under.code}"`, 'under');
    root = found;
  }
  const atLevel = unitsAt(units, root, level);
  if (atLevel.length === 0) throw new BadUserInputError(`There is no ${level.toLowerCase()} at or below ${root.code}`, 'level');
  return atLevel;
}

const DEPTH: Record<UnitLevel, number> = { NATION: 0, PROVINCE: 1, DISTRICT: 2, COMMUNE: 3 };

function unitsAt(units: UnitDirectory, root: AdministrativeUnit, level: UnitLevel): AdministrativeUnit[] {
  if (DEPTH[root.level] > DEPTH[level]) return [];
  if (root.level === level) return [root];
  if (level === UnitLevel.COMMUNE) return units.communesUnder(root);
  return root.children.flatMap((child) => unitsAt(units, child, level));
}

/** Every combination of the options of the dimensions (one empty combination for none). */
function combinations(dimensions: readonly Disaggregation[]): Array<Partial<Record<Disaggregation, string>>> {
  return dimensions.reduce<Array<Partial<Record<Disaggregation, string>>>>(
    (combos, d) => combos.flatMap((combo) => DIMENSION_OPTIONS[d].map((option) => ({ ...combo, [d]: option }))),
    [{}],
  );
}
