import { LockMode } from '@mikro-orm/core';
import { intArray } from '../../db/sql';
import { Club } from '../club/club.entity';
import { ClubStatus } from '../club/club.enums';
import { clubUnits } from '../club/club.service';
import { Member } from '../member/member.entity';
import { BoardRole, LeaveReason, PovertyStatus, Sex } from '../member/member.enums';
import { memberClaim } from '../member/member.writes';
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

/** A membership as it will be once the file is applied: from a row of the file, or stored and untouched. */
interface Outcome {
  row: number | null;
  clubId: number;
  key: string;
  fullName: string;
  ref: string | null;
  current: boolean;
  chair: boolean;
  allowSecondClub: boolean;
}

function changes(member: Member, fields: MemberFields): boolean {
  return Object.entries(fields).some(([key, value]) => value !== undefined && (value ?? null) !== ((member as unknown as Record<string, unknown>)[key] ?? null));
}

function groupInto<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

/** Current members of other clubs of the same communes, for the one-club-per-person rule. */
async function neighbours(session: ImportSession, clubs: Club[]): Promise<Map<string, string>> {
  const post = clubs.map((c) => c.communePost2025?.id).filter((id): id is number => !!id);
  const pre = clubs.map((c) => c.communePre2025?.id).filter((id): id is number => !!id);
  const rows = await session.em.getConnection().execute<Array<{ full_name: string; birth_year: number; sex: Sex; code: string; pre: number | null; post: number | null }>>(
    `select m.full_name, m.birth_year, m.sex, c.code, c.commune_pre2025_id as pre, c.commune_post2025_id as post
     from member m join club c on c.id = m.club_id
     where m.left_on is null and not (c.id = any(?::int[])) and (c.commune_post2025_id = any(?::int[]) or c.commune_pre2025_id = any(?::int[]))`,
    [intArray(clubs.map((c) => c.id)), intArray(post), intArray(pre)],
  );
  const index = new Map<string, string>();
  for (const r of rows) {
    const key = personKey(r.full_name, r.birth_year, r.sex);
    if (r.post) index.set(`post:${r.post}|${key}`, r.code);
    if (r.pre) index.set(`pre:${r.pre}|${key}`, r.code);
  }
  return index;
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
    const stored = await em.find(Member, { club: { $in: [...clubs.values()].map((c) => c.id) } }, { ...lockMode, orderBy: { id: 'asc' as const } });
    const elsewhere = await neighbours(session, [...clubs.values()]);
    const byRef = new Map(stored.filter((m) => m.externalRef).map((m) => [`${m.club.id}|${m.externalRef}`, m]));
    // Current members without a reference, by club and person: a new reference may attach to one of them.
    const unreferenced = new Map<string, Member[]>();
    for (const m of stored) {
      if (m.externalRef || m.leftOn) continue;
      const key = `${m.club.id}|${personKey(m.fullName, m.birthYear, m.sex)}`;
      groupInto(unreferenced, key, m);
    }
    const targeted = new Set<Member>();

    const planned: PlannedRow[] = [];
    const problems: RowProblem[] = [];
    const outcomes: Outcome[] = [];
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
        row: reader.row,
        clubId: club.id,
        key: personKey(after.fullName!, after.birthYear!, after.sex!),
        fullName: after.fullName!,
        ref: refs[i] ?? null,
        current: !after.leftOn,
        chair: after.boardRole === BoardRole.CHAIR,
        allowSecondClub,
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

    // The state the file leads to: stored memberships it does not touch, and its own rows.
    for (const m of stored) {
      if (targeted.has(m) || m.leftOn) continue;
      outcomes.push({ row: null, clubId: m.club.id, key: personKey(m.fullName, m.birthYear, m.sex), fullName: m.fullName, ref: m.externalRef ?? null, current: true, chair: m.boardRole === BoardRole.CHAIR, allowSecondClub: false });
    }
    const current = outcomes.filter((o) => o.current);
    const clubById = new Map([...clubs.values()].map((c) => [c.id, c]));
    const rowProblem = (row: number, column: string, message: string) => rowsOf.get(row)?.reader.add(column, message);
    const describe = (o: Outcome) => (o.row ? `row ${o.row}` : `${o.fullName}${o.ref ? ` (${o.ref})` : ''}, not in this file`);

    const chairsOf = new Map<number, Outcome[]>();
    for (const o of current) if (o.chair) groupInto(chairsOf, o.clubId, o);
    for (const club of clubs.values()) {
      const chairs = chairsOf.get(club.id) ?? [];
      if (chairs.length > 1) {
        for (const o of chairs.filter((c) => c.row)) rowProblem(o.row!, 'board_role', `The club ${club.code} would have ${chairs.length} chairs: ${chairs.map(describe).join(', ')}; one chair at a time`);
      }
    }
    const byPerson = new Map<string, Outcome[]>();
    for (const o of current) groupInto(byPerson, o.key, o);
    await eachInTurns(current.filter((c) => c.row), (o) => {
      const club = clubById.get(o.clubId)!;
      const twins = byPerson.get(o.key)!.filter((t) => t !== o);
      const sameClub = twins.find((t) => t.clubId === o.clubId);
      if (sameClub) {
        rowProblem(o.row!, 'full_name', `${o.fullName} is twice a current member of club ${club.code} (also ${describe(sameClub)})`);
        return;
      }
      if (o.allowSecondClub) return;
      const sameCommune = (other: Club) =>
        (!!club.communePost2025 && other.communePost2025?.id === club.communePost2025.id) || (!!club.communePre2025 && other.communePre2025?.id === club.communePre2025.id);
      const inFile = twins.find((t) => sameCommune(clubById.get(t.clubId)!));
      const stored = elsewhere.get(`post:${club.communePost2025?.id}|${o.key}`) ?? elsewhere.get(`pre:${club.communePre2025?.id}|${o.key}`);
      const other = inFile ? clubById.get(inFile.clubId)!.code : stored;
      if (other) rowProblem(o.row!, 'full_name', `${o.fullName} is also a current member of club ${other} in the same commune: one club at a time (set allow_second_club to true if intended)`);
    });

    for (const { reader, plan } of rowsOf.values()) {
      if (reader.ok) planned.push(plan);
      else problems.push(...reader.problems());
    }
    return { planned, problems };
  },
};
