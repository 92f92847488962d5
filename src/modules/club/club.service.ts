import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../context';
import { intArray } from '../../db/sql';
import { AdminUnit } from '../admin-unit/admin-unit.entity';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { Member } from '../member/member.entity';
import { LeaveReason } from '../member/member.enums';
import { Checks } from '../shared/checks';
import { ClubCommunes, Crosswalk, placeClub, REFORM_DAY, unitKeys } from '../shared/club-place';
import { ownerOf } from '../shared/record-owner';
import { found, requireVersion, runWrite, WriteTx } from '../shared/write';
import { changedFrom, requireUnlockedWrite } from '../shared/write-check';
import { InvalidInputError } from '../shared/write-errors';
import { Club } from './club.entity';
import { ClubStatus, Programme } from './club.enums';
import { CreateClubInput, DissolveClubInput, MoveClubInput, SuspendClubInput, UpdateClubInput } from './club.write-inputs';

/** The earliest founding date the hub accepts: the model reached Vietnam in 2006; earlier dates are typos. */
export const EARLIEST_FOUNDING = '1990-01-01';

/** The units a club's records belong to, for the audit log. */
export function clubUnits(units: UnitDirectory, club: Club): string[] {
  return ownerOf(club).units(units);
}

/** The descriptive fields of a club, cleaned; shared by the mutations and the CSV import. */
export interface ClubFields {
  name?: string | null;
  village?: string | null;
  foundedOn?: string | null;
  foundingDecision?: string | null;
  programme?: Programme | null;
  meetingDay?: number | null;
}

export function checkClubFields(checks: Checks, input: ClubFields, creating: boolean): ClubFields {
  const fields: ClubFields = {
    name: checks.text('name', input.name, { max: 200, required: creating || input.name !== undefined }),
    village: checks.text('village', input.village, { max: 200 }),
    foundedOn: checks.pastDate('foundedOn', input.foundedOn),
    foundingDecision: checks.text('foundingDecision', input.foundingDecision, { max: 100 }),
    programme: input.programme,
    meetingDay: checks.integer('meetingDay', input.meetingDay, 1, 31),
  };
  // A value that could not be read has its problem already.
  if ((input.foundedOn === null || (creating && !input.foundedOn)) && !checks.failed('foundedOn')) checks.add('foundedOn', 'The founded on date is required');
  if ((input.programme === null || (creating && !input.programme)) && !checks.failed('programme')) checks.add('programme', 'The programme is required');
  if (fields.foundedOn && fields.foundedOn < EARLIEST_FOUNDING) checks.add('foundedOn', `The founded on date (${fields.foundedOn}) is before ${EARLIEST_FOUNDING}: check the year`);
  return fields;
}

/** Applies cleaned fields: undefined keeps a value, null clears it. */
export function assignClubFields(club: Club, fields: ClubFields): void {
  for (const [key, value] of Object.entries(fields) as Array<[keyof ClubFields, unknown]>) {
    if (value !== undefined) (club as unknown as Record<string, unknown>)[key] = value;
  }
}

export function setClubCommunes(em: EntityManager, club: Club, place: ClubCommunes): void {
  // null, not undefined: the ORM writes a cleared column only when it sees null.
  club.communePre2025 = (place.pre ? em.getReference(AdminUnit, place.pre.dbId) : null) as AdminUnit | undefined;
  club.communePost2025 = (place.post ? em.getReference(AdminUnit, place.post.dbId) : null) as AdminUnit | undefined;
}

const placeOf = (place: ClubCommunes) => ({ communePre2025Id: place.pre?.dbId, communePost2025Id: place.post?.dbId });

