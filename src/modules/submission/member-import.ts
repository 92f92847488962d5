import { LockMode } from '@mikro-orm/core';
import { intArray } from '../../db/sql';
import { Club } from '../club/club.entity';
import { ClubStatus } from '../club/club.enums';
import { clubUnits } from '../club/club.service';
import { Member } from '../member/member.entity';
import { BoardRole, LeaveReason, PovertyStatus, Sex } from '../member/member.enums';
import { memberClaim, Membership, membershipConflicts, membershipsAround, storedMembership } from '../member/member.writes';
import { ownerOf } from '../shared/record-owner';
import { assignMemberFields, checkMemberFields, memberAfter, MemberFields, personKey } from '../member/member.rules';
import { CsvRow, RowProblem } from './csv-input';
import { clubsInArea, duplicates, Importer, ImportSession, outsideArea, PlannedRow } from './import.types';
import { RowReader } from './row-reader';
import { eachInTurns, mapInTurns } from '../../turns';

const COLUMNS = {
  required: ['club_code', 'member_ref', 'full_name', 'sex', 'birth_year', 'poverty_status', 'joined_on'],
  optional: [
    'birth_date',
    'ethnicity',
    'poverty_year',
    'disability',
    'health_insurance',
    'left_on',
    'leave_reason',
    'board_role',
    'home_care_volunteer',
    'livelihood_mentor',
    'allow_second_club',
  ],
} as const;

const COLUMN_OF = { externalRef: 'member_ref' };
const SEX_ALIASES: Record<string, Sex> = { nữ: Sex.FEMALE, nu: Sex.FEMALE, nam: Sex.MALE };
const POVERTY_ALIASES: Record<string, PovertyStatus> = { nghèo: PovertyStatus.POOR, 'cận nghèo': PovertyStatus.NEAR_POOR, 'không nghèo': PovertyStatus.NOT_POOR };

function changes(member: Member, fields: MemberFields): boolean {
  return Object.entries(fields).some(([key, value]) => value !== undefined && (value ?? null) !== ((member as unknown as Record<string, unknown>)[key] ?? null));
}

/**
 * The member register: one row per membership, keyed by (club_code, member_ref). A new reference creates a
 * member; a known one updates it; a reference new to a club whose current members include exactly one
 * unreferenced person with the same name, birth year and sex attaches to that member rather than adding
 * the person twice. The chair and one-club rules are checked on the state the whole file leads to.
 */
