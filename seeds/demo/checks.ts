import { NAMED_CLUBS, NATIONAL } from './scale';

/**
 * The demo's rules as SQL over the stored rows: counted by the database, not by the generator. The
 * structural checks hold at every scale (tests run them after a small seed); the calibration checks are the
 * published national figures (npm run check:national-seed).
 */
export interface Check {
  name: string;
  /** One row with a numeric column `value`. */
  sql: string;
  expected: string;
  ok: (value: number) => boolean;
}

export interface CheckResult {
  name: string;
  value: number;
  expected: string;
  pass: boolean;
}

export type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

export async function runChecks(query: Query, checks: Check[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    const [row] = await query(check.sql);
    const value = Number(row?.value);
    results.push({ name: check.name, value, expected: check.expected, pass: Number.isFinite(value) && check.ok(value) });
  }
  return results;
}

const activeClubs = (d: string) => `select count(*) as value from club where founded_on <= '${d}' and (dissolved_on is null or dissolved_on > '${d}')`;
const members = (d: string) => `select count(*) as value from member where joined_on <= '${d}' and (left_on is null or left_on > '${d}')`;
/** Active at some time in the year: founded by its end, not dissolved before its start. */
const activeInYear = (y: number) =>
  `select count(*) as value from club where founded_on <= '${y}-12-31' and (dissolved_on is null or dissolved_on >= '${y}-01-01')`;
const share = (condition: string, at = '2023-12-31') =>
  `select avg(case when ${condition} then 1.0 else 0 end) as value from member where joined_on <= '${at}' and (left_on is null or left_on > '${at}')`;
/** Capital of a fund at a day: inflows other than repayments, minus expenses (loans only move cash). */
const igCapital = (communeCode: string, village: string) => `
  select sum(case when t.kind in ('CONTRIBUTION', 'MEMBER_FEE', 'INTEREST') then t.amount when t.kind = 'EXPENSE' then -t.amount else 0 end) as value
  from club c join admin_unit u on u.id = c.commune_pre2025_id join fund f on f.club_id = c.id and f.kind = 'INCOME_GENERATION'
  join fund_transaction t on t.fund_id = f.id
  where u.code = '${communeCode}' and u.structure = 'PRE_2025' and c.village = '${village}' and t.occurred_on <= '2023-12-31'`;

const exactly = (n: number) => ({ expected: `= ${n.toLocaleString('en')}`, ok: (v: number) => v === n });
const between = (lo: number, hi: number) => ({ expected: `${lo}–${hi}`, ok: (v: number) => v >= lo && v <= hi });
const none = { expected: '= 0', ok: (v: number) => v === 0 };
const some = { expected: '> 0', ok: (v: number) => v > 0 };
const within2Percent = (n: number) => ({ expected: `${n.toLocaleString('en')} ± 2 %`, ok: (v: number) => Math.abs(v - n) <= n * 0.02 });

const AS_OF = '2026-10-31';

