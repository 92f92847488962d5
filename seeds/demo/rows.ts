import { ClubStatus } from '../../src/modules/club/club.enums';
import { AwardDraft } from './awards';
import { iso } from './dates';
import { FundDraft, LoanDraft, TxDraft } from './funds';
import { MeetingDraft } from './meetings';
import { MemberDraft } from './members';
import { ClubPlan } from './plan';
import { CourseDraft } from './training';

/** The demo tables' columns and one row of each in COPY text format (tab-separated, \N for null). */
export const COLUMNS = {
  club: [
    'id', 'code', 'name', 'village', 'commune_pre2025_id', 'commune_post2025_id', 'founded_on', 'founding_decision',
    'programme', 'status', 'suspended_on', 'dissolved_on', 'meeting_day', 'version', 'created_at', 'updated_at',
  ],
  member: [
    'id', 'club_id', 'full_name', 'sex', 'birth_year', 'birth_date', 'ethnicity', 'poverty_status', 'poverty_year',
    'disability', 'health_insurance', 'joined_on', 'left_on', 'leave_reason', 'board_role', 'home_care_volunteer',
    'livelihood_mentor', 'version',
  ],
  meeting: ['id', 'club_id', 'held_on', 'attendance', 'activity_areas'],
  fund: ['id', 'club_id', 'kind', 'opened_on', 'version'],
  loan: ['id', 'fund_id', 'borrower_id', 'principal', 'disbursed_on', 'due_on', 'instalments', 'status', 'closed_on', 'version'],
  fund_transaction: ['id', 'fund_id', 'occurred_on', 'kind', 'source', 'amount', 'loan_id', 'member_id', 'note'],
  training_course: ['id', 'title', 'topics', 'organiser_level', 'organiser_unit_id', 'starts_on', 'ends_on'],
  trainee: ['id', 'course_id', 'member_id'],
  award: ['id', 'kind', 'issuer', 'decision_number', 'granted_on', 'recipient_kind', 'club_id', 'member_id', 'association_unit_id', 'reason'],
  club_report: [
    'id', 'club_id', 'month', 'submitted_on', 'first_submitted_on', 'submitted_by', 'source', 'meetings_held', 'attendance', 'activity_areas',
    'new_members', 'members_left', 'home_care_visits', 'health_checks', 'fund_capital', 'version', 'created_at', 'updated_at',
  ],
  supervision_visit: ['id', 'club_id', 'visited_on', 'visiting_level', 'scores', 'rating', 'notes', 'version', 'created_at'],
  approval: ['id', 'structure', 'unit_code', 'level', 'month', 'approved_by', 'approved_at'],
} as const;

export type TableName = keyof typeof COLUMNS;

/** Parents before children, so foreign keys hold at the end of every COPY. */
export const LOAD_ORDER: TableName[] = [
  'club', 'member', 'meeting', 'fund', 'loan', 'fund_transaction', 'training_course', 'trainee', 'award', 'club_report', 'supervision_visit', 'approval',
];

export const NULL = '\\N';

/** A text value for COPY: backslash, tab and line breaks escaped. */
export function text(value: string | null | undefined): string {
  if (value === null || value === undefined) return NULL;
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : value;
}
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A PostgreSQL array literal of free text, each element quoted. */
export function textArray(values: readonly string[]): string {
  return text(`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`);
}

const date = (d: number | null) => (d === null || d === Infinity ? NULL : iso(d));
const int = (n: number | null) => (n === null ? NULL : String(n));
const bool = (b: boolean) => (b ? 't' : 'f');

/** A fixed creation time: the same seed must give the same bytes. */
const CREATED_AT = '2026-10-31 08:00:00+07';

export function clubRow(c: ClubPlan): string {
  const status = c.dissolvedOn !== null ? ClubStatus.DISSOLVED : c.suspendedOn !== null ? ClubStatus.SUSPENDED : ClubStatus.ACTIVE;
  return [
    c.id, text(c.code), text(c.name), text(c.village), int(c.pre?.id ?? null), c.post.id, date(c.foundedOn),
    text(c.foundingDecision), c.programme, status, date(c.suspendedOn), date(c.dissolvedOn), c.meetingDay, 1, CREATED_AT, CREATED_AT,
  ].join('\t');
}

export function memberRow(m: MemberDraft, clubId: number): string {
  return `${m.id}\t${clubId}\t${text(m.fullName)}\t${m.sex}\t${m.birthYear}\t${date(m.birthDate)}\t${text(m.ethnicity)}\t${m.poverty}\t${int(
    m.povertyYear,
  )}\t${bool(m.disability)}\t${bool(m.healthInsurance)}\t${iso(m.joinedOn)}\t${date(m.leftOn)}\t${m.leaveReason ?? NULL}\t${
    m.boardRole ?? NULL
  }\t${bool(m.homeCareVolunteer)}\t${bool(m.livelihoodMentor)}\t1`;
}

export function meetingRow(id: number, clubId: number, m: MeetingDraft): string {
  return `${id}\t${clubId}\t${iso(m.heldOn)}\t${m.attendance}\t${m.areas}`;
}

export function fundRow(f: FundDraft, clubId: number): string {
  return `${f.id}\t${clubId}\t${f.kind}\t${iso(f.openedOn)}\t1`;
}

export function loanRow(l: LoanDraft): string {
  return `${l.id}\t${l.fund.id}\t${l.borrower.id}\t${l.principal}\t${iso(l.disbursedOn)}\t${iso(l.dueOn)}\t${l.instalments}\t${l.status}\t${date(
    l.closedOn,
  )}\t1`;
}

export function transactionRow(id: number, fundId: number, t: TxDraft): string {
  return `${id}\t${fundId}\t${iso(t.day)}\t${t.kind}\t${t.source ?? NULL}\t${t.amount}\t${t.loan ? t.loan.id : NULL}\t${
    t.member ? t.member.id : NULL
  }\t${text(t.note)}`;
}

export function courseRow(id: number, c: CourseDraft): string {
  return `${id}\t${text(c.title)}\t${textArray(c.topics)}\t${c.level}\t${c.unit.id}\t${iso(c.startsOn)}\t${iso(c.endsOn)}`;
}

export function traineeRow(id: number, courseId: number, memberId: number): string {
  return `${id}\t${courseId}\t${memberId}`;
}

export function awardRow(id: number, a: AwardDraft): string {
  const r = a.recipient;
  const [kind, club, member, unit] =
    'club' in r ? ['CLUB', r.club, NULL, NULL] : 'member' in r ? ['MEMBER', NULL, r.member.id, NULL] : ['ASSOCIATION', NULL, NULL, r.unitId];
  return `${id}\t${a.kind}\t${text(a.issuer)}\t${text(a.decisionNumber)}\t${iso(a.grantedOn)}\t${kind}\t${club}\t${member}\t${unit}\t${text(a.reason)}`;
}
