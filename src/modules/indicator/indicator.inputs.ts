import { ArgsType, Field } from 'type-graphql';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { UnitRef } from '../club/club.inputs';
import { Disaggregation } from './indicator.enums';
import { IndicatorRequest } from './indicator.request';

/** The arguments of `indicators`; the export routes take the same ones as query parameters. */
@ArgsType()
export class IndicatorArgs implements IndicatorRequest {
  @Field(() => [String], { nullable: true, description: 'Indicator ids (see indicatorDefinitions); default: all.' })
  ids?: string[] | null;

  @Field(() => [UnitRef], {
    nullable: true,
    description: 'The units to report, in the structure asked for (code "VN" is the nation). Default: the nation. Not with level/under.',
  })
  units?: UnitRef[] | null;

  @Field(() => UnitLevel, { nullable: true, description: 'Report every unit of this level under `under` (default: under the nation).' })
  level?: UnitLevel | null;

  @Field(() => UnitRef, { nullable: true, description: 'With `level`: the unit whose units of that level are reported.' })
  under?: UnitRef | null;

  @Field(() => [String], {
    description:
      'DHIS2-style period keys: 2023, 2023Q4, 202312, ranges of one kind (2021..2023, 2023Q1..2023Q4, 202301..202306) that expand to each period, or days (2023-01-01..2023-06-30).',
  })
  periods!: string[];

  @Field(() => AdminStructure, {
    defaultValue: AdminStructure.POST_2025,
    description: 'The structure to report in, whatever the period: records are re-based through the 2025 crosswalk.',
  })
  structure: AdminStructure = AdminStructure.POST_2025;

  @Field(() => [Disaggregation], {
    nullable: true,
    description: 'Split values by these dimensions; an indicator that cannot be split by one is reported without it (see its disaggregations).',
  })
  disaggregateBy?: Disaggregation[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Serve only approved data: a cell whose period has a month not approved for its unit is withheld (value null, approval NOT_APPROVED). ' +
      'Default: true for MINISTRY keys (they may pass false), false for everyone else. The table says which it is (approvedOnly).',
  })
  approvedOnly?: boolean | null;
}