export const CALIBRATION_CHECKS: Check[] = [
  { name: 'active clubs at the end of 2023', sql: activeClubs('2023-12-31'), ...exactly(NATIONAL.active2023) },
  { name: 'members at the end of 2023', sql: members('2023-12-31'), ...exactly(NATIONAL.members2023) },
  {
    name: 'of those, founded 31 Aug 2020 – 31 Dec 2023 (Decision 1336)',
    sql: `select count(*) as value from club where founded_on between '2020-08-31' and '2023-12-31'
          and (dissolved_on is null or dissolved_on > '2023-12-31')`,
    ...exactly(NATIONAL.new1336By2023),
  },
  { name: 'active clubs at the end of 2024', sql: activeClubs('2024-12-31'), ...exactly(NATIONAL.active2024) },
  { name: 'members at the end of 2024 (more than 484,000)', sql: members('2024-12-31'), ...exactly(NATIONAL.members2024) },
  { name: 'clubs active during 2023 (year-long indicator)', sql: activeInYear(2023), ...exactly(NATIONAL.active2023) },
  { name: 'clubs active during 2024 (year-long indicator)', sql: activeInYear(2024), ...exactly(NATIONAL.active2024) },
  {
    name: 'PRE_2025 provinces with clubs',
    sql: `select count(distinct split_part(u.path, '/', 1)) as value from club c join admin_unit u on u.id = c.commune_pre2025_id`,
    ...exactly(63),
  },
  ...NATIONAL.fullCoverage.map((province) => ({
    name: `communes of province ${province} without a club active at the end of 2023`,
    sql: `select count(*) as value from admin_unit u where u.structure = 'PRE_2025' and u.level = 'COMMUNE' and u.path like '${province}/%'
          and not exists (select 1 from club c where c.commune_pre2025_id = u.id and c.founded_on <= '2023-12-31'
                          and (c.dissolved_on is null or c.dissolved_on > '2023-12-31'))`,
    ...none,
  })),
  {
    name: 'clubs founded 2016-09-01 … 2020-08-30 outside Decision 1533, NGO projects or local initiatives',
    sql: `select count(*) as value from club where founded_on < '2020-08-31'
          and programme not in ('DECISION_1533', 'NGO_PROJECT', 'LOCAL_INITIATIVE')`,
    ...none,
  },
  {
    name: 'training courses',
    sql: 'select count(*) as value from training_course',
    ...between(3000, 5000),
  },
  { name: 'awards', sql: 'select count(*) as value from award', ...between(2000, 9000) },
];

