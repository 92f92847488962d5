import { Field, InputType } from 'type-graphql';
import { and, sql, SqlPart, textArray } from '../../db/sql';
import { BadUserInputError } from '../../errors';
import { DateScalar } from '../../graphql/scalars';
import { AwardKind, AwardRecipientKind } from './award.enums';

@InputType({ description: 'Filters on awards.' })
export class AwardFilter {
  @Field(() => [AwardKind], { nullable: true })
  kind?: AwardKind[];

  @Field(() => [AwardRecipientKind], { nullable: true })
  recipientKind?: AwardRecipientKind[];

  @Field(() => DateScalar, { nullable: true, description: 'Granted on or after this date.' })
  grantedFrom?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Granted on or before this date.' })
  grantedTo?: string;
}

export function awardFilterSql(filter: AwardFilter | undefined, alias: string): SqlPart {
  if (!filter) return sql('true');
  if (filter.grantedFrom && filter.grantedTo && filter.grantedFrom > filter.grantedTo) {
    throw new BadUserInputError('"grantedFrom" must not be after "grantedTo"', 'filter');
  }
  return and([
    filter.kind?.length ? sql(`${alias}.kind = any(?::text[])`, textArray(filter.kind)) : null,
    filter.recipientKind?.length ? sql(`${alias}.recipient_kind = any(?::text[])`, textArray(filter.recipientKind)) : null,
    filter.grantedFrom ? sql(`${alias}.granted_on >= ?::date`, filter.grantedFrom) : null,
    filter.grantedTo ? sql(`${alias}.granted_on <= ?::date`, filter.grantedTo) : null,
  ]);
}
