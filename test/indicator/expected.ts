import { MikroORM } from '@mikro-orm/postgresql';

/**
 * Expected indicator figures computed independently of the implementation: per-record facts written with
 * PostgreSQL ranges and age() (the implementation compares dates and reads monthly states), placed by path
 * prefixes computed from the crosswalk (the implementation reads unit_placement, built from parent links),
 * and summed per unit by joining every prefix of a record's path to the units (the implementation sums per
 * unit of the table's level in SQL, then up the parents).
 */
export type Structure = 'PRE_2025' | 'POST_2025';

export interface Fact {
  ind: string;
  code: string;
  sex: string | null;
  age_band: string | null;
  poverty: string | null;
  programme: string | null;
  num: number;
  den: number;
}

const COLUMNS: Record<Structure, string> = { POST_2025: 'commune_post2025_id', PRE_2025: 'commune_pre2025_id' };
const OTHER: Record<Structure, Structure> = { POST_2025: 'PRE_2025', PRE_2025: 'POST_2025' };

const b = (condition: string) => `case when ${condition} then 1 else 0 end`;
const ageAtEnd = (m: string) => `extract(year from age(prm.e, coalesce(${m}.birth_date, make_date(${m}.birth_year, 1, 1))))::int`;
const ageBand = (age: string) =>
  `case when ${age} < 55 then 'UNDER_55' when ${age} < 60 then 'AGE_55_59' when ${age} < 70 then 'AGE_60_69' when ${age} < 80 then 'AGE_70_79' else 'AGE_80_PLUS' end`;
const openAtEnd = (m: string) => `daterange(${m}.joined_on, ${m}.left_on, '[)') @> prm.e`;

function base(structure: Structure, start: string, end: string): string {
  const own = COLUMNS[structure];
  const other = COLUMNS[OTHER[structure]];
  const [from, to] = structure === 'POST_2025' ? ['old_unit_id', 'new_unit_id'] : ['new_unit_id', 'old_unit_id'];
  return `prm as (select date '${start}' as s, date '${end}' as e),
  anc as (
    select id as commune_id, id as unit_id from admin_unit where level = 'COMMUNE'
    union all select c.id, c.parent_id from admin_unit c where c.level = 'COMMUNE' and c.parent_id is not null
    union all select c.id, d.parent_id from admin_unit c join admin_unit d on d.id = c.parent_id where c.level = 'COMMUNE' and d.parent_id is not null),
  partner as (
    select a.unit_id, p.path from anc a
    join admin_unit o on o.id = a.unit_id and o.structure = '${OTHER[structure]}'
    join admin_unit_crosswalk w on w.level = 'COMMUNE' and w.${from} = a.commune_id
    join admin_unit p on p.id = w.${to}),
  placed_other as (
    select unit_id,
      case when count(distinct path) = 1 then min(path)
        when count(distinct split_part(path, '/', 1) || '/' || split_part(path, '/', 2)) = 1 then min(split_part(path, '/', 1) || '/' || split_part(path, '/', 2))
        when count(distinct split_part(path, '/', 1)) = 1 then min(split_part(path, '/', 1))
        else '' end as path
    from partner group by unit_id),
  unit_path as (
    select u.id, case when u.structure = '${structure}' then u.path else coalesce(po.path, '') end as path
    from admin_unit u left join placed_other po on po.unit_id = u.id),
  -- Where each club was at the end of P: the place it left by a later move, else where it is now.
  club_at as (
    select c.*, coalesce(up.path, '') as path from club c cross join prm
    left join club_place_history h on h.club_id = c.id and prm.e >= h.valid_from and prm.e < h.valid_until
    left join unit_path up on up.id = case when h.club_id is null then coalesce(c.${own}, c.${other}) else coalesce(h.${own}, h.${other}) end),
  active_club as (select c.* from club_at c, prm where daterange(c.founded_on, c.dissolved_on, '[]') && daterange(prm.s, prm.e, '[]')),
  mem as (
    select m.*, c.path, c.programme, c.founded_on as club_founded, ${ageAtEnd('m')} as age_at_end
    from member m join active_club c on c.id = m.club_id, prm where ${openAtEnd('m')}),
  ln as (
    select l.*, c.path, c.programme, m.sex, m.poverty_status, ${ageAtEnd('m')} as age_at_end
    from loan l join fund f on f.id = l.fund_id join active_club c on c.id = f.club_id join member m on m.id = l.borrower_id, prm
    where l.disbursed_on <= prm.e)`;
}

