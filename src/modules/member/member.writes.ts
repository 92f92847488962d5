import type { MonthClaim } from '../reporting/period-lock';
import type { RecordOwner } from '../shared/record-owner';
import { changedFrom } from '../shared/write-check';
import { Member } from './member.entity';
import { MemberFields } from './member.rules';

/** Fields the indicators split members by: changing one changes every month of the membership. */
const CATEGORIES = ['sex', 'birthYear', 'birthDate', 'povertyStatus', 'boardRole', 'homeCareVolunteer'] as const;
/** Dated fields: a change claims from the earlier of the old and the new day. */
const DATES = ['joinedOn', 'leftOn'] as const;

const differs = (current: Member, fields: MemberFields, key: keyof MemberFields) =>
  fields[key] !== undefined && (fields[key] ?? null) !== ((current as unknown as Record<string, unknown>)[key] ?? null);

/**
 * The months a member write claims (see shared/write-check.ts): a new membership from its joinedOn; a change
 * from the earliest old or new date it moves, or from joinedOn when a category changes; names, ethnicity
 * notes and references claim nothing. Used by the member mutations and the member import alike.
 */
export function memberClaim(owner: Pick<RecordOwner, 'clubId'>, current: Member | undefined, fields: MemberFields): MonthClaim | null {
  if (!current) return changedFrom(owner, fields.joinedOn, fields.leftOn);
  const days: Array<string | null | undefined> = [];
  for (const key of DATES) if (differs(current, fields, key)) days.push(current[key], fields[key] as string | null | undefined);
  if (differs(current, fields, 'leaveReason')) days.push(current.leftOn, fields.leftOn);
  if (CATEGORIES.some((key) => differs(current, fields, key))) days.push(current.joinedOn, fields.joinedOn);
  return changedFrom(owner, ...days);
}