/** A club by code, locked for the rest of the write so writes to one club (members, chair, status) queue up. */
export async function lockClub(em: EntityManager, code: string, field = 'code'): Promise<Club> {
  const club = await em.findOne(Club, { code: code.trim() }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  return found(club, field, `No club has the code "${code.trim()}"`);
}

/** Writes to a dissolved club are refused: its history is closed. */
export function requireOpen(club: Club, field = 'code'): void {
  if (club.status === ClubStatus.DISSOLVED) {
    throw new InvalidInputError([{ field: `input.${field}`, message: `The club ${club.code} was dissolved on ${club.dissolvedOn}; its records are closed` }]);
  }
}

/** The earliest dates of each club's own records, which a new founding date must not pass. */
export interface EarliestRecords {
  joined: string | null;
  meeting: string | null;
  fund: string | null;
}

export async function earliestRecords(em: EntityManager, clubIds: readonly number[]): Promise<Map<number, EarliestRecords>> {
  const rows = await em.getConnection('read').execute<Array<EarliestRecords & { club_id: number }>>(
    `select c.id as club_id,
            (select min(joined_on)::text from member where club_id = c.id) as joined,
            (select min(held_on)::text from meeting where club_id = c.id) as meeting,
            (select min(opened_on)::text from fund where club_id = c.id) as fund
     from club c where c.id = any(?::int[])`,
    [intArray(clubIds)],
  );
  return new Map(rows.map(({ club_id, ...dates }) => [club_id, dates]));
}

/** A new founding date must come before everything the club recorded and agree with its communes' structures. */
export function checkNewFounding(checks: Checks, club: Club, foundedOn: string, earliest: EarliestRecords | undefined): void {
  if (earliest?.joined && earliest.joined < foundedOn) checks.add('foundedOn', `A member joined on ${earliest.joined}, before this founding date (${foundedOn})`);
  else if (earliest?.meeting && earliest.meeting < foundedOn) checks.add('foundedOn', `A meeting was held on ${earliest.meeting}, before this founding date (${foundedOn})`);
  else if (earliest?.fund && earliest.fund < foundedOn) checks.add('foundedOn', `A fund was opened on ${earliest.fund}, before this founding date (${foundedOn})`);
  const ended = club.dissolvedOn ?? club.suspendedOn;
  if (ended && ended < foundedOn) checks.add('foundedOn', `The club was suspended or dissolved on ${ended}, before this founding date`);
  if (foundedOn >= REFORM_DAY && club.communePre2025) checks.add('foundedOn', 'A club founded on or after 1 July 2025 has no PRE_2025 commune: move it first');
  if (foundedOn < REFORM_DAY && !club.communePre2025) checks.add('foundedOn', 'A club founded before 1 July 2025 needs its PRE_2025 commune: move it first');
}

export function createClub(ctx: HubContext, input: CreateClubInput): Promise<Club> {
  return runWrite(ctx, 'createClub', async ({ em, audit }) => {
    const checks = new Checks();
    const code = checks.code('code', input.code, 32);
    const fields = checkClubFields(checks, input, true);
    const place = placeClub(checks, ctx.units, await Crosswalk.of(em, ctx.units), { pre: input.communePre2025, post: input.communePost2025 }, fields.foundedOn);
    checks.throwIfAny();
    ctx.access.requireWrite(placeOf(place!));
    if (await em.count(Club, { code })) throw new InvalidInputError([{ field: 'input.code', message: `A club with the code "${code}" already exists` }]);
    const club = new Club();
    club.code = code!;
    assignClubFields(club, fields);
    setClubCommunes(em, club, place!);
    em.persist(club);
    audit.track(club, () => clubUnits(ctx.units, club));
    // A club founded in an approved month changes its commune's figures: checked once it has an id (the
    // transaction rolls back when refused).
    await em.flush();
    await requireUnlockedWrite(em, [changedFrom(ownerOf(club), club.foundedOn)], 'foundedOn');
    return club;
  });
}

export function updateClub(ctx: HubContext, input: UpdateClubInput): Promise<Club> {
  return runWrite(ctx, 'updateClub', async ({ em, audit }) => {
    const checks = new Checks();
    const fields = checkClubFields(checks, input, false);
    checks.throwIfAny();
    const club = await lockClub(em, input.code);
    ctx.access.requireWrite(club.place);
    requireVersion(club, input.expectedVersion, 'club');
    const refounded = !!fields.foundedOn && fields.foundedOn !== club.foundedOn;
    if (refounded) checkNewFounding(checks, club, fields.foundedOn!, (await earliestRecords(em, [club.id])).get(club.id));
    checks.throwIfAny();
    await requireUnlockedWrite(em, [clubClaim(club, fields)], 'foundedOn');
    audit.track(club, () => clubUnits(ctx.units, club));
    assignClubFields(club, fields);
    return club;
  });
}

export function suspendClub(ctx: HubContext, input: SuspendClubInput): Promise<Club> {
  return runWrite(ctx, 'suspendClub', async ({ em, audit }) => {
    const checks = new Checks();
    const suspendedOn = checks.pastDate('suspendedOn', input.suspendedOn);
    const club = await lockClub(em, input.code);
    ctx.access.requireWrite(club.place);
    requireVersion(club, input.expectedVersion, 'club');
    requireOpen(club);
    if (club.status === ClubStatus.SUSPENDED) checks.add('code', `The club ${club.code} is already suspended (since ${club.suspendedOn})`);
    checks.notBefore('suspendedOn', suspendedOn, club.foundedOn, 'the founding date');
    checks.throwIfAny();
    await requireUnlockedWrite(em, [changedFrom(ownerOf(club), suspendedOn)], 'suspendedOn');
    audit.track(club, () => clubUnits(ctx.units, club));
    club.status = ClubStatus.SUSPENDED;
    club.suspendedOn = suspendedOn!;
    return club;
  });
}

/** Dissolves a club; every open membership ends on the same day with reason CLUB_DISSOLVED. */
export function dissolveClub(ctx: HubContext, input: DissolveClubInput): Promise<{ club: Club; closedMemberships: number }> {
  return runWrite(ctx, 'dissolveClub', async (tx) => {
    const { em, audit } = tx;
    const checks = new Checks();
    const dissolvedOn = checks.pastDate('dissolvedOn', input.dissolvedOn)!;
    const club = await lockClub(em, input.code);
    ctx.access.requireWrite(club.place);
    requireVersion(club, input.expectedVersion, 'club');
    requireOpen(club);
    checks.notBefore('dissolvedOn', dissolvedOn, club.foundedOn, 'the founding date');
    const open = await em.find(Member, { club, leftOn: null }, { orderBy: { id: 'asc' } });
    const late = open.filter((m) => m.joinedOn > dissolvedOn);
    if (late.length) checks.add('dissolvedOn', `${late.length} current member(s) joined after ${dissolvedOn} (the latest on ${late.map((m) => m.joinedOn).sort().pop()})`);
    checks.throwIfAny();
    await requireUnlockedWrite(em, [changedFrom(ownerOf(club), dissolvedOn)], 'dissolvedOn');
    audit.track(club, () => clubUnits(ctx.units, club));
    club.status = ClubStatus.DISSOLVED;
    club.dissolvedOn = dissolvedOn;
    closeMemberships(tx, club, open, dissolvedOn);
    return { club, closedMemberships: open.length };
  });
}

function closeMemberships({ ctx, audit }: WriteTx, club: Club, open: Member[], on: string): void {
  for (const member of open) {
    audit.track(member, () => clubUnits(ctx.units, club));
    member.leftOn = on;
    member.leaveReason = LeaveReason.CLUB_DISSOLVED;
  }
}

/** The months a change of a club's own fields claims: a new founding date, from the earlier of the two days. */
export function clubClaim(club: Club, fields: ClubFields) {
  return fields.foundedOn && fields.foundedOn !== club.foundedOn ? changedFrom(ownerOf(club), club.foundedOn, fields.foundedOn) : null;
}

/**
 * Moves a club to another commune on `movedOn` (default today in Vietnam), stored in `placedOn` (the trigger
 * keeps the former place until then); an association needs both the old and the new place in its scope. The
 * move claims its day's month and every later one, both where the club was and where it goes.
 */
export function moveClub(ctx: HubContext, input: MoveClubInput): Promise<Club> {
  return runWrite(ctx, 'moveClub', async ({ em, audit }) => {
    const checks = new Checks();
    const movedOn = input.movedOn ?? checks.today;
    checks.pastDate('movedOn', movedOn);
    const club = await lockClub(em, input.code);
    ctx.access.requireWrite(club.place);
    const place = placeClub(checks, ctx.units, await Crosswalk.of(em, ctx.units), { pre: input.communePre2025, post: input.communePost2025 }, club.foundedOn);
    checks.notBefore('movedOn', movedOn, club.foundedOn, 'the founding of the club');
    checks.notBefore('movedOn', movedOn, club.placedOn ?? undefined, 'its last move');
    checks.throwIfAny();
    ctx.access.requireWrite(placeOf(place!));
    requireVersion(club, input.expectedVersion, 'club');
    requireOpen(club);
    const claim = [changedFrom(ownerOf(club), movedOn)];
    // Out of its place: the months from movedOn where the club is now.
    await requireUnlockedWrite(em, claim, 'movedOn');
    audit.track(club, () => clubUnits(ctx.units, club));
    setClubCommunes(em, club, place!);
    club.placedOn = movedOn;
    // Into its new place: the same months, once the move (and its history row) is in the transaction.
    await em.flush();
    await requireUnlockedWrite(em, claim, 'movedOn');
    return club;
  });
}