const memberFacts = (ind: string, num: string, den = '0', where = 'true') =>
  `select '${ind}' as ind, path, sex, ${ageBand('age_at_end')} as age_band, poverty_status as poverty, programme, (${num})::numeric as num, (${den})::numeric as den
   from mem, prm where ${where}`;
const clubFacts = (ind: string, num: string, den = '0') =>
  `select '${ind}' as ind, path, null::text as sex, null::text as age_band, null::text as poverty, programme, (${num})::numeric as num, (${den})::numeric as den
   from active_club c, prm`;
const loanFacts = (ind: string, num: string, den: string, where: string) =>
  `select '${ind}', path, sex, ${ageBand('age_at_end')}, poverty_status, programme, (${num})::numeric, (${den})::numeric from ln, prm where ${where}`;

const older = 'age_at_end >= 60';
const new1336 = `club_founded >= date '2020-08-31'`;
const hasFund = (kind: string) => `exists (select 1 from fund f where f.club_id = c.id and f.kind = '${kind}' and f.opened_on <= prm.e)`;
const bothFunds = `${hasFund('INCOME_GENERATION')} and ${hasFund('ACTIVITY')}`;
const lastYear = (column: string) => `${column} > prm.e - interval '1 year' and ${column} <= prm.e`;
const capital = (fundKind: string) => `coalesce((select coalesce(sum(t.amount) filter (where t.kind in ('CONTRIBUTION', 'MEMBER_FEE', 'INTEREST')), 0)
    - coalesce(sum(t.amount) filter (where t.kind = 'EXPENSE'), 0)
  from fund f join fund_transaction t on t.fund_id = f.id where f.club_id = c.id and ${fundKind} and t.occurred_on <= prm.e), 0)`;
const owed = `greatest(principal - coalesce((select sum(t.amount) from fund_transaction t where t.loan_id = ln.id and t.kind = 'REPAYMENT' and t.occurred_on <= prm.e), 0), 0)`;
const notClosed = 'closed_on is null or closed_on > prm.e';
// --- supervision family: a club's visit on or before the end of P with no later one (by day, then as recorded) ---
const latestVisit = `select 1 from supervision_visit v where v.club_id = c.id and v.visited_on <= prm.e
  and not exists (select 1 from supervision_visit w where w.club_id = c.id and w.visited_on <= prm.e and (w.visited_on, w.id) > (v.visited_on, v.id))`;

// --- health families: a member's checks in the 12 months (or 3 months: the day 3 months on is after the end) to the end of P ---
const DOMAINS = ['cognition', 'mobility', 'nutrition', 'vision', 'hearing', 'mood'];
const checkIn12 = (cond: string) => `exists (select 1 from health_check hc where hc.member_id = mem.id and ${lastYear('hc.checked_on')} and (${cond}))`;
const within3 = `hc.checked_on <= prm.e and hc.checked_on + interval '3 months' > prm.e and hc.systolic is not null`;
const anyPositive = DOMAINS.map((d) => `hc.${d} = 'POSITIVE'`).join(' or ');
const latestHigh = `coalesce((select hc.systolic >= 140 or hc.diastolic >= 90 from health_check hc where hc.member_id = mem.id and ${within3} order by hc.checked_on desc limit 1), false)`;
/** Visits in P to members of clubs active in P, by the visited member's categories at the end of P. */
const visitFacts = (ind: string, num: string, where: string) =>
  `select '${ind}', c.path, m.sex, ${ageBand(ageAtEnd('m'))}, m.poverty_status, c.programme, (${num})::numeric, 0::numeric
   from member m join active_club c on c.id = m.club_id, prm where ${where}`;
const visitedInP = `exists (select 1 from home_care_visit v where v.visited_id = m.id and v.visited_on between prm.s and prm.e)`;

/**
 * Monthly reports: one expectation per club and calendar month of P that has ended (in Vietnam), when the club's
 * founding-to-dissolution range meets the month, placed where the club was on the month's last day.
 */
const reportFacts = (ind: string, num: string, own: string, other: string) =>
  `select '${ind}', coalesce(up.path, ''), null, null, null, c.programme, (${num})::numeric, 1::numeric
   from prm cross join lateral (select g::date as d, (g + interval '1 month' - interval '1 day')::date as last from generate_series(prm.s, prm.e, interval '1 month') g) mo
   join club c on daterange(c.founded_on, c.dissolved_on, '[]') && daterange(mo.d, mo.last, '[]')
   left join club_place_history h on h.club_id = c.id and mo.last >= h.valid_from and mo.last < h.valid_until
   left join unit_path up on up.id = case when h.club_id is null then coalesce(c.${own}, c.${other}) else coalesce(h.${own}, h.${other}) end
   left join club_report r on r.club_id = c.id and r.month = mo.d
   where mo.last <= prm.e and mo.last <= (now() at time zone 'Asia/Ho_Chi_Minh')::date`;

