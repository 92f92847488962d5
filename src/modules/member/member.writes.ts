import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { intArray } from '../../db/sql';
import { eachInTurns } from '../../turns';
import { Club } from '../club/club.entity';
import type { MonthClaim } from '../reporting/period-lock';
import type { RecordOwner } from '../shared/record-owner';
import { changedFrom } from '../shared/write-check';
import { Member } from './member.entity';
import { BoardRole, Sex } from './member.enums';
import { MemberFields, personKey } from './member.rules';

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

/** A membership as a batch leaves it: from an input of the batch (index), or stored and untouched (null). */
export interface Membership {
  index: number | null;
  clubId: number;
  /** The person, as the hub can tell without a national id (personKey). */
  key: string;
  fullName: string;
  ref: string | null;
  current: boolean;
  chair: boolean;
  allowSecondClub: boolean;
  /** Whether the one-club rule is checked for this input (a new or re-identified membership). */
  checkClub: boolean;
  /** The stored member, when there is one. */
  member?: Member;
}

/** A broken membership rule of one input of a batch, for the caller to word in its own terms. */
export type MembershipConflict =
  | { index: number; rule: 'ONE_CHAIR'; chairs: Membership[] }
  | { index: number; rule: 'SAME_CLUB'; other: Membership }
  | { index: number; rule: 'ONE_CLUB'; otherClub: string };

/** The stored memberships around a batch's clubs: their current members, and same-commune neighbours. */
export interface MembershipsAround {
  stored: Member[];
  /** Current members of other clubs of the same communes, by `post:<commune>|person` / `pre:…|person`: club code. */
  elsewhere: Map<string, string>;
}

/** Loads what the membership rules compare against, in two statements whatever the batch. */
export async function membershipsAround(em: EntityManager, clubs: Club[], lock: boolean, currentOnly: boolean): Promise<MembershipsAround> {
  const lockMode = { lockMode: lock ? LockMode.PESSIMISTIC_WRITE : LockMode.NONE } as const;
  const ids = clubs.map((c) => c.id);
  const stored = await em.find(Member, { club: { $in: ids }, ...(currentOnly ? { leftOn: null } : {}) }, { ...lockMode, orderBy: { id: 'asc' as const } });
  const post = clubs.map((c) => c.communePost2025?.id).filter((id): id is number => !!id);
  const pre = clubs.map((c) => c.communePre2025?.id).filter((id): id is number => !!id);
  const rows = await em.execute<Array<{ full_name: string; birth_year: number; sex: Sex; code: string; pre: number | null; post: number | null }>>(
    `select m.full_name, m.birth_year, m.sex, c.code, c.commune_pre2025_id as pre, c.commune_post2025_id as post
     from member m join club c on c.id = m.club_id
     where m.left_on is null and not (c.id = any(?::int[])) and (c.commune_post2025_id = any(?::int[]) or c.commune_pre2025_id = any(?::int[]))`,
    [intArray(ids), intArray(post), intArray(pre)],
  );
  const elsewhere = new Map<string, string>();
  for (const r of rows) {
    const key = personKey(r.full_name, r.birth_year, r.sex);
    if (r.post) elsewhere.set(`post:${r.post}|${key}`, r.code);
    if (r.pre) elsewhere.set(`pre:${r.pre}|${key}`, r.code);
  }
  return { stored, elsewhere };
}

/** A stored membership the batch does not touch. */
export function storedMembership(m: Member): Membership {
  return {
    index: null,
    clubId: m.club.id,
    key: personKey(m.fullName, m.birthYear, m.sex),
    fullName: m.fullName,
    ref: m.externalRef ?? null,
    current: !m.leftOn,
    chair: m.boardRole === BoardRole.CHAIR,
    allowSecondClub: false,
    checkClub: false,
    member: m,
  };
}

function groupInto<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

/**
 * The membership rules, the one home for the mutations and the import, checked on the state the batch leads
 * to (`memberships`: the batch's inputs and the stored memberships it leaves alone):
 * - one chair per club at a time: every input making a current chair of a club with more than one;
 * - a person (personKey: name, birth year and sex) is never twice a current member of one club;
 * - nor a current member of two clubs of the same commune, unless the input allows a second club.
 */
export async function membershipConflicts(clubs: ReadonlyMap<number, Club>, memberships: Membership[], elsewhere: ReadonlyMap<string, string>): Promise<MembershipConflict[]> {
  const conflicts: MembershipConflict[] = [];
  const current = memberships.filter((o) => o.current);
  const chairsOf = new Map<number, Membership[]>();
  for (const o of current) if (o.chair) groupInto(chairsOf, o.clubId, o);
  for (const chairs of chairsOf.values()) {
    if (chairs.length > 1) for (const o of chairs) if (o.index !== null) conflicts.push({ index: o.index, rule: 'ONE_CHAIR', chairs });
  }
  const byPerson = new Map<string, Membership[]>();
  for (const o of current) groupInto(byPerson, o.key, o);
  await eachInTurns(
    current.filter((c) => c.index !== null && c.checkClub),
    (o) => {
      const club = clubs.get(o.clubId)!;
      const twins = byPerson.get(o.key)!.filter((t) => t !== o);
      const sameClub = twins.find((t) => t.clubId === o.clubId);
      if (sameClub) return void conflicts.push({ index: o.index!, rule: 'SAME_CLUB', other: sameClub });
      if (o.allowSecondClub) return;
      const sameCommune = (other: Club) =>
        (!!club.communePost2025 && other.communePost2025?.id === club.communePost2025.id) || (!!club.communePre2025 && other.communePre2025?.id === club.communePre2025.id);
      const inBatch = twins.find((t) => sameCommune(clubs.get(t.clubId)!));
      const stored = elsewhere.get(`post:${club.communePost2025?.id}|${o.key}`) ?? elsewhere.get(`pre:${club.communePre2025?.id}|${o.key}`);
      const otherClub = inBatch ? clubs.get(inBatch.clubId)!.code : stored;
      if (otherClub) conflicts.push({ index: o.index!, rule: 'ONE_CLUB', otherClub });
    },
  );
  return conflicts;
}