export const memberImport: Importer = {
  kind: 'members',
  columns: COLUMNS,
  async plan(session: ImportSession, rows: CsvRow[]) {
    const { em, ctx, lock } = session;
    const readers = await mapInTurns(rows, (csv) => new RowReader(csv, COLUMN_OF));
    const clubCodes = await mapInTurns(readers, (r) => r.text('club_code', { max: 32, required: true }) ?? undefined);
    const refs = await mapInTurns(readers, (r) => r.text('member_ref', { max: 64, required: true }) ?? undefined);
    const repeated = duplicates(
      readers.map((r, i) => ({ row: r.row, key: clubCodes[i] && refs[i] ? [clubCodes[i], refs[i]] : undefined })),
      'member_ref',
      ([club, ref]) => `The member ${ref} of club ${club}`,
    );
    const lockMode = { lockMode: lock ? LockMode.PESSIMISTIC_WRITE : LockMode.NONE } as const;
    const named = await em.find(Club, { code: { $in: [...new Set(clubCodes.filter((c): c is string => !!c))] } }, lockMode);
    const { clubs, outside } = clubsInArea(ctx, named);
    const { stored, elsewhere } = await membershipsAround(em, [...clubs.values()], lock, false);
    const byRef = new Map(stored.filter((m) => m.externalRef).map((m) => [`${m.club.id}|${m.externalRef}`, m]));
    // Current members without a reference, by club and person: a new reference may attach to one of them.
    const unreferenced = new Map<string, Member[]>();
    for (const m of stored) {
      if (m.externalRef || m.leftOn) continue;
      const key = `${m.club.id}|${personKey(m.fullName, m.birthYear, m.sex)}`;
      unreferenced.set(key, [...(unreferenced.get(key) ?? []), m]);
    }
    const targeted = new Set<Member>();

    const planned: PlannedRow[] = [];
    const problems: RowProblem[] = [];
    const outcomes: Membership[] = [];
    const rowsOf = new Map<number, { reader: RowReader; plan: PlannedRow }>();

    await eachInTurns(readers, (reader, i) => {
      if (clubCodes[i] && outside.has(clubCodes[i]!)) return problems.push(outsideArea(reader.row, 'club_code'));
      const club = clubCodes[i] ? clubs.get(clubCodes[i]!) : undefined;
      if (clubCodes[i] && !club) reader.add('club_code', `No club has the code "${clubCodes[i]}"`);
      const values: MemberFields = {
        fullName: reader.csv.cells.get('full_name'),
        sex: reader.choice('sex', Sex, SEX_ALIASES),
        birthYear: reader.integer('birth_year'),
        birthDate: reader.date('birth_date'),
        ethnicity: reader.csv.cells.get('ethnicity'),
        povertyStatus: reader.choice('poverty_status', PovertyStatus, POVERTY_ALIASES),
        povertyYear: reader.integer('poverty_year'),
        disability: reader.flag('disability'),
        healthInsurance: reader.flag('health_insurance'),
        joinedOn: reader.date('joined_on'),
        leftOn: reader.date('left_on'),
        leaveReason: reader.choice('leave_reason', LeaveReason),
        boardRole: reader.choice('board_role', BoardRole),
        homeCareVolunteer: reader.flag('home_care_volunteer'),
        livelihoodMentor: reader.flag('livelihood_mentor'),
        externalRef: refs[i] ?? null,
      };
      const allowSecondClub = reader.flag('allow_second_club') ?? false;
      if (!club) return problems.push(...reader.problems(), ...(repeated.has(reader.row) ? [repeated.get(reader.row)!] : []));
      let member = byRef.get(`${club.id}|${refs[i]}`);
      if (!member && values.fullName && values.birthYear && values.sex) {
        const key = `${club.id}|${personKey(values.fullName, values.birthYear, values.sex)}`;
        const same = (unreferenced.get(key) ?? []).filter((m) => !targeted.has(m));
        if (same.length === 1) member = same[0];
      }
      if (member) targeted.add(member);
      const fields = checkMemberFields(reader.checks, values, club, member);
      const after = memberAfter(member, fields);
      if (club.status === ClubStatus.DISSOLVED && !after.leftOn) reader.add('left_on', `The club ${club.code} was dissolved on ${club.dissolvedOn}: its members have a leaving date`);
      const rowProblems = [...reader.problems(), ...(repeated.has(reader.row) ? [repeated.get(reader.row)!] : [])];
      if (rowProblems.length) return problems.push(...rowProblems);

      outcomes.push({
        index: reader.row,
        clubId: club.id,
        key: personKey(after.fullName!, after.birthYear!, after.sex!),
        fullName: after.fullName!,
        ref: refs[i] ?? null,
        current: !after.leftOn,
        chair: after.boardRole === BoardRole.CHAIR,
        allowSecondClub,
        checkClub: true,
        member,
      });
      const existing = member;
      const claims = [memberClaim(ownerOf(club), existing, fields)];
      const plan: PlannedRow = !existing
        ? {
            row: reader.row,
            action: 'create',
            claims,
            apply: ({ em: tx, audit }) => {
              const created = Object.assign(new Member(), { club: tx.getReference(Club, club.id) });
              assignMemberFields(created, fields);
              tx.persist(created);
              audit.track(created, () => clubUnits(ctx.units, club));
            },
          }
        : changes(existing, fields)
          ? {
              row: reader.row,
              action: 'update',
              claims,
              apply: ({ em: tx, audit }) => {
                tx.merge(existing);
                audit.track(existing, () => clubUnits(ctx.units, club));
                assignMemberFields(existing, fields);
              },
            }
          : { row: reader.row, action: 'unchanged' };
      rowsOf.set(reader.row, { reader, plan });
    });

    // The state the file leads to: stored memberships it does not touch, and its own rows (index: row number).
    for (const m of stored) if (!targeted.has(m) && !m.leftOn) outcomes.push(storedMembership(m));
    const clubById = new Map([...clubs.values()].map((c) => [c.id, c]));
    const describe = (o: Membership) => (o.index !== null ? `row ${o.index}` : `${o.fullName}${o.ref ? ` (${o.ref})` : ''}, not in this file`);
    const byRow = new Map(outcomes.filter((o) => o.index !== null).map((o) => [o.index!, o]));
    for (const conflict of await membershipConflicts(clubById, outcomes, elsewhere)) {
      const reader = rowsOf.get(conflict.index)?.reader;
      const o = byRow.get(conflict.index)!;
      const club = clubById.get(o.clubId)!;
      if (conflict.rule === 'ONE_CHAIR') {
        reader?.add('board_role', `The club ${club.code} would have ${conflict.chairs.length} chairs: ${conflict.chairs.map(describe).join(', ')}; one chair at a time`);
      } else if (conflict.rule === 'SAME_CLUB') {
        reader?.add('full_name', `${o.fullName} is twice a current member of club ${club.code} (also ${describe(conflict.other)})`);
      } else {
        reader?.add('full_name', `${o.fullName} is also a current member of club ${conflict.otherClub} in the same commune: one club at a time (set allow_second_club to true if intended)`);
      }
    }

    for (const { reader, plan } of rowsOf.values()) {
      if (reader.ok) planned.push(plan);
      else problems.push(...reader.problems());
    }
    return { planned, problems };
  },
};