/** Rules that hold at any scale (both scales include Hà Tĩnh and Đắk Lắk, home of the two named clubs). */
export const STRUCTURAL_CHECKS: Check[] = [
  ...NAMED_CLUBS.map((club) => ({
    name: `income-generation fund of ${club.village}, commune ${club.communeCode}, end of 2023 (đồng)`,
    sql: igCapital(club.communeCode, club.village),
    ...within2Percent(club.igCapital2023),
  })),
  ...['club', 'member', 'meeting', 'fund', 'loan', 'fund_transaction', 'training_course', 'trainee', 'award'].map((t) => ({
    name: `rows in ${t}`,
    sql: `select count(*) as value from ${t}`,
    ...some,
  })),
  // Programmes and the two structures of communes.
  {
    name: 'clubs dissolved in 2023 or 2024',
    sql: `select count(*) as value from club where dissolved_on between '2023-01-01' and '2024-12-31'`,
    ...none,
  },
  {
    name: 'clubs founded from 31 Aug 2020 to 30 Jun 2025 not under Decision 1336',
    sql: `select count(*) as value from club where founded_on between '2020-08-31' and '2025-06-30' and programme <> 'DECISION_1336'`,
    ...none,
  },
  {
    name: 'clubs founded after the reform (Decision 1648, POST_2025 commune only)',
    sql: `select count(*) as value from club c join admin_unit p on p.id = c.commune_post2025_id
          where c.founded_on >= '2025-07-01' and c.programme = 'DECISION_1648' and c.commune_pre2025_id is null and p.structure = 'POST_2025'`,
    ...some,
  },
  {
    name: 'clubs after the reform not in that shape',
    sql: `select count(*) as value from club where founded_on >= '2025-07-01'
          and (programme <> 'DECISION_1648' or commune_pre2025_id is not null or commune_post2025_id is null)`,
    ...none,
  },
  {
    name: 'clubs before the reform without a commune in both structures',
    sql: `select count(*) as value from club c left join admin_unit a on a.id = c.commune_pre2025_id left join admin_unit b on b.id = c.commune_post2025_id
          where c.founded_on < '2025-07-01' and (a.structure is distinct from 'PRE_2025' or a.level is distinct from 'COMMUNE'
                or b.structure is distinct from 'POST_2025' or b.level is distinct from 'COMMUNE')`,
    ...none,
  },
  {
    name: "clubs whose POST_2025 commune is not a crosswalk successor of their PRE_2025 commune",
    sql: `select count(*) as value from club c where c.commune_pre2025_id is not null and not exists
          (select 1 from admin_unit_crosswalk x where x.old_unit_id = c.commune_pre2025_id and x.new_unit_id = c.commune_post2025_id)`,
    ...none,
  },
  {
    name: 'clubs on split communes (where the generator had to choose)',
    sql: `select count(*) as value from club c where exists
          (select 1 from admin_unit_crosswalk x where x.old_unit_id = c.commune_pre2025_id and x.partial)`,
    ...some,
  },
  {
    name: 'club status inconsistent with its dates',
    sql: `select count(*) as value from club where (status = 'DISSOLVED') <> (dissolved_on is not null)
          or (status = 'SUSPENDED') <> (suspended_on is not null) or dissolved_on <= founded_on`,
    ...none,
  },
  { name: 'dissolved clubs', sql: `select count(*) as value from club where status = 'DISSOLVED'`, ...some },
  { name: 'suspended clubs', sql: `select count(*) as value from club where status = 'SUSPENDED'`, ...some },
  {
    name: 'duplicate or over-long club codes, meeting days outside 1–28',
    sql: `select (count(*) - count(distinct code)) + count(*) filter (where length(code) > 32 or meeting_day not between 1 and 28) as value from club`,
    ...none,
  },
  // Members.
  { name: 'share of women among members (end of 2023)', sql: share(`sex = 'FEMALE'`), ...between(0.6, 0.7) },
  { name: 'share aged 60 or over (end of 2023)', sql: share('2023 - birth_year >= 60'), ...between(0.6, 0.7) },
  { name: 'share from poor households (end of 2023)', sql: share(`poverty_status = 'POOR'`), ...between(0.12, 0.18) },
  { name: 'share from near-poor households (end of 2023)', sql: share(`poverty_status = 'NEAR_POOR'`), ...between(0.12, 0.18) },
  { name: 'share with a full birth date', sql: share('birth_date is not null'), ...between(0.5, 0.7) },
  { name: 'share with a disability', sql: share('disability'), ...between(0.03, 0.07) },
  { name: 'share with health insurance', sql: share('health_insurance'), ...between(0.85, 0.95) },
  { name: 'share of members from ethnic minorities', sql: share(`ethnicity <> 'Kinh'`), ...between(0.03, 0.5) },
  {
    name: 'members whose birth date and year disagree, or who joined before the age of 18',
    sql: `select count(*) as value from member where (birth_date is not null and extract(year from birth_date) <> birth_year)
          or extract(year from joined_on) - birth_year < 18`,
    ...none,
  },
  {
    name: 'poverty classification without a year (or a year without one)',
    sql: `select count(*) as value from member where (poverty_status <> 'NOT_POOR') <> (poverty_year is not null)`,
    ...none,
  },
  {
    name: 'clubs (active at the end of 2023) with 50–70 members, share',
    sql: `select avg(case when n between 50 and 70 then 1.0 else 0 end) as value from
          (select count(*) n from member where joined_on <= '2023-12-31' and (left_on is null or left_on > '2023-12-31') group by club_id) x`,
    ...between(0.5, 0.7),
  },
  {
    name: 'leavers without a reason, or left before joining',
    sql: `select count(*) as value from member where (left_on is null) <> (leave_reason is null) or left_on <= joined_on`,
    ...none,
  },
  {
    name: 'members of dissolved clubs still in, or leaving after the dissolution',
    sql: `select count(*) as value from member m join club c on c.id = m.club_id
          where c.dissolved_on is not null and (m.left_on is null or m.left_on > c.dissolved_on
                or (m.left_on = c.dissolved_on) <> (m.leave_reason = 'CLUB_DISSOLVED'))`,
    ...none,
  },
  {
    name: 'clubs without exactly one chair, one treasurer and one secretary',
    sql: `select count(*) as value from club c where exists (select 1 from member m where m.club_id = c.id) and
          ((select count(*) from member m where m.club_id = c.id and m.board_role = 'CHAIR') <> 1
           or (select count(*) from member m where m.club_id = c.id and m.board_role = 'TREASURER') <> 1
           or (select count(*) from member m where m.club_id = c.id and m.board_role = 'SECRETARY') <> 1)`,
    ...none,
  },
  {
    name: 'clubs whose board is not 5 or 7 members with one or two vice-chairs',
    sql: `select count(*) as value from (select club_id, count(board_role) b, count(*) filter (where board_role = 'VICE_CHAIR') v
          from member group by club_id) x where b not in (5, 7) or v not in (1, 2)`,
    ...none,
  },
  {
    name: 'board members who left (other than by dissolution)',
    sql: `select count(*) as value from member where board_role is not null and left_on is not null and leave_reason <> 'CLUB_DISSOLVED'`,
    ...none,
  },
  {
    name: 'clubs with fewer than 5 home-care volunteers',
    sql: `select count(*) as value from club c where (select count(*) from member m where m.club_id = c.id and m.home_care_volunteer) < 5`,
    ...none,
  },
  { name: 'livelihood mentors', sql: `select count(*) as value from member where livelihood_mentor`, ...some },
  // Meetings.
  {
    name: 'share of club-months without a meeting',
    sql: `select 1 - sum(n)::numeric / sum(months) as value from (
            select (select count(*) from meeting m where m.club_id = c.id) n,
              (extract(year from e) * 12 + extract(month from e)) - (extract(year from c.founded_on) * 12 + extract(month from c.founded_on)) + 1 months
            from club c, least(c.dissolved_on - 1, c.suspended_on - 1, date '${AS_OF}') e) x`,
    ...between(0.08, 0.12),
  },
  {
    name: 'meetings outside the club’s life, two in a month, bad attendance or 2–4 areas not respected',
    sql: `select (select count(*) from meeting m join club c on c.id = m.club_id
          where m.held_on < c.founded_on or m.held_on >= coalesce(c.dissolved_on, c.suspended_on, date '${AS_OF}' + 1)
             or m.attendance < 1 or cardinality(m.activity_areas) not between 2 and 4)
            + (select count(*) - count(distinct (club_id, date_trunc('month', held_on))) from meeting) as value`,
    ...none,
  },
  // Funds, loans and the ledger.
  {
    name: 'clubs with both funds, share',
    sql: `select avg(case when k = 2 then 1.0 else 0 end) as value from (select count(distinct kind) k from fund group by club_id) x`,
    ...between(0.9, 0.95),
  },
  {
    name: 'loans outside 5–50 million đồng or not in steps of 500,000',
    sql: `select count(*) as value from loan where principal not between 5000000 and 50000000 or principal % 500000 <> 0`,
    ...none,
  },
  {
    name: 'loans to someone not a member of the fund’s club when disbursed, or from an activity fund',
    sql: `select count(*) as value from loan l join fund f on f.id = l.fund_id join member m on m.id = l.borrower_id
          where m.club_id <> f.club_id or f.kind <> 'INCOME_GENERATION' or m.joined_on > l.disbursed_on
             or (m.left_on is not null and m.left_on <= l.disbursed_on)`,
    ...none,
  },
  {
    name: 'loans repaid beyond their principal, or marked repaid without full repayment',
    sql: `select count(*) as value from loan l left join lateral (select coalesce(sum(amount), 0) paid, max(occurred_on) last
            from fund_transaction t where t.loan_id = l.id and t.kind = 'REPAYMENT') r on true
          where r.paid > l.principal or ((l.status = 'REPAID') <> (r.paid = l.principal))
             or (l.status = 'REPAID' and l.closed_on <> r.last)`,
    ...none,
  },
  {
    name: 'loans without exactly one disbursement of their principal by their borrower',
    sql: `select count(*) as value from loan l where (select count(*) from fund_transaction t where t.loan_id = l.id and t.kind = 'LOAN_DISBURSEMENT'
            and t.amount = l.principal and t.member_id = l.borrower_id and t.occurred_on = l.disbursed_on and t.fund_id = l.fund_id) <> 1`,
    ...none,
  },
  {
    name: 'loan status inconsistent with the due date',
    sql: `select count(*) as value from loan where (status = 'CURRENT' and due_on <= '${AS_OF}')
          or (status in ('OVERDUE', 'REPAID', 'WRITTEN_OFF') and due_on > '${AS_OF}') or due_on < disbursed_on`,
    ...none,
  },
  {
    name: 'share of loans overdue',
    sql: `select avg(case when status = 'OVERDUE' then 1.0 else 0 end) as value from loan`,
    ...between(0.03, 0.05),
  },
  {
    name: 'share of loans written off',
    sql: `select avg(case when status = 'WRITTEN_OFF' then 1.0 else 0 end) as value from loan`,
    ...between(0.002, 0.01),
  },
  {
    name: 'share of members who borrowed in 2023',
    sql: `select (select count(distinct borrower_id) from loan where disbursed_on between '2023-01-01' and '2023-12-31')::numeric
            / (${members('2023-12-31')}) as value`,
    ...between(0.35, 0.5),
  },
  {
    // One aggregated fee per meeting: members on the day × the club's monthly rate × the months it covers.
    name: 'member fees that are not 2,000–5,000 đồng per member and month, or not in the activity fund',
    sql: `select count(*) as value from fund_transaction t join fund f on f.id = t.fund_id
          cross join lateral (select count(*) as n from member m where m.club_id = f.club_id and m.joined_on <= t.occurred_on
                              and (m.left_on is null or m.left_on > t.occurred_on)) h
          where t.kind = 'MEMBER_FEE' and (f.kind <> 'ACTIVITY' or h.n = 0
                or not exists (select 1 from unnest(array[2000, 3000, 4000, 5000]) r where t.amount % (h.n * r) = 0))`,
    ...none,
  },
  {
    // A loan larger than the cash in hand would take the balance below zero on its disbursement day.
    name: 'funds overdrawn at some point, e.g. by a loan larger than the cash in hand',
    sql: `select count(*) as value from (select sum(case when kind in ('CONTRIBUTION', 'MEMBER_FEE', 'INTEREST', 'REPAYMENT') then amount else -amount end)
            over (partition by fund_id order by occurred_on, id) balance from fund_transaction) x where balance < 0`,
    ...none,
  },
  {
    name: 'contributions without a source, or other entries with one',
    sql: `select count(*) as value from fund_transaction where (kind = 'CONTRIBUTION') <> (source is not null)`,
    ...none,
  },
  // Training and awards.
  {
    name: 'trainees who were not board members of a club in the organising unit, in office at the course',
    sql: `select count(*) as value from trainee t join training_course k on k.id = t.course_id join member m on m.id = t.member_id
          join club c on c.id = m.club_id
          join admin_unit u on u.id = case when k.organiser_unit_id in (select id from admin_unit where structure = 'POST_2025')
                                          then c.commune_post2025_id else c.commune_pre2025_id end
          join admin_unit o on o.id = k.organiser_unit_id
          where m.board_role is null or m.joined_on > k.starts_on or (m.left_on is not null and m.left_on <= k.ends_on)
             or not (u.path like o.path || '/%')`,
    ...none,
  },
  {
    name: 'courses outside 2016–2026, longer than 3 days, or organised by the wrong structure for their date',
    sql: `select count(*) as value from training_course k join admin_unit o on o.id = k.organiser_unit_id
          where k.starts_on < '2016-01-01' or k.ends_on - k.starts_on > 2 or k.ends_on < k.starts_on
             or (k.starts_on < '2025-07-01') <> (o.structure = 'PRE_2025') or o.level::text <> k.organiser_level
             or o.level not in ('PROVINCE', 'DISTRICT') or cardinality(k.topics) = 0`,
    ...none,
  },
  ...['a club', 'a member', 'an association'].map((recipient) => ({
    name: `awards to ${recipient}`,
    sql: `select count(*) as value from award where recipient_kind = '${recipient.split(' ')[1].toUpperCase()}'`,
    ...some,
  })),
  {
    name: 'awards before their recipient existed or to an association that is not a province or district',
    sql: `select count(*) as value from award a left join club c on c.id = a.club_id left join member m on m.id = a.member_id
          left join admin_unit u on u.id = a.association_unit_id
          where a.granted_on <= c.founded_on or a.granted_on <= m.joined_on or u.level not in ('PROVINCE', 'DISTRICT')`,
    ...none,
  },
  // Dates, text and keys.
  {
    name: 'dates after 31 Oct 2026',
    sql: `select (select count(*) from club where greatest(founded_on, suspended_on, dissolved_on) > '${AS_OF}')
            + (select count(*) from member where greatest(joined_on, left_on, birth_date) > '${AS_OF}')
            + (select count(*) from meeting where held_on > '${AS_OF}')
            + (select count(*) from fund where opened_on > '${AS_OF}')
            + (select count(*) from loan where greatest(disbursed_on, closed_on) > '${AS_OF}')
            + (select count(*) from fund_transaction where occurred_on > '${AS_OF}')
            + (select count(*) from training_course where ends_on > '${AS_OF}')
            + (select count(*) from award where granted_on > '${AS_OF}') as value`,
    ...none,
  },
  {
    name: 'names not in NFC, or without Vietnamese diacritics',
    sql: `select (select count(*) from member where full_name <> normalize(full_name, NFC))
            + (select count(*) from club where name <> normalize(name, NFC) or village <> normalize(village, NFC))
            + (select count(*) from award where issuer <> normalize(issuer, NFC))
            + case when (select count(*) from member where full_name <> unaccent(full_name)) > (select count(*) from member) / 2 then 0 else 1 end as value`,
    ...none,
  },
  {
    name: 'rows whose foreign keys point nowhere',
    sql: `select (select count(*) from member m where not exists (select 1 from club c where c.id = m.club_id))
            + (select count(*) from meeting m where not exists (select 1 from club c where c.id = m.club_id))
            + (select count(*) from fund f where not exists (select 1 from club c where c.id = f.club_id))
            + (select count(*) from loan l where not exists (select 1 from fund f where f.id = l.fund_id)
                 or not exists (select 1 from member m where m.id = l.borrower_id))
            + (select count(*) from fund_transaction t where not exists (select 1 from fund f where f.id = t.fund_id)
                 or (t.loan_id is not null and not exists (select 1 from loan l where l.id = t.loan_id))
                 or (t.member_id is not null and not exists (select 1 from member m where m.id = t.member_id)))
            + (select count(*) from trainee t where not exists (select 1 from training_course k where k.id = t.course_id)
                 or not exists (select 1 from member m where m.id = t.member_id))
            + (select count(*) from award a where (a.club_id is not null and not exists (select 1 from club c where c.id = a.club_id))
                 or (a.member_id is not null and not exists (select 1 from member m where m.id = a.member_id))
                 or (a.association_unit_id is not null and not exists (select 1 from admin_unit u where u.id = a.association_unit_id)))
            + (select count(*) from club c where (c.commune_pre2025_id is not null and not exists (select 1 from admin_unit u where u.id = c.commune_pre2025_id))
                 or not exists (select 1 from admin_unit u where u.id = c.commune_post2025_id)) as value`,
    ...none,
  },
  {
    name: 'id sequences behind the loaded ids',
    sql: `select (select count(*) from (values ${['club', 'member', 'meeting', 'fund', 'loan', 'fund_transaction', 'training_course', 'trainee', 'award']
      .map((t) => `((select last_value from ${t}_id_seq) < (select coalesce(max(id), 0) from ${t}))`)
      .join(', ')}) v(behind) where behind) as value`,
    ...none,
  },
];
