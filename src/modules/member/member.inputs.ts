import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { and, sql, SqlPart, textArray } from '../../db/sql';
import { BadUserInputError } from '../../errors';
import { SortDirection } from '../../graphql/pagination';
import { DateScalar } from '../../graphql/scalars';
import { todayInVietnam } from '../../time';
import { BoardRole, PovertyStatus, Sex } from './member.enums';

@InputType({ description: 'Filters on members; all given conditions must hold.' })
export class MemberFilter {
  @Field(() => Sex, { nullable: true })
  sex?: Sex;

  @Field(() => Int, { nullable: true, description: 'Aged at least this many years at "ageAt".' })
  ageMin?: number;

  @Field(() => Int, { nullable: true, description: 'Aged at most this many years at "ageAt".' })
  ageMax?: number;

  @Field(() => DateScalar, { nullable: true, description: 'The date ages are computed at (default: today).' })
  ageAt?: string;

  @Field(() => [PovertyStatus], { nullable: true, description: 'Any of these poverty statuses.' })
  povertyStatus?: PovertyStatus[];

  @Field(() => [BoardRole], { nullable: true, description: 'Any of these board roles.' })
  boardRole?: BoardRole[];

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Members whose membership was open on this date. Without it: current members only, unless includeFormer.',
  })
  activeAt?: string;

  @Field({ nullable: true, description: 'Also list memberships that have ended (ignored with activeAt).' })
  includeFormer?: boolean;
}

export enum MemberOrderField {
  FULL_NAME = 'FULL_NAME',
  JOINED_ON = 'JOINED_ON',
  BIRTH_YEAR = 'BIRTH_YEAR',
}
registerEnumType(MemberOrderField, { name: 'MemberOrderField' });

@InputType()
export class MemberOrder {
  @Field(() => MemberOrderField)
  field!: MemberOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

const SORT_EXPR: Record<MemberOrderField, (alias: string) => string> = {
  FULL_NAME: (a) => `${a}.full_name`,
  JOINED_ON: (a) => `${a}.joined_on::text`,
  BIRTH_YEAR: (a) => `${a}.birth_year`,
};

export function memberSort(order: MemberOrder | undefined, alias: string): { expr: string; direction: 'asc' | 'desc' } {
  return {
    expr: SORT_EXPR[order?.field ?? MemberOrderField.FULL_NAME](alias),
    direction: order?.direction === SortDirection.DESC ? 'desc' : 'asc',
  };
}

/** A member's birth date for age arithmetic: the known date, or 1 January of the birth year. */
const birth = (alias: string) => `coalesce(${alias}.birth_date, make_date(${alias}.birth_year, 1, 1))`;

export function memberFilterSql(filter: MemberFilter | undefined, alias: string): SqlPart {
  const f = filter ?? {};
  if (f.ageMin != null && f.ageMin < 0) throw new BadUserInputError('"ageMin" must not be negative', 'filter');
  if (f.ageMax != null && f.ageMax < 0) throw new BadUserInputError('"ageMax" must not be negative', 'filter');
  if (f.ageMin != null && f.ageMax != null && f.ageMin > f.ageMax) {
    throw new BadUserInputError('"ageMin" must not be greater than "ageMax"', 'filter');
  }
  const ageAt = f.ageAt ?? todayInVietnam();
  const membership = f.activeAt
    ? sql(`${alias}.joined_on <= ?::date and (${alias}.left_on is null or ${alias}.left_on > ?::date)`, f.activeAt, f.activeAt)
    : f.includeFormer
      ? null
      : sql(`${alias}.left_on is null`);
  return and([
    membership,
    f.sex ? sql(`${alias}.sex = ?`, f.sex) : null,
    // Aged ≥ n at D ⇔ born on or before D − n years; aged ≤ n ⇔ born after D − (n + 1) years.
    f.ageMin != null ? sql(`${birth(alias)} <= (?::date - make_interval(years => ?))`, ageAt, f.ageMin) : null,
    f.ageMax != null ? sql(`${birth(alias)} > (?::date - make_interval(years => ?))`, ageAt, f.ageMax + 1) : null,
    f.povertyStatus?.length ? sql(`${alias}.poverty_status = any(?::text[])`, textArray(f.povertyStatus)) : null,
    f.boardRole?.length ? sql(`${alias}.board_role = any(?::text[])`, textArray(f.boardRole)) : null,
  ]);
}