/** Every indicator's facts (coverage is derived from active_clubs by the caller). */
function factsSql(structure: Structure): string {
  const own = COLUMNS[structure];
  const other = COLUMNS[OTHER[structure]];
  return [
    clubFacts('active_clubs', '1'),
    clubFacts('new_clubs_1336', b(`c.founded_on >= date '2020-08-31'`)),
    clubFacts('new_clubs_1648', b(`c.founded_on >= date '2025-08-01'`)),
    memberFacts('members', '1'),
    memberFacts('older_members', b(older)),
    memberFacts('older_share', b(older), '1'),
    memberFacts('women_share', b(`sex = 'FEMALE'`), '1'),
    memberFacts('older_women_share', b(`sex = 'FEMALE' and ${older}`), b(older)),
    memberFacts('poor_near_poor_share', b(`poverty_status <> 'NOT_POOR'`), '1'),
    memberFacts('members_new_clubs_1336', b(new1336)),
    memberFacts('older_members_new_clubs_1336', b(`${new1336} and ${older}`)),
    clubFacts('clubs_50_70_members', b(`(select count(*) from member m where m.club_id = c.id and ${openAtEnd('m')}) between 50 and 70`), '1'),
    clubFacts(
      'meeting_regularity',
      '(select count(*) from meeting x where x.club_id = c.id and x.held_on between prm.s and prm.e)',
      `(select count(*) from generate_series(date_trunc('month', greatest(prm.s, c.founded_on)), least(prm.e, coalesce(c.dissolved_on, prm.e)), interval '1 month'))`,
    ),
    clubFacts('clubs_both_funds', b(bothFunds), '1'),
    clubFacts('clubs_fully_active', b(`${bothFunds} and (select count(*) from meeting x where x.club_id = c.id and ${lastYear('x.held_on')}) >= 10`), '1'),
    memberFacts('members_borrowed_12m', b(`exists (select 1 from loan l where l.borrower_id = mem.id and ${lastYear('l.disbursed_on')})`), '1'),
    clubFacts('fund_capital', capital('true')),
    clubFacts('income_generation_fund_capital', capital(`f.kind = 'INCOME_GENERATION'`)),
    loanFacts('loans_outstanding', owed, '0', notClosed),
    loanFacts('portfolio_overdue_30', `case when prm.e - due_on > 30 then ${owed} else 0 end`, owed, notClosed),
    loanFacts('on_time_repayment_rate', b(`status = 'REPAID' and closed_on <= due_on`), '1', 'due_on between prm.s and prm.e'),
    loanFacts('average_loan_size', 'principal', '1', 'disbursed_on >= prm.s'),
    memberFacts('home_care_volunteers_per_club', b('home_care_volunteer')),
    clubFacts('home_care_volunteers_per_club', '0', '1'),
    memberFacts(
      'board_trained_12m',
      b(`exists (select 1 from trainee tr join training_course tc on tc.id = tr.course_id where tr.member_id = mem.id and ${lastYear('tc.starts_on')})`),
      '1',
      'board_role is not null',
    ),
    `select 'training_courses', coalesce(up.path, ''), null, null, null, null, 1, 0
     from training_course tc left join unit_path up on up.id = tc.organiser_unit_id, prm where tc.starts_on between prm.s and prm.e`,
    `select 'trainees', c.path, m.sex, ${ageBand(ageAtEnd('m'))}, m.poverty_status, c.programme, 1, 0
     from member m join club_at c on c.id = m.club_id, prm
     where exists (select 1 from trainee tr join training_course tc on tc.id = tr.course_id where tr.member_id = m.id and tc.starts_on between prm.s and prm.e)`,
    `select 'awards_granted', case when ac.id is not null then ac.path when mc.id is not null then mc.path else coalesce(up.path, '') end, null, null, null, null, 1, 0
     from award a left join club_at ac on ac.id = a.club_id left join member am on am.id = a.member_id left join club_at mc on mc.id = am.club_id
     left join unit_path up on up.id = a.association_unit_id, prm
     where a.granted_on between prm.s and prm.e`,
    reportFacts('reporting_completeness', b('r.id is not null'), own, other),
    reportFacts('reporting_timeliness', b(`r.first_submitted_on <= (mo.d + interval '1 month' + interval '9 days')::date`), own, other),
    // --- supervision family ---
    clubFacts('clubs_supervised_12m', b(`exists (select 1 from supervision_visit v where v.club_id = c.id and ${lastYear('v.visited_on')})`), '1'),
    clubFacts('clubs_rated_weak', b(`exists (${latestVisit} and v.rating = 'WEAK')`), b(`exists (${latestVisit})`)),
    // --- end of supervision family ---
    // --- health families ---
    memberFacts('members_screened_12m', b(checkIn12(DOMAINS.map((d) => `hc.${d} <> 'NOT_DONE'`).join(' or ')))),
    ...DOMAINS.map((d) => memberFacts(`icope_positive_${d}`, b(checkIn12(`hc.${d} = 'POSITIVE'`)), b(checkIn12(`hc.${d} <> 'NOT_DONE'`)))),
    memberFacts('screen_positive_referred', b(checkIn12(`(${anyPositive}) and hc.referred`)), b(checkIn12(anyPositive))),
    memberFacts('bp_checked_3m', b(`exists (select 1 from health_check hc where hc.member_id = mem.id and ${within3})`)),
    memberFacts('bp_high_share', b(latestHigh), b(`exists (select 1 from health_check hc where hc.member_id = mem.id and ${within3})`)),
    visitFacts('home_care_visits_per_month', `(select count(*) from home_care_visit v where v.visited_id = m.id and v.visited_on between prm.s and prm.e)`, visitedInP),
    visitFacts('members_home_care', '1', visitedInP),
    // --- end of health families ---
  ].join('\n  union all ');
}

