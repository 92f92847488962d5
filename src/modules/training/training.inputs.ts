import { Field, InputType } from 'type-graphql';
import { and, sql, SqlPart, textArray } from '../../db/sql';
import { BadUserInputError } from '../../errors';
import { DateScalar } from '../../graphql/scalars';
import { UnitLevel } from '../admin-unit/admin-unit.enums';

@InputType({ description: 'Filters on training courses.' })
export class TrainingCourseFilter {
  @Field(() => [UnitLevel], { nullable: true, description: 'Organised at any of these levels.' })
  organiserLevel?: UnitLevel[];

  @Field(() => DateScalar, { nullable: true, description: 'Starting on or after this date.' })
  startsFrom?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Starting on or before this date.' })
  startsTo?: string;
}

export function trainingFilterSql(filter: TrainingCourseFilter | undefined, alias: string): SqlPart {
  if (!filter) return sql('true');
  if (filter.startsFrom && filter.startsTo && filter.startsFrom > filter.startsTo) {
    throw new BadUserInputError('"startsFrom" must not be after "startsTo"', 'filter');
  }
  return and([
    filter.organiserLevel?.length ? sql(`${alias}.organiser_level = any(?::text[])`, textArray(filter.organiserLevel)) : null,
    filter.startsFrom ? sql(`${alias}.starts_on >= ?::date`, filter.startsFrom) : null,
    filter.startsTo ? sql(`${alias}.starts_on <= ?::date`, filter.startsTo) : null,
  ]);
}
