import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import type { HubContext } from '../../context';
import { Club } from '../club/club.entity';
import { clubUnits, lockClub, requireOpen } from '../club/club.service';
import { Checks } from '../shared/checks';
import { decodeId, found, foundInArea, requireVersion, runWrite, WriteTx } from '../shared/write';
import { InvalidInputError } from '../shared/write-errors';
import { Member } from './member.entity';
import { BoardRole, LeaveReason } from './member.enums';
import { assignMemberFields, checkMemberFields, MemberFields } from './member.rules';
import { memberClaim } from './member.writes';
import { ownerOf } from '../shared/record-owner';
import { changedFrom, requireUnlockedWrite } from '../shared/write-check';
import { AddMemberInput, RecordMemberLeavingInput, UpdateMemberInput } from './member.write-inputs';

/**
 * A member by global id with its club, the club row locked so writes to one club's members queue up. A member
 * outside the caller's area is not found.
 */
async function lockMember(ctx: HubContext, em: EntityManager, id: string): Promise<{ member: Member; club: Club }> {
  const checks = new Checks();
  const memberId = decodeId(checks, 'id', id, 'Member');
  checks.throwIfAny();
  const notFound = `No member has the id "${id}"`;
  const member = found(await em.findOne(Member, memberId!), 'id', notFound);
  const club = await em.findOneOrFail(Club, member.club.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  await em.refresh(member);
  foundInArea(ctx, member, () => club.place, 'id', notFound);
  return { member, club };
}

/**
 * One chair per club at a time: making a current member CHAIR while another current member is chair is
 * refused, unless `replace` asks to make the old chair a BOARD_MEMBER in the same write.
 */
async function enforceOneChair(tx: WriteTx, checks: Checks, club: Club, member: Member | null, replace: boolean): Promise<Member[]> {
  const others = await tx.em.find(Member, { club, boardRole: BoardRole.CHAIR, leftOn: null, ...(member ? { id: { $ne: member.id } } : {}) });
  if (!others.length) return [];
  if (!replace) {
    checks.add('boardRole', `${others[0].fullName} is already the chair of this club: set replaceChair to make them a board member instead`);
    return [];
  }
  for (const chair of others) {
    tx.audit.track(chair, () => clubUnits(tx.ctx.units, club));
    chair.boardRole = BoardRole.BOARD_MEMBER;
  }
  return others;
}

/**
 * A person in one club at a time. Without a national id the hub compares full name (case-folded), birth year
 * and sex: the same person as a current member of this club is refused; of another club of the same commune
 * is refused unless `allowSecondClub`.
 */
async function enforceOneClub(em: EntityManager, checks: Checks, club: Club, person: MemberFields, allowSecondClub: boolean): Promise<void> {
  const rows = await em.getConnection().execute<Array<{ club_id: number; code: string }>>(
    `select m.club_id, c.code from member m join club c on c.id = m.club_id
     where m.left_on is null and m.birth_year = ? and m.sex = ? and lower(m.full_name) = lower(?)
       and (m.club_id = ? or c.commune_post2025_id = ? or c.commune_pre2025_id = ?)
     order by (m.club_id = ?) desc limit 1`,
    [person.birthYear, person.sex, person.fullName, club.id, club.communePost2025?.id ?? null, club.communePre2025?.id ?? null, club.id],
  );
  if (!rows.length) return;
  if (rows[0].club_id === club.id) checks.add('fullName', `${person.fullName} (born ${person.birthYear}) is already a current member of this club`);
  else if (!allowSecondClub) {
    checks.add(
      'fullName',
      `${person.fullName} (born ${person.birthYear}) is a current member of club ${rows[0].code} in the same commune: ` +
        'a person is in one club at a time; set allowSecondClub if this is intended or another person',
    );
  }
}

async function requireFreeRef(em: EntityManager, checks: Checks, club: Club, ref: string | null | undefined, member?: Member): Promise<void> {
  if (!ref) return;
  const taken = await em.findOne(Member, { club, externalRef: ref, ...(member ? { id: { $ne: member.id } } : {}) });
  if (taken) checks.add('externalRef', `Another member of this club has the reference "${ref}"`);
}

export function addMember(ctx: HubContext, input: AddMemberInput): Promise<{ member: Member; demotedChairs: Member[] }> {
  return runWrite(ctx, 'addMember', async (tx) => {
    const { em, audit } = tx;
    const club = await lockClub(em, input.clubCode, 'clubCode');
    ctx.access.requireWrite(club.place);
    requireOpen(club, 'clubCode');
    const { clubCode: _c, replaceChair, allowSecondClub, ...values } = input;
    const checks = new Checks();
    const fields = checkMemberFields(checks, values, club);
    if (checks.ok) await enforceOneClub(em, checks, club, fields, allowSecondClub);
    await requireFreeRef(em, checks, club, fields.externalRef);
    const demotedChairs = fields.boardRole === BoardRole.CHAIR ? await enforceOneChair(tx, checks, club, null, replaceChair) : [];
    checks.throwIfAny();
    const owner = ownerOf(club);
    await requireUnlockedWrite(em, [memberClaim(owner, undefined, fields), ...demotedChairs.map((c) => changedFrom(owner, c.joinedOn))], 'joinedOn');
    const member = new Member();
    member.club = club;
    assignMemberFields(member, fields);
    em.persist(member);
    audit.track(member, () => clubUnits(ctx.units, club));
    return { member, demotedChairs };
  });
}

export function updateMember(ctx: HubContext, input: UpdateMemberInput): Promise<{ member: Member; demotedChairs: Member[] }> {
  return runWrite(ctx, 'updateMember', async (tx) => {
    const { em, audit } = tx;
    const { member, club } = await lockMember(ctx, em, input.id);
    requireVersion(member, input.expectedVersion, 'member');
    const { id: _id, expectedVersion: _v, replaceChair, ...values } = input;
    const checks = new Checks();
    const fields = checkMemberFields(checks, values, club, member);
    await requireFreeRef(em, checks, club, fields.externalRef, member);
    const becomesChair = fields.boardRole === BoardRole.CHAIR && member.boardRole !== BoardRole.CHAIR && !member.leftOn;
    const demotedChairs = becomesChair ? await enforceOneChair(tx, checks, club, member, replaceChair) : [];
    checks.throwIfAny();
    const owner = ownerOf(club);
    await requireUnlockedWrite(em, [memberClaim(owner, member, fields), ...demotedChairs.map((c) => changedFrom(owner, c.joinedOn))]);
    audit.track(member, () => clubUnits(ctx.units, club));
    assignMemberFields(member, fields);
    return { member, demotedChairs };
  });
}

export function recordMemberLeaving(ctx: HubContext, input: RecordMemberLeavingInput): Promise<Member> {
  return runWrite(ctx, 'recordMemberLeaving', async ({ em, audit }) => {
    const { member, club } = await lockMember(ctx, em, input.id);
    requireVersion(member, input.expectedVersion, 'member');
    if (member.leftOn) throw new InvalidInputError([{ field: 'input.id', message: `This membership already ended on ${member.leftOn}` }]);
    const checks = new Checks();
    if (input.reason === LeaveReason.CLUB_DISSOLVED) checks.add('reason', 'CLUB_DISSOLVED is recorded by dissolving the club (dissolveClub)');
    checks.pastDate('leftOn', input.leftOn);
    checks.notBefore('leftOn', input.leftOn, member.joinedOn, 'the date joined');
    checks.throwIfAny();
    await requireUnlockedWrite(em, [changedFrom(ownerOf(club), input.leftOn)], 'leftOn');
    audit.track(member, () => clubUnits(ctx.units, club));
    member.leftOn = input.leftOn;
    member.leaveReason = input.reason;
    return member;
  });
}