export interface ExpectedWorld {
  /** Facts summed per indicator, unit code ("VN": the nation) and category. */
  facts: Fact[];
  /** Paths (with programme) at which at least one club is active. */
  covered: Array<{ path: string; programme: string }>;
  /** Every unit of the structure. */
  units: Array<{ code: string; path: string; level: string }>;
  /** The months of P, each by the share of its days in P (the denominator of per-month indicators). */
  months: number;
}

/** Expected figures for one structure and period, for every unit of the structure and the nation. */
export async function expectedWorld(orm: MikroORM, structure: Structure, start: string, end: string): Promise<ExpectedWorld> {
  const conn = orm.em.fork().getConnection();
  const facts = await conn.execute<Fact[]>(
    `with ${base(structure, start, end)},
    f as (${factsSql(structure)}),
    expl as (
      select f.*, array_to_string((string_to_array(f.path, '/'))[1:k], '/') as prefix
      from f, generate_series(1, coalesce(array_length(string_to_array(nullif(f.path, ''), '/'), 1), 0)) as k)
    select ind, u.code, sex, age_band, poverty, programme, sum(num)::float8 as num, sum(den)::float8 as den
    from expl join admin_unit u on u.structure = '${structure}' and u.path = expl.prefix
    group by 1, 2, 3, 4, 5, 6
    union all
    select ind, 'VN', sex, age_band, poverty, programme, sum(num)::float8, sum(den)::float8 from f group by 1, 2, 3, 4, 5, 6`,
  );
  const covered = await conn.execute<Array<{ path: string; programme: string }>>(
    `with ${base(structure, start, end)} select distinct path, programme from active_club where path <> ''`,
  );
  const units = await conn.execute<Array<{ code: string; path: string; level: string }>>(
    `select code, path, level from admin_unit where structure = '${structure}'`,
  );
  const [{ months }] = await conn.execute<Array<{ months: number }>>(
    `select sum(n::numeric / extract(day from date_trunc('month', m) + interval '1 month' - interval '1 day'))::float8 as months
     from (select date_trunc('month', d) as m, count(*) as n from generate_series(date '${start}', date '${end}', interval '1 day') d group by 1) x`,
  );
  return { facts, covered, units, months };
}

const COLUMN: Record<string, keyof Fact> = { SEX: 'sex', AGE_BAND: 'age_band', POVERTY_STATUS: 'poverty', PROGRAMME: 'programme' };
const DEPTH: Record<string, number> = { NATION: 0, PROVINCE: 1, DISTRICT: 2, COMMUNE: 3 };
/** Rounds as the API rounds. */
export const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

const factIndex = new WeakMap<ExpectedWorld, Map<string, Fact[]>>();

function factsOf(w: ExpectedWorld, ind: string, code: string): Fact[] {
  let index = factIndex.get(w);
  if (!index) {
    index = new Map();
    for (const f of w.facts) {
      const key = `${f.ind}|${f.code}`;
      const list = index.get(key);
      if (list) list.push(f);
      else index.set(key, [f]);
    }
    factIndex.set(w, index);
  }
  return index.get(`${ind}|${code}`) ?? [];
}

