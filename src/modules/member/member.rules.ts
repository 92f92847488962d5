import { Club } from '../club/club.entity';
import { Checks, fieldLabel } from '../shared/checks';
import { Member } from './member.entity';
import { BoardRole, LeaveReason, PovertyStatus, Sex } from './member.enums';

/** A member's own fields, cleaned; shared by the mutations and the CSV import. undefined: not given. */
export interface MemberFields {
  fullName?: string | null;
  sex?: Sex | null;
  birthYear?: number | null;
  birthDate?: string | null;
  ethnicity?: string | null;
  povertyStatus?: PovertyStatus | null;
  povertyYear?: number | null;
  disability?: boolean | null;
  healthInsurance?: boolean | null;
  joinedOn?: string | null;
  leftOn?: string | null;
  leaveReason?: LeaveReason | null;
  boardRole?: BoardRole | null;
  homeCareVolunteer?: boolean | null;
  livelihoodMentor?: boolean | null;
  externalRef?: string | null;
}

const REQUIRED: Array<keyof MemberFields> = ['sex', 'birthYear', 'povertyStatus', 'joinedOn'];
const FLAGS: Array<keyof MemberFields> = ['disability', 'healthInsurance', 'homeCareVolunteer', 'livelihoodMentor'];

/**
 * Checks a member's fields as they will be after the write (`current` holds the stored values of an
 * update): required fields, years and dates in order (born ≤ joined ≤ left ≤ today, joined not before the
 * club's founding), a leaving date with its reason.
 */
export function checkMemberFields(checks: Checks, input: MemberFields, club: Club, current?: Member): MemberFields {
  const fields: MemberFields = { ...input };
  const thisYear = Number(checks.today.slice(0, 4));
  if (input.fullName !== undefined || !current) fields.fullName = checks.text('fullName', input.fullName, { max: 150, required: true });
  if (input.ethnicity !== undefined) fields.ethnicity = checks.text('ethnicity', input.ethnicity, { max: 50 }) ?? 'Kinh';
  if (input.externalRef !== undefined) fields.externalRef = checks.text('externalRef', input.externalRef, { max: 64 });
  for (const key of REQUIRED) {
    if ((input[key] === null || (!current && input[key] === undefined)) && !checks.failed(key)) checks.add(key, `The ${fieldLabel(key)} is required`);
  }
  for (const key of FLAGS) if (input[key] === null) (fields as Record<string, unknown>)[key] = false;
  checks.integer('birthYear', input.birthYear, 1900, thisYear);
  checks.integer('povertyYear', input.povertyYear, 2000, thisYear);
  checks.pastDate('birthDate', input.birthDate);
  checks.pastDate('joinedOn', input.joinedOn);
  checks.pastDate('leftOn', input.leftOn);

  const after = memberAfter(current, fields);
  if (after.birthDate && after.birthYear && Number(after.birthDate.slice(0, 4)) !== after.birthYear && !checks.failed('birthDate')) {
    checks.add('birthDate', `The birth date (${after.birthDate}) is not in the birth year (${after.birthYear})`);
  }
  if (after.joinedOn && !checks.failed('joinedOn')) {
    checks.notBefore('joinedOn', after.joinedOn, club.foundedOn, 'the founding of the club');
    if (after.birthYear && Number(after.joinedOn.slice(0, 4)) < after.birthYear) checks.add('joinedOn', `The joined on date (${after.joinedOn}) is before the birth year`);
  }
  if (after.leftOn) {
    if (fields.leftOn !== undefined || !after.joinedOn) checks.notBefore('leftOn', after.leftOn, after.joinedOn, 'the date joined');
    else if (after.joinedOn > after.leftOn) checks.add('joinedOn', `The joined on date (${after.joinedOn}) is after the membership ended (${after.leftOn})`);
    if (!after.leaveReason) checks.add('leaveReason', 'A leaving date needs a leave reason');
  } else if (after.leaveReason) {
    checks.add('leaveReason', 'A leave reason goes with a leaving date');
  }
  return fields;
}

/** A member's fields as they will be: the given ones over the stored ones (undefined: not given). */
export function memberAfter(current: Member | undefined, fields: MemberFields): MemberFields {
  const after: Record<string, unknown> = {};
  for (const key of ['fullName', 'sex', 'birthYear', 'birthDate', 'joinedOn', 'leftOn', 'leaveReason', 'boardRole'] as const) {
    after[key] = fields[key] !== undefined ? fields[key] : (current?.[key] ?? null);
  }
  return after as MemberFields;
}

/** Applies cleaned fields: undefined keeps a value, null clears it. */
export function assignMemberFields(member: Member, fields: MemberFields): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) (member as unknown as Record<string, unknown>)[key] = value;
  }
}

/** The identity the hub can check without a national id: full name (NFC, case-folded), birth year and sex. */
export function personKey(fullName: string, birthYear: number, sex: Sex): string {
  return `${fullName.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi')}|${birthYear}|${sex}`;
}
