import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { Disaggregation, IndicatorUnit } from './indicator.enums';
import { Instrument } from './target.enums';

/** Whether a cell of an approved-only table holds approved data. */
export enum CellApproval {
  /** Every month of the period is approved for the unit: the figures are final. */
  APPROVED = 'APPROVED',
  /** Some month of the period is not approved for the unit: value, numerator, denominator and achievement are withheld (null). */
  NOT_APPROVED = 'NOT_APPROVED',
}
registerEnumType(CellApproval, { name: 'CellApproval', description: 'Whether a cell of an approved-only table holds approved data.' });

@ObjectType('IndicatorDefinition', { description: 'An indicator of the catalogue, with its exact definition.' })
export class IndicatorDefinitionType {
  @Field({ description: 'Stable id, e.g. "active_clubs"; the DHIS2 export uses it as the data element.' })
  id!: string;

  @Field()
  nameVi!: string;

  @Field()
  nameEn!: string;

  @Field({ description: 'The exact definition (P is the period asked for).' })
  definition!: string;

  @Field()
  numerator!: string;

  @Field(() => String, { nullable: true, description: 'Null for counts and sums.' })
  denominator!: string | null;

  @Field(() => IndicatorUnit)
  unit!: IndicatorUnit;

  @Field(() => Instrument, { nullable: true, description: 'The policy instrument whose target it follows.' })
  instrument!: Instrument | null;

  @Field(() => String, { nullable: true, description: 'The policy target it serves, in words.' })
  policyTarget!: string | null;

  @Field(() => [Disaggregation], { description: 'Dimensions it can be split by; others asked for are not applied to it.' })
  disaggregations!: Disaggregation[];
}

@ObjectType({ description: 'One category of one dimension, e.g. SEX = FEMALE.', simpleResolvers: true })
export class CategoryOption {
  @Field(() => Disaggregation)
  dimension!: Disaggregation;

  @Field({ description: 'The option: a value of Sex, AgeBand, PovertyStatus or Programme.' })
  option!: string;
}

@ObjectType({ description: 'One cell of the indicator table: an indicator for a unit, a period and a category combination.', simpleResolvers: true })
export class IndicatorRow {
  @Field()
  indicatorId!: string;

  @Field(() => AdministrativeUnit)
  unit!: AdministrativeUnit;

  @Field({ description: 'The period key, e.g. "2023", "2023Q4", "202312" or "2023-01-01..2023-06-30".' })
  period!: string;

  @Field(() => DateScalar)
  periodStart!: string;

  @Field(() => DateScalar)
  periodEnd!: string;

  @Field(() => [CategoryOption], { description: 'Empty for the total; otherwise one option per dimension applied.' })
  categoryOptions!: CategoryOption[];

  @Field(() => Float, {
    nullable: true,
    description: 'Null when the denominator is 0 or a sum of money is withheld. Percentages are 0–100 (2 decimals); đồng are whole.',
  })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'Null when a sum of money from fewer than 5 people is withheld (protected rows).' })
  numerator!: number | null;

  @Field(() => Float, { nullable: true, description: 'Null for counts and sums, and when a sum of money is withheld.' })
  denominator!: number | null;

  @Field(() => Float, { nullable: true, description: 'The policy target that applies to this unit and period (totals only).' })
  target!: number | null;

  @Field(() => Float, { nullable: true, description: 'value ÷ target × 100 (2 decimals), when both are known.' })
  achievementPercent!: number | null;

  @Field({
    description:
      'True when the row is protected: it counts people of a unit whose personal data the viewer may not read, so each count of ' +
      'people is rounded down to a multiple of 5 (1–4 show as 0), the value derives from the rounded counts, and sums of money ' +
      'from fewer than 5 people are null. Decided by indicator, unit and viewer, never by the figures.',
  })
  suppressed!: boolean;

  @Field(() => CellApproval, {
    nullable: true,
    description: 'In an approved-only table (IndicatorTable.approvedOnly): APPROVED, or NOT_APPROVED with the figures withheld (null). Null in other tables.',
  })
  approval!: CellApproval | null;
}

@ObjectType({ description: 'Clubs active in a period that have no commune in the structure asked for.' })
export class ClubPlacement {
  @Field()
  period!: string;

  @Field(() => Int, { description: 'Counted in a district or province through the crosswalk, but in no commune.' })
  clubsPlacedAboveCommune!: number;

  @Field(() => Int, { description: 'Counted in the nation only: the crosswalk cannot tell their province.' })
  clubsNotPlaced!: number;
}

@ObjectType({ description: 'A flat table of indicator values, easy to pivot.', simpleResolvers: true })
export class IndicatorTable {
  @Field(() => AdminStructure, { description: 'The structure the units and figures are in.' })
  structure!: AdminStructure;

  @Field(() => [IndicatorRow], { description: 'Ordered by indicator (as asked), unit, period, then category.' })
  rows!: IndicatorRow[];

  @Field(() => [ClubPlacement], { description: 'Per period: clubs that could not be placed in a commune of the structure.' })
  placement!: ClubPlacement[];

  @Field(() => Int, { description: 'Rows protected (suppressed: true) for this viewer.' })
  suppressedCells!: number;

  @Field({ description: 'Only approved data is served: cells not approved for every month of their period are withheld (see IndicatorRow.approval). MINISTRY keys get this by default.' })
  approvedOnly!: boolean;

  @Field(() => Int, { description: 'Rows withheld as not approved (0 unless approvedOnly).' })
  withheldCells!: number;
}