/** The expected numerator and denominator of one cell (coverage from the units and covered paths). */
export function expectedCell(w: ExpectedWorld, ind: string, unit: { code: string; level: string }, options: Array<{ dimension: string; option: string }>) {
  if (ind === 'province_coverage' || ind === 'commune_coverage') {
    const level = ind === 'province_coverage' ? 'PROVINCE' : 'COMMUNE';
    const self = w.units.find((u) => u.code === unit.code && u.level === unit.level);
    const pool =
      unit.level === 'NATION'
        ? w.units.filter((u) => u.level === level)
        : DEPTH[unit.level] >= DEPTH[level]
          ? [self!]
          : w.units.filter((u) => u.level === level && u.path.startsWith(`${self!.path}/`));
    const programme = options.find((o) => o.dimension === 'PROGRAMME')?.option;
    const paths = w.covered.filter((c) => !programme || c.programme === programme).map((c) => c.path);
    return { num: pool.filter((v) => paths.some((p) => p === v.path || p.startsWith(`${v.path}/`))).length, den: pool.length };
  }
  let num = 0;
  let den = ind === 'home_care_visits_per_month' ? w.months : 0;
  for (const f of factsOf(w, ind, unit.code)) {
    // A fact without a dimension (a club, for a per-club denominator) belongs to every option of it.
    if (!options.every((o) => f[COLUMN[o.dimension]] === null || f[COLUMN[o.dimension]] === o.option)) continue;
    num += f.num;
    den += f.den;
  }
  return { num, den };
}

/** The value of a cell from its numerator and denominator, rounded as the API rounds. */
export function expectedValue(unit: string, num: number, den: number | null): number | null {
  if (den === null) return num;
  if (den === 0) return null;
  if (unit === 'PERCENT') return round((num / den) * 100, 2);
  if (unit === 'DONG') return Math.round(num / den);
  return round(num / den, 2);
}

/** A row of an indicator table as `Indicators.graphql` selects it. */
export interface TableRow {
  indicatorId: string;
  unit: { code: string; level: string };
  period: string;
  periodStart?: string;
  periodEnd?: string;
  categoryOptions: Array<{ dimension: string; option: string }>;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

/** The world of a structure over days start..end, computed once per `worlds` (a cache a file may share). */
export function cachedWorld(worlds: Map<string, Promise<ExpectedWorld>>, orm: MikroORM, structure: Structure, start: string, end: string): Promise<ExpectedWorld> {
  const key = `${structure} ${start}..${end}`;
  if (!worlds.has(key)) worlds.set(key, expectedWorld(orm, structure, start, end));
  return worlds.get(key)!;
}

/** Where TableCheck takes a period's days (default: the row's periodStart and periodEnd), and a cache of worlds to share. */
export interface TableCheckOptions {
  bounds?: (period: string) => readonly [string, string];
  worlds?: Map<string, Promise<ExpectedWorld>>;
}

/**
 * Compares tables' rows with the independent figures, cell by cell: `check` collects a line per cell that
 * differs (`mismatches`) and counts the cells whose expected numerator is not 0 (`nonZero`, so a comparison of
 * empty tables cannot pass unnoticed). The expected world of each structure and period is computed once (once
 * per file when the caller shares `worlds`).
 */
export class TableCheck {
  readonly mismatches: string[] = [];
  nonZero = 0;
  private readonly worlds: Map<string, Promise<ExpectedWorld>>;

  constructor(
    private readonly orm: MikroORM,
    private readonly definitions: ReadonlyArray<{ id: string; unit: string; denominator: string | null }>,
    private readonly options: TableCheckOptions = {},
  ) {
    this.worlds = options.worlds ?? new Map();
  }

  async check(structure: Structure, rows: readonly TableRow[], label = ''): Promise<void> {
    for (const row of rows) {
      const [start, end] = this.options.bounds?.(row.period) ?? [row.periodStart!, row.periodEnd!];
      const world = await cachedWorld(this.worlds, this.orm, structure, start, end);
      const def = this.definitions.find((d) => d.id === row.indicatorId)!;
      const { num, den } = expectedCell(world, row.indicatorId, row.unit, row.categoryOptions);
      const denominator = def.denominator === null ? null : den;
      const expected = { numerator: num, denominator, value: expectedValue(def.unit, num, denominator) };
      const actual = { numerator: row.numerator, denominator: row.denominator, value: row.value };
      if (num !== 0) this.nonZero += 1;
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        const options = row.categoryOptions.length ? ` ${JSON.stringify(row.categoryOptions)}` : '';
        this.mismatches.push(`${structure}${label} ${row.indicatorId} ${row.unit.level} ${row.unit.code} ${row.period}${options}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
      }
    }
  }
}
