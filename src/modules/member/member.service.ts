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
import { assignMemberFields, checkMemberFields, memberAfter, MemberFields, personKey } from './member.rules';
import { memberClaim, Membership, membershipConflicts, membershipsAround, storedMembership } from './member.writes';
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
 * The membership rules of one member write (member.writes.ts, the home the import shares), on the club's
 * state after it. One chair per club at a time: making a current member CHAIR while another current member is
 * chair is refused, unless `replace` asks to make the old chair a BOARD_MEMBER in the same write. A person in
 * one club at a time: the same person (personKey) as a current member of this club is refused; of another
 * club of the same commune, unless `allowSecondClub`. `checkClub`: whether the write makes a membership the
 * one-club rule looks at (a new member); an update that does not make a chair checks nothing.
 */
async function enforceMembershipRules(
  tx: WriteTx,
  checks: Checks,
  club: Club,
  member: Member | null,
  after: MemberFields,
  options: { checkChair: boolean; checkClub: boolean; replaceChair: boolean; allowSecondClub: boolean },
): Promise<Member[]> {
  if (!options.checkChair && !options.checkClub) return [];
  if (!after.fullName || !after.birthYear || !after.sex) return [];
  const { stored, elsewhere } = await membershipsAround(tx.em, [club], false, true);
  const memberships: Membership[] = stored.filter((m) => m.id !== member?.id).map(storedMembership);
  memberships.push({
    index: 0,
    clubId: club.id,
    key: personKey(after.fullName, after.birthYear, after.sex),
    fullName: after.fullName,
    ref: after.externalRef ?? null,
    current: !after.leftOn,
    chair: options.checkChair && after.boardRole === BoardRole.CHAIR,
    allowSecondClub: options.allowSecondClub,
    checkClub: options.checkClub,
  });
  const demoted: Member[] = [];
  for (const conflict of await membershipConflicts(new Map([[club.id, club]]), memberships, elsewhere)) {
    if (conflict.rule === 'ONE_CHAIR') {
      const others = conflict.chairs.filter((c) => c.index === null).map((c) => c.member!);
      if (!options.replaceChair) {
        checks.add('boardRole', `${others[0].fullName} is already the chair of this club: set replaceChair to make them a board member instead`);
        continue;
      }
      for (const chair of others) {
        tx.audit.track(chair, () => clubUnits(tx.ctx.units, club));
        chair.boardRole = BoardRole.BOARD_MEMBER;
        demoted.push(chair);
      }
    } else if (conflict.rule === 'SAME_CLUB') {
      checks.add('fullName', `${after.fullName} (born ${after.birthYear}) is already a current member of this club`);
    } else {
      checks.add(
        'fullName',
        `${after.fullName} (born ${after.birthYear}) is a current member of club ${conflict.otherClub} in the same commune: ` +
          'a person is in one club at a time; set allowSecondClub if this is intended or another person',
      );
    }
  }
  return demoted;
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
    const demotedChairs = await enforceMembershipRules(tx, checks, club, null, memberAfter(undefined, fields), {
      checkChair: fields.boardRole === BoardRole.CHAIR,
      checkClub: checks.ok,
      replaceChair,
      allowSecondClub,
    });
    await requireFreeRef(em, checks, club, fields.externalRef);
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
    const demotedChairs = await enforceMembershipRules(tx, checks, club, member, memberAfter(member, fields), { checkChair: becomesChair, checkClub: false, replaceChair, allowSecondClub: false });
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
