import { EntityManager } from '@mikro-orm/postgresql';
import { intArray, textArray } from '../../db/sql';
import { AdminStructure, UnitLevel } from '../admin-unit/admin-unit.enums';
import { clubCommuneAtSql, clubPlaceAtJoin } from '../admin-unit/unit-scope';
import { INFLOW_KINDS } from '../fund/fund.enums';
import { ICOPE_DOMAINS } from '../health/health.enums';
import { monthEndSql } from '../reporting/expected';
import { reportDeadlineDay } from '../reporting/report-deadline';
import { TALLY_HORIZON, tallyRows } from '../reporting/report-tally';
import { todayInVietnam } from '../../time';
import { Family, FAMILY_DIMENSIONS, MeasureName, PLACEMENT_MEASURES } from './indicator.catalogue';
import { Disaggregation } from './indicator.enums';
import { monthsIn, Period } from './period';
import { PLACE_MONTH_SPANS } from './place-month.entity';

/**
 * Set-based SQL behind the indicators: one statement per family (see familyStatements), for every period at
 * once (a `p` row per period), grouped by period, by the unit the table rolls up to and by the categories
 * asked for. The service sums those units into the ones above them.
 *
 * Each family first groups by the unit each record is attached to: the club's commune in the structure asked
 * for or, when it has none (clubs founded after the reform have no PRE_2025 commune), its commune in the other
 * structure. `unit_placement` (UnitPlacement) then gives where that unit counts in the structure asked for,
 * and the rows are summed per unit of the level the table needs (rolledUp): a national table reads a few
 * dozen rows, not thousands of communes. Definitions follow indicator.catalogue.ts and agree with
 * club-stats.repository.ts where they overlap (same age and membership rules; a period instead of a day for
 * club activity).
 *
 * Cost: nothing is cached. For whole-month periods, club, member, fund, loan and borrower figures read
 * club_month (per club, the state at each month end where something changed, kept by triggers inside every
 * write): every club's state at a day is one index-only range scan. Splits by a person's category (sex, age
 * band, poverty) and ranges of days count the records themselves: memberships, the ledger and the loans.
 */
export interface FamilyRequest<F extends Family = Family> {
  family: F;
  measures: ReadonlySet<MeasureName<F>>;
  /** Category groupings wanted; each a list of this family's dimensions in canonical order ([] = totals). */
  groupings: readonly (readonly Disaggregation[])[];
}

export interface FamilyRow {
  /** Index of the period in the list given. */
  idx: number;
  /** admin_unit id (of the structure asked for) the figures count in; null: the nation. */
  key: number | null;
  /** The grouping the row belongs to, and its category options. */
  grouping: readonly Disaggregation[];
  options: Partial<Record<Disaggregation, string>>;
  /** The request's measures, in the order of `req.measures`. */
  values: number[];
}

/** Club activity in P, membership at its end, and birth (a year alone counts from 1 January). */
const ACTIVE = (c: string) => `${c}.founded_on <= p.e and (${c}.dissolved_on is null or ${c}.dissolved_on >= p.s)`;
const OPEN = (m: string) => `${m}.joined_on <= p.e and (${m}.left_on is null or ${m}.left_on > p.e)`;
const BIRTH = (m: string) => `coalesce(${m}.birth_date, make_date(${m}.birth_year, 1, 1))`;
const SCHEME_1336 = `'2020-08-31'::date`;
const SCHEME_1648 = `'2025-08-01'::date`;

/** A date's month as a number (year × 12 + month): months between two dates are a difference. */
const MONTH_NUMBER = (d: string) => `(extract(year from ${d}) * 12 + extract(month from ${d}))::int`;

/**
 * Per period: its bounds and their month numbers, the start of the 12 months to its end, and the birth dates
 * of the age limits.
 */
const periodsCte = (where = 'true') => `p as (
  select t.idx, t.s, t.e, ${MONTH_NUMBER('t.s')} as ms, ${MONTH_NUMBER('t.e')} as me, (t.e - interval '12 months' + interval '1 day')::date as w12,
    (t.e - interval '55 years')::date as b55, (t.e - interval '60 years')::date as b60,
    (t.e - interval '70 years')::date as b70, (t.e - interval '80 years')::date as b80
  from unnest(?::int[], ?::date[], ?::date[]) as t(idx, s, e) where ${where})`;
const PERIODS_CTE = periodsCte();

const periodParams = (periods: readonly Period[]) => [
  intArray(periods.map((_, i) => i)),
  textArray(periods.map((p) => p.start)),
  textArray(periods.map((p) => p.end)),
];

/**
 * A club counts where it was at the end of P: its present communes, or the place it had before a later move
 * (club_place_history, joined by PLACED_AT; nearly always no row), so figures of a past period stay put when a
 * club moves.
 */
const clubKey = (c: string, structure: AdminStructure) => clubCommuneAtSql(structure, c, `${c}_was`);
const PLACED_AT = (c: string) => clubPlaceAtJoin(c, `${c}_was`, 'p.e');

/**
 * The units a table asks for, when all lie below the nation: a statement then keeps only the clubs that count in
 * one of them (their commune lies wholly inside one, see UnitDirectory.communesWithin, as unit_placement places
 * it), instead of summing every unit of the level. A table with the nation among its units reads every club.
 */
interface Scope {
  /** The club `c` counts in the units asked at the end of P (it needs PLACED_AT). */
  at(c: string): string;
  /** The same, led by the ids of the clubs in scope: for statements that start from the clubs. */
  clubsAt(c: string): string;
  /** An array of the ids of the clubs that may count in them in some period (placed there now, or before a move); null: all. */
  clubs: string | null;
}

/** The communes (database ids, of either structure) within a table's units, and their share of the country's. */
export interface StatementScope {
  communes: readonly number[];
  share: number;
}

/** Families whose statements read every place whatever the scope (few rows, or helper "report"'s completeness). */
const UNSCOPED: readonly Family[] = ['course', 'award', 'report'];

const EVERYWHERE: Scope = { at: () => 'true', clubsAt: () => 'true', clubs: null };

function scopeOf(structure: AdminStructure, communeIds: readonly number[] | null): Scope {
  if (!communeIds) return EVERYWHERE;
  // Database ids from the unit directory, written into the statement (integers only).
  const communes = `'{${communeIds.map((id) => Math.trunc(id)).join(',')}}'::int[]`;
  // An array computed once per statement, so that the clubs are read through their commune indexes.
  const clubs = `array(select c.id from club c where c.commune_pre2025_id = any(${communes}) or c.commune_post2025_id = any(${communes})
      union select h.club_id from club_place_history h where h.commune_pre2025_id = any(${communes}) or h.commune_post2025_id = any(${communes}))`;
  const at = (c: string) => `${clubKey(c, structure)} = any(${communes})`;
  return { at, clubsAt: (c) => `${c}.id = any(${clubs}) and ${at(c)}`, clubs };
}

/** Age bands at the end of P, each below an age limit (years; PERIODS_CTE has each limit's birth date `p.b<limit>`). */
const AGE_BANDS = [
  { band: 'UNDER_55', below: 55 },
  { band: 'AGE_55_59', below: 60 },
  { band: 'AGE_60_69', below: 70 },
  { band: 'AGE_70_79', below: 80 },
  { band: 'AGE_80_PLUS', below: null },
] as const;
/** Older: 60 or over at the end of P (the limit of AGE_55_59). */
const OLDER_AGE = 60;

/**
 * The first day `e` from which `(e - span)::date >= day` holds (and holds on: it grows with `e`), i.e. from
 * which a period ending on `e` sees `day` as `span` ago or earlier: the day a person born on `day` reaches an
 * age limit as `p.b55`… count it (1 March for 29 February in a common year), or the first period end whose
 * 12-month window (`p.w12`) no longer holds `day`. Lets records become intervals of period ends. The rule is the
 * SQL function first_end_span_after (migration age_rule), which kept states can call too.
 */
const FIRST_END_SPAN_AFTER = (day: string, span: string) => `first_end_span_after(${day}, interval '${span}')`;

/**
 * A person's age segments (`a`: band, older, the first period end counted `lo`, the first no longer counted
 * `hi`; null: unbounded), per band or older / not, as the periods' `b<limit>` comparisons decide them. The
 * limits' days are columns `t<limit>` of `m` (`limits`, computed once per row below the lateral join: a lateral
 * list computing them cost five times more).
 */
function ageSegments(m: string, byBand: boolean): { limits: string; join: string } {
  const years = byBand ? AGE_BANDS.flatMap((band) => (band.below === null ? [] : [band.below])) : [OLDER_AGE];
  const limits = years.map((y) => `${FIRST_END_SPAN_AFTER(BIRTH(m), `${y} years`)} as t${y}`).join(', ');
  const rows = byBand
    ? AGE_BANDS.map((band, i) => {
        const from = AGE_BANDS[i - 1]?.below;
        return `('${band.band}', ${(from ?? 0) >= OLDER_AGE}, ${from ? `${m}.t${from}` : 'null::date'}, ${band.below ? `${m}.t${band.below}` : 'null::date'})`;
      })
    : [`(null, false, null::date, ${m}.t${OLDER_AGE})`, `(null, true, ${m}.t${OLDER_AGE}, null::date)`];
  return { limits, join: `cross join lateral (values ${rows.join(', ')}) a(band, older, lo, hi)` };
}

/**
 * Stocks at each period's end from intervals of days instead of pairing every record with every period:
 * `intervals` yields rows of `keys`, `since` (the first day counted), `until` (the first day no longer counted;
 * null: never) and `values`. Each interval adds its values from `since` on and takes them away from `until` on;
 * those changes are summed per key and per gap between consecutive period ends (`width_bucket`), and running
 * sums over the gaps give the stock at every end. Gives the CTE `st` (idx, keys, values), without the rows whose
 * values are all 0 (none of the records counted). Needs `p` (PERIODS_CTE). `st` is materialized: the planner,
 * which cannot foresee how many rows the running sums give, otherwise paired every period with them before
 * expanding them (a district's borrowers by age band: 65,000 pairs for 4,000 rows).
 */
function stocksAtEnds(intervals: string, keys: readonly string[], values: readonly string[], type = 'int'): string {
  const k = keys.join(', ');
  return `ends as (select array_agg(e order by e) as a, count(*)::int as n from (select distinct e from p) x),
    ev as (select ${k}, width_bucket(t.day - 1, ends.a) as b, ${values.map((v) => `sum(t.sign * i.${v})::${type} as ${v}`).join(', ')}
      from (${intervals}) i cross join ends cross join lateral (values (i.since, 1), (i.until, -1)) t(day, sign)
      where t.day <= ends.a[ends.n] and i.since < coalesce(i.until, 'infinity')
      group by ${k}, b),
    run as (select ${k}, b, lead(b, 1, (select n from ends)) over w as b_next, ${values.map((v) => `(sum(${v}) over w)::${type} as ${v}`).join(', ')}
      from ev window w as (partition by ${k} order by b)),
    st as materialized (select p.idx, ${keys.map((key) => `run.${key}`).join(', ')}, ${values.map((v) => `run.${v}`).join(', ')}
      from run cross join ends cross join generate_series(run.b + 1, run.b_next) k join p on p.e = ends.a[k]
      where ${values.map((v) => `run.${v} <> 0`).join(' or ')})`;
}

/** Category expressions over a member (or a row with a member's columns) `m` and its club `c`. */
const dimensionSql = (m: string): Record<Disaggregation, string> => ({
  SEX: `${m}.sex`,
  AGE_BAND: `case ${AGE_BANDS.slice(0, -1).map((band) => `when ${BIRTH(m)} > p.b${band.below} then '${band.band}'`).join(' ')} else '${AGE_BANDS[AGE_BANDS.length - 1].band}' end`,
  POVERTY_STATUS: `${m}.poverty_status`,
  PROGRAMME: 'c.programme',
});
const DIMENSION_SQL = dimensionSql('m');
const DIMENSION_ORDER = Object.values(Disaggregation);
const column = (d: Disaggregation) => `d_${d.toLowerCase()}`;

/**
 * GROUP BY for one or more category groupings: a plain list for one, GROUPING SETS for several (one scan
 * gives the totals and the splits). `exprOf` gives the expression grouped on for a dimension.
 */
function grouping(groupings: FamilyRequest['groupings'], fixed: string[], exprOf: (d: Disaggregation) => string) {
  const used = DIMENSION_ORDER.filter((d) => groupings.some((g) => g.includes(d)));
  const select = used.map((d) => `${exprOf(d)} as ${column(d)}`);
  if (groupings.length === 1) {
    return { used, select, groupBy: [...fixed, ...groupings[0].map(exprOf)].join(', '), gs: '0' };
  }
  const sets = groupings.map((g) => `(${g.map(exprOf).join(', ')})`).join(', ');
  return { used, select, groupBy: `${fixed.join(', ')}, grouping sets (${sets})`, gs: used.length ? `grouping(${used.map(exprOf).join(', ')})` : '0' };
}

/** The SQL of a family's measures, counted per attached unit (placement measures come when rolling up). */
type Measures<F extends Family> = Record<Exclude<MeasureName<F>, PlacementMeasure>, string>;
type PlacementMeasure = (typeof PLACEMENT_MEASURES)[number];
/** What the placement notes read: clubs placed above their commune, and clubs not placed at all. */
export const PLACEMENT_NOTE_MEASURES = ['clubsAboveCommune', 'clubsNotPlaced'] as const satisfies readonly PlacementMeasure[];

const money = (sum: string) => `coalesce(${sum}, 0)`;
const flag = (condition: string) => `case when ${condition} then 1 else 0 end`;

const CLUB_MEASURES: Measures<'club'> = {
  active: 'count(*)',
  new1336: `count(*) filter (where c.founded_on >= ${SCHEME_1336})`,
  new1648: `count(*) filter (where c.founded_on >= ${SCHEME_1648})`,
  // Calendar months of P in which the club existed: from its founding (or P's start) to its dissolution (or P's
  // end). The months of P, less those before a founding or after a dissolution within P (dates are only
  // converted for those few clubs).
  clubMonths: `sum(p.me - p.ms + 1
    - case when c.founded_on > p.s then ${MONTH_NUMBER('c.founded_on')} - p.ms else 0 end
    - case when c.dissolved_on < p.e then p.me - ${MONTH_NUMBER('c.dissolved_on')} else 0 end)`,
  bothFunds: 'count(*) filter (where k.both_funds)',
  fullyActive: 'count(*) filter (where k.both_funds and k.meetings12 >= 10)',
  meetings: 'coalesce(sum(k.meetings), 0)',
};

/** The club_month row `s` that holds a club's state at a day: one range of the (until, month) index for all clubs. */
export const STATE_AT = (s: string, day: string) => `${s}.month <= ${day} and ${s}.until > ${day}`;

/**
 * What the club statement reads of the clubs' monthly states (`k`, a row per period and club) for whole months:
 * a state column at the end of P, or with `since` its growth from that day to the end of P (the state the
 * day before subtracted: those columns count to date).
 */
const FACTS = {
  members: {},
  older: {},
  women: {},
  older_women: {},
  poor_near_poor: {},
  volunteers: {},
  board: {},
  meetings: { column: 'meetings_to_date', since: 'p.s' },
  meetings12: { column: 'meetings_to_date', since: 'p.w12' },
  capital: {},
  ig_capital: {},
  loans_disbursed: { since: 'p.s' },
  amount_disbursed: { since: 'p.s' },
  loans_due: { since: 'p.s' },
  loans_on_time: { since: 'p.s' },
  loans_outstanding: {},
  outstanding: {},
  overdue30: {},
  borrowers12m: {},
  supervised12m: {},
  rated: {},
  weak: {},
} satisfies Record<string, { column?: string; since?: 'p.s' | 'p.w12' }>;
type Fact = keyof typeof FACTS;

/** The families whose figures without a person's category the clubs' states hold. */
type StateFamily = 'member' | 'fund' | 'loan' | 'borrower' | 'supervision';

const total = (fact: Fact) => ({ sql: `coalesce(sum(k.${fact}), 0)`, facts: [fact] });

/** Their measures over the clubs' states (`k`), and the facts each reads. */
const FROM_STATES: { [F in StateFamily]: Record<MeasureName<F>, { sql: string; facts: Fact[] }> } = {
  member: {
    members: total('members'),
    older: total('older'),
    women: total('women'),
    olderWomen: total('older_women'),
    poorNearPoor: total('poor_near_poor'),
    volunteers: total('volunteers'),
    board: total('board'),
    members1336: { sql: `coalesce(sum(k.members) filter (where c.founded_on >= ${SCHEME_1336}), 0)`, facts: ['members'] },
    older1336: { sql: `coalesce(sum(k.older) filter (where c.founded_on >= ${SCHEME_1336}), 0)`, facts: ['older'] },
    clubs50to70: { sql: 'count(*) filter (where k.members between 50 and 70)', facts: ['members'] },
  },
  fund: { capital: total('capital'), igCapital: total('ig_capital') },
  loan: {
    disbursedLoans: total('loans_disbursed'),
    disbursedAmount: total('amount_disbursed'),
    dueLoans: total('loans_due'),
    onTimeLoans: total('loans_on_time'),
    outstandingLoans: total('loans_outstanding'),
    outstanding: total('outstanding'),
    overdue30: total('overdue30'),
  },
  borrower: { borrowers12m: total('borrowers12m') },
  supervision: { supervised12m: total('supervised12m'), rated: total('rated'), weak: total('weak') },
};
/** Families whose measures can ride on the club statement's monthly states (see familyStatements). */
export const STATE_FAMILIES = Object.keys(FROM_STATES) as Family[];

/**
 * The club statement. For whole months it also answers, from the same states, the requests of other families
 * that `riders` lists (their groupings split clubs at most, not people).
 */
function clubSql(structure: AdminStructure, scope: Scope, req: FamilyRequest<'club'>, monthly: boolean, riders: readonly FamilyRequest[], periods = PERIODS_CTE) {
  const g = grouping(statementGroupings([req, ...riders]), ['p.idx', 'key'], (d) => DIMENSION_SQL[d]);
  const fromStates = riders.flatMap((rider) => {
    const sql: Record<string, { sql: string; facts: Fact[] }> = FROM_STATES[rider.family as StateFamily];
    return [...rider.measures].map((name) => ({ name, ...sql[name] }));
  });
  const facts = clubFactsSql(req, monthly, fromStates.flatMap((m) => m.facts));
  // Placement measures (counted when rolling up) need the active clubs.
  const counted = new Set<string>([...req.measures, 'active']);
  const measures = [...measureColumns(CLUB_MEASURES, counted), ...fromStates.map((m) => `${m.sql} as "${m.name}"`)];
  return `with ${periods}${facts ? `, k as (${facts})` : ''}
    select p.idx, ${clubKey('c', structure)} as key, ${[...g.select, `${g.gs} as gs`, ...measures].join(', ')}
    from p join club c on ${ACTIVE('c')} ${PLACED_AT('c')}
    ${facts ? 'left join k on k.idx = p.idx and k.club_id = c.id' : ''}
    where ${scope.clubsAt('c')}
    group by ${g.groupBy}`;
}

/**
 * Per period and club (`k`), what the measures need beyond the club row: whether both funds were opened by the
 * end of P, meetings held in P and in the 12 months to its end, and the facts of other families' measures. For
 * whole months, from the monthly states (range scans joined by club; a club with no state at the end has no
 * member, fund or loan and held no meeting). For other periods (club measures only), from funds and meetings.
 */
function clubFactsSql(req: FamilyRequest<'club'>, monthly: boolean, riderFacts: readonly Fact[]): string | null {
  const funds = req.measures.has('bothFunds') || req.measures.has('fullyActive');
  const meetings = { meetings: req.measures.has('meetings') && 'p.s', meetings12: req.measures.has('fullyActive') && 'p.w12' };
  if (monthly) {
    const facts = [...new Set<Fact>([...(Object.keys(meetings) as Fact[]).filter((m) => meetings[m as keyof typeof meetings]), ...riderFacts])];
    return funds || facts.length ? stateFactsSql(facts, funds) : null;
  }
  if (!funds && !meetings.meetings && !meetings.meetings12) return null;
  // Meetings per club through the (club_id, held_on) index: only the days asked for are read.
  const counted = (from: string | false) => (from ? `(select count(*) from meeting x where x.club_id = c.id and x.held_on between ${from} and p.e)` : 'null::bigint');
  return `select p.idx, c.id as club_id, f.ig <= p.e and f.act <= p.e as both_funds,
      ${counted(meetings.meetings)} as meetings, ${counted(meetings.meetings12)} as meetings12
    from p join club c on ${ACTIVE('c')}
    left join (select club_id, min(opened_on) filter (where kind = 'INCOME_GENERATION') as ig,
      min(opened_on) filter (where kind = 'ACTIVITY') as act from fund group by club_id) f on f.club_id = c.id`;
}

/** The facts of `k` from the states at the end of P (`e`) and, for growths, the day before each start. */
function stateFactsSql(facts: readonly Fact[], bothFunds: boolean): string {
  const spec = facts.map((name) => {
    const fact: { column?: string; since?: string } = FACTS[name];
    return { name, column: fact.column ?? name, since: fact.since };
  });
  const atEnd = [...new Set([...spec.map((f) => f.column), ...(bothFunds ? ['income_generation_funds', 'activity_funds'] : [])])];
  const before = (day: string) => `before_${day.slice(2)}`;
  const columns = [
    ...(bothFunds ? ['e.income_generation_funds > 0 and e.activity_funds > 0 as both_funds'] : []),
    ...spec.map((f) => (f.since ? `e.${f.column} - coalesce(${before(f.since)}.${f.column}, 0) as ${f.name}` : `e.${f.column} as ${f.name}`)),
  ];
  const starts = [...new Set(spec.flatMap((f) => (f.since ? [f.since] : [])))].map((day) => {
    const read = [...new Set(spec.filter((f) => f.since === day).map((f) => `s.${f.column}`))];
    return `left join (select p.idx, s.club_id, ${read.join(', ')} from p join club_month s on ${STATE_AT('s', `${day} - 1`)}) ${before(day)}
      on ${before(day)}.idx = e.idx and ${before(day)}.club_id = e.club_id`;
  });
  return `select e.idx, e.club_id, ${columns.join(', ')}
    from (select p.idx, s.club_id, ${atEnd.map((c) => `s.${c}`).join(', ')} from p join club_month s on ${STATE_AT('s', 'p.e')}) e
    ${starts.join('\n    ')}`;
}

/**
 * Whether place_month answers a club statement (and its riders), the one place the choice is made: tables of
 * every province or of the nation (place_month rolls up to provinces), periods of 1, 3 or 12 whole months (the
 * growths it keeps), no grouping (it keeps no category). Others, and periods past its horizon, count the clubs.
 */
function placeMonthsAnswer(level: UnitLevel, periods: readonly Period[], within: StatementScope | null, requests: readonly FamilyRequest[]): boolean {
  return (
    !within &&
    (level === UnitLevel.NATION || level === UnitLevel.PROVINCE) &&
    wholeMonths(periods) &&
    periods.every((p) => (PLACE_MONTH_SPANS as readonly number[]).includes(monthsIn(p))) &&
    statementGroupings(requests).every((g) => g.length === 0)
  );
}

/** A period's months (place_month's span), and the place_month column of a growth over it. */
const SPAN = 'p.me - p.ms + 1';
const spanned = (growth: string) => `sum(case ${SPAN} ${PLACE_MONTH_SPANS.map((k) => `when ${k} then t.${growth}_${k}`).join(' ')} end)`;
const summedIn = (sql: string) => `coalesce(${sql}, 0)`;

/** The club statement's measures, and those of its riders, over place_month rows `t` (see FROM_STATES, CLUB_MEASURES). */
const FROM_PLACE_MONTHS: Record<string, string> = {
  'club.active': 'sum(t.clubs)',
  'club.new1336': summedIn('sum(t.clubs) filter (where t.era >= 1)'),
  'club.new1648': summedIn('sum(t.clubs) filter (where t.era = 2)'),
  'club.clubMonths': spanned('club_months'),
  'club.bothFunds': 'sum(t.both_funds)',
  'club.fullyActive': 'sum(t.fully_active)',
  'club.meetings': spanned('meetings'),
  'club.clubsAboveCommune': summedIn(`sum(t.clubs) filter (where t.placed = 'ABOVE')`),
  'club.clubsNotPlaced': summedIn(`sum(t.clubs) filter (where t.placed = 'NONE')`),
  'member.members': 'sum(t.members)',
  'member.older': 'sum(t.older)',
  'member.women': 'sum(t.women)',
  'member.olderWomen': 'sum(t.older_women)',
  'member.poorNearPoor': 'sum(t.poor_near_poor)',
  'member.volunteers': 'sum(t.volunteers)',
  'member.board': 'sum(t.board)',
  'member.members1336': summedIn('sum(t.members) filter (where t.era >= 1)'),
  'member.older1336': summedIn('sum(t.older) filter (where t.era >= 1)'),
  'member.clubs50to70': 'sum(t.clubs50to70)',
  'fund.capital': 'sum(t.capital)',
  'fund.igCapital': 'sum(t.ig_capital)',
  'loan.disbursedLoans': spanned('loans_disbursed'),
  'loan.disbursedAmount': spanned('amount_disbursed'),
  'loan.dueLoans': spanned('loans_due'),
  'loan.onTimeLoans': spanned('loans_on_time'),
  'loan.outstandingLoans': 'sum(t.loans_outstanding)',
  'loan.outstanding': 'sum(t.outstanding)',
  'loan.overdue30': 'sum(t.overdue30)',
  'borrower.borrowers12m': 'sum(t.borrowers12m)',
  'supervision.supervised12m': 'sum(t.supervised12m)',
  'supervision.rated': 'sum(t.rated)',
  'supervision.weak': 'sum(t.weak)',
};

/** The last day of place_month's horizon month: periods ending later are counted from the clubs. */
const PLACE_MONTH_END = `(select (month + interval '1 month' - interval '1 day')::date from place_month_horizon)`;

/**
 * The club statement (and its riders) of a table by province or of the nation, rolled up (rows as rolledUp
 * gives them): for each period, one month of place_month — about a hundred rows a structure instead of every
 * club's states —, the clubs active in P being those with `ago` below its length in months, and the communes
 * with one those of place_month_commune with `best` below it. When a period ends past the horizon, a row of
 * idx -1 says so (the statement takes its parameters twice) and runStatement counts those from the clubs.
 */
function placeMonthSql(structure: AdminStructure, level: UnitLevel, club: FamilyRequest<'club'>, riders: readonly FamilyRequest[]): string {
  const requests = [club, ...riders];
  const names = requests.flatMap((req) => [...req.measures].map((m) => ({ name: m as string, id: `${req.family}.${m}` })));
  const communes = club.measures.has('communesWithClubs');
  const covered = communes
    ? `, cov as (select p.idx, t.province as key, sum(t.communes) as n
      from p join place_month_commune t on t.structure = '${structure}' and t.month = date_trunc('month', p.e)::date and t.best < ${SPAN}
      group by 1, 2)`
    : '';
  const measures = names.filter((m) => m.name !== 'communesWithClubs').map((m) => `${FROM_PLACE_MONTHS[m.id]} as "${m.name}"`);
  const columns = names.map((m) => (m.name === 'communesWithClubs' ? `coalesce(cov.n, 0) as "${m.name}"` : `a."${m.name}"`));
  return `with ${periodsCte(`t.e <= ${PLACE_MONTH_END}`)},
    a as (select p.idx, nullif(t.province, 0) as key, ${measures.join(', ')}
      from p join place_month t on t.structure = '${structure}' and t.month = date_trunc('month', p.e)::date and t.ago < ${SPAN}
      group by 1, 2 having sum(t.clubs) > 0)${covered}
    select a.idx, a.key, 0 as gs, ${columns.join(', ')}
    from a${communes ? ' left join cov on cov.idx = a.idx and cov.key is not distinct from a.key' : ''}
    union all
    (select -1, null, 0, ${names.map(() => 'null').join(', ')} from unnest(?::int[], ?::date[], ?::date[]) as t(idx, s, e) where t.e > ${PLACE_MONTH_END} limit 1)`;
}

/** The same club statement counted from the clubs, for the periods past place_month's horizon. */
const beyondPlaceMonths = (structure: AdminStructure, level: UnitLevel, club: FamilyRequest<'club'>, riders: readonly FamilyRequest[]) =>
  rolledUp(clubSql(structure, EVERYWHERE, club, true, riders, periodsCte(`t.e > ${PLACE_MONTH_END}`)), structure, level, [club, ...riders]);

/**
 * Per club and member category first (so club size is known), then per unit and category. Stage 1 counts
 * memberships: each one's value in a measure (1 or 0), by the person and by the age segment `a` it is in.
 */
const MEMBER_STAGE1: Record<Exclude<MeasureName<'member'>, 'members1336' | 'older1336' | 'clubs50to70'>, string> = {
  members: '1',
  older: flag('a.older'),
  women: flag(`m.sex = 'FEMALE'`),
  olderWomen: flag(`m.sex = 'FEMALE' and a.older`),
  poorNearPoor: flag(`m.poverty_status in ('POOR', 'NEAR_POOR')`),
  volunteers: flag('m.home_care_volunteer'),
  board: flag('m.board_role is not null'),
};

const MEMBER_STAGE2: Measures<'member'> = {
  members: 'sum(members)',
  older: 'sum(older)',
  women: 'sum(women)',
  olderWomen: 'sum(olderWomen)',
  poorNearPoor: 'sum(poorNearPoor)',
  volunteers: 'sum(volunteers)',
  board: 'sum(board)',
  members1336: 'coalesce(sum(members) filter (where new1336), 0)',
  older1336: 'coalesce(sum(older) filter (where new1336), 0)',
  clubs50to70: '', // depends on whether clubs are split by member category, see memberSql
};

/**
 * Per period and club: the club's members in each category, counted from the memberships (the club statement
 * answers totals for whole months from club_month instead, see familyStatements).
 */
function memberSql(structure: AdminStructure, scope: Scope, req: FamilyRequest<'member'>) {
  const memberDims = DIMENSION_ORDER.filter((d) => d !== Disaggregation.PROGRAMME && req.groupings.some((g) => g.includes(d)));
  const stage1 = new Set<keyof typeof MEMBER_STAGE1>(['members']);
  for (const measure of req.measures) {
    if (measure === 'older1336') stage1.add('older');
    else if (measure !== 'members1336' && measure !== 'clubs50to70') stage1.add(measure);
  }
  // A club's size is the sum over its category rows when members are split, else its single row.
  const stage2: Measures<'member'> = {
    ...MEMBER_STAGE2,
    clubs50to70: memberDims.length
      ? 'count(distinct club_id) filter (where club_total between 50 and 70)'
      : 'count(*) filter (where members between 50 and 70)',
  };
  const g = grouping(req.groupings, ['idx', 'key'], column);
  // Each membership is read once for all periods: the interval of period ends at which it is open (split where
  // the person's age band, or being older, changes), counted per club and category at every end (stocksAtEnds).
  const byBand = memberDims.includes(Disaggregation.AGE_BAND);
  const age = byBand || stage1.has('older') || stage1.has('olderWomen') ? ageSegments('m', byBand) : null;
  const personColumn = (d: Disaggregation) => (d === Disaggregation.AGE_BAND ? 'a.band' : DIMENSION_SQL[d]);
  const intervals = `select m.club_id, ${memberDims.map((d) => `${personColumn(d)} as ${column(d)}, `).join('')}
      ${age ? 'greatest(m.joined_on, a.lo)' : 'm.joined_on'} as since, ${age ? 'least(m.left_on, a.hi)' : 'm.left_on'} as until,
      ${[...stage1].map((mm) => `${MEMBER_STAGE1[mm]} as ${mm}`).join(', ')}
    from (select m.*${age ? `, ${age.limits}` : ''} from member m
      where m.joined_on <= (select max(e) from p) and (m.left_on is null or m.left_on > (select min(e) from p))
        ${scope.clubs ? `and m.club_id = any(${scope.clubs})` : ''} offset 0) m ${age?.join ?? ''}`;
  return `with ${PERIODS_CTE},
    ${stocksAtEnds(intervals, ['club_id', ...memberDims.map(column)], [...stage1])},
    mc as (select * from st),
    pc as (
      select mc.*, ${clubKey('c', structure)} as key, c.programme as ${column(Disaggregation.PROGRAMME)}, c.founded_on >= ${SCHEME_1336} as new1336
      from mc join p on p.idx = mc.idx join club c on c.id = mc.club_id and ${ACTIVE('c')} ${PLACED_AT('c')}
      where ${scope.at('c')}
    )
    select idx, key, ${[...g.select, `${g.gs} as gs`, ...measureColumns(stage2, req.measures)].join(', ')}
    from ${memberDims.length ? '(select pc.*, sum(members) over (partition by idx, club_id) as club_total from pc) as pc' : 'pc'}
    group by ${g.groupBy}`;
}

const INFLOWS = INFLOW_KINDS.filter((k) => k !== 'REPAYMENT').map((k) => `'${k}'`).join(', ');
// The same capital as the hierarchy API's fund.capital: loans only move money between cash and loans.
const CAPITAL = `case when t.kind in (${INFLOWS}) then t.amount when t.kind = 'EXPENSE' then -t.amount else 0 end`;

function fundSql(structure: AdminStructure, scope: Scope, req: FamilyRequest<'fund'>) {
  const g = grouping(req.groupings, ['p.idx', 'key'], (d) => DIMENSION_SQL[d]);
  const measures: Measures<'fund'> = {
    capital: money(`sum(${CAPITAL})`),
    igCapital: money(`sum(${CAPITAL}) filter (where f.kind = 'INCOME_GENERATION')`),
  };
  return `with ${PERIODS_CTE}
    select p.idx, ${clubKey('c', structure)} as key, ${[...g.select, `${g.gs} as gs`, ...measureColumns(measures, req.measures)].join(', ')}
    from p join club c on ${ACTIVE('c')} ${PLACED_AT('c')} join fund f on f.club_id = c.id
    join fund_transaction t on t.fund_id = f.id and t.occurred_on <= p.e and t.kind in (${INFLOWS}, 'EXPENSE')
    where ${scope.clubsAt('c')}
    group by ${g.groupBy}`;
}

/**
 * Loans of clubs active in P, by borrower category: disbursed or due in P, or outstanding at its end. Each loan
 * is read once for all periods (`l`: those some period looks at, with their borrower's categories). Flows
 * (disbursed, due, repaid on time in P) find the periods holding their day through the pieces that the
 * periods' bounds cut the calendar into (`pe`: a join on equality, not every loan compared with every period).
 * Stocks at P's end (outstanding loans, the amount owed, owed more than 30 days past due) come from each
 * loan's segments between the days its state changes (disbursed, each repayment, 31 days after due, a birthday
 * that changes the borrower's age band; closed ends the last) through stocksAtEnds. The club statement
 * answers the totals from club_month, so this one runs for splits by person.
 */
function loanSql(structure: AdminStructure, scope: Scope, req: FamilyRequest<'loan'>) {
  const personDims = DIMENSION_ORDER.filter((d) => d !== Disaggregation.PROGRAMME && req.groupings.some((g) => g.includes(d)));
  const g = grouping(req.groupings, ['p.idx', 'key'], (d) => (d === Disaggregation.PROGRAMME ? DIMENSION_SQL[d] : `lc.${column(d)}`));
  const wants = (...measures: MeasureName<'loan'>[]) => measures.some((m) => req.measures.has(m));
  const [disbursed, due, stocks] = [wants('disbursedLoans', 'disbursedAmount'), wants('dueLoans', 'onTimeLoans'), wants('outstandingLoans', 'outstanding', 'overdue30')];
  const byBand = personDims.includes(Disaggregation.AGE_BAND);
  // Each part's columns: the measures it counts, 0 for the others (the parts are stacked, then summed).
  const measureNames = (['disbursedLoans', 'disbursedAmount', 'dueLoans', 'onTimeLoans', 'outstandingLoans', 'outstanding', 'overdue30'] as const).filter((m) => req.measures.has(m));
  const columns = (counted: Partial<Record<MeasureName<'loan'>, string>>) => measureNames.map((m) => `${counted[m] ?? '0'} as "${m}"`).join(', ');
  const borrowerDimension = dimensionSql('l');
  const dimsAtEnd = personDims.map((d) => `${borrowerDimension[d]} as ${column(d)}`);
  // Only the loans some measure looks at in some period of the series (outstanding at some end: not closed by the first end).
  const relevant = [
    disbursed && 'l.disbursed_on >= span.s',
    due && 'l.due_on between span.s and span.e',
    stocks && '(l.closed_on is null or l.closed_on > span.e1)',
  ].filter(Boolean).join(' or ') || 'true';
  // The periods holding a day: its piece of the calendar cut at every start and the day after every end.
  const flow = (day: string, counted: Partial<Record<MeasureName<'loan'>, string>>) => `select p.idx, l.club_id, ${[...dimsAtEnd, columns(counted)].join(', ')}
      from l cross join bounds join pe on pe.k = width_bucket(${day}, bounds.a) join p on p.idx = pe.idx and l.disbursed_on <= p.e
      group by ${['p.idx', 'l.club_id', ...personDims.map((d) => borrowerDimension[d])].join(', ')}`;
  // The band at a day, from the days the borrower reaches each age limit (as ageSegments counts them).
  const bandOn = (day: string) => `case ${AGE_BANDS.slice(0, -1).map((band) => `when ${day} < l.t${band.below} then '${band.band}'`).join(' ')} else '${AGE_BANDS[AGE_BANDS.length - 1].band}' end`;
  const since = 'greatest(ch.day, l.disbursed_on)';
  // Only ends from the first one on count: a segment's band, overdue state and amount repaid are those of its
  // first day from then on, so what changes before the first end (or after the last) needs no segment of its own
  // (the repayments before it are one sum on it).
  const counted = `greatest(${since}, (select e1 from span))`;
  const owed = 'greatest(l.principal - ch.repaid, 0)';
  const stockColumn = (d: Disaggregation) => (d === Disaggregation.AGE_BAND ? bandOn(counted) : borrowerDimension[d]);
  const stockValues = { outstandingLoans: '1', outstanding: owed, overdue30: `case when ${counted} >= l.due_on + 31 then ${owed} else 0 end` };
  const stockMeasures = measureNames.filter((m) => m in stockValues) as Array<keyof typeof stockValues>;
  const held = 'from l where l.closed_on is null or l.closed_on > (select e1 from span)';
  const within = (day: string) => `${day} > (select e1 from span) and ${day} <= (select e from span)`;
  const changes = [
    `select l.id, greatest(l.disbursed_on, (select e1 from span)) as day, 0::bigint as amount ${held}`,
    wants('outstanding', 'overdue30') &&
      `select t.loan_id, greatest(t.occurred_on, (select e1 from span)), sum(t.amount) from fund_transaction t
      where t.kind = 'REPAYMENT' and t.occurred_on <= (select e from span) and t.loan_id in (select l.id ${held}) group by 1, 2`,
    wants('overdue30') && `select * from (select l.id, l.due_on + 31 as day, 0 ${held}) d where ${within('d.day')}`,
    byBand && `select * from (select l.id, unnest(array[${AGE_BANDS.slice(0, -1).map((band) => `l.t${band.below}`).join(', ')}]) as day, 0 ${held}) d where ${within('d.day')}`,
  ].filter(Boolean);
  const stockIntervals = `select l.club_id, ${personDims.map((d) => `${stockColumn(d)} as ${column(d)}, `).join('')}
      ${since} as since, least(ch.next_day, l.closed_on) as until, ${stockMeasures.map((m) => `${stockValues[m]} as "${m}"`).join(', ')}
    from (select ch.id, ch.day, (sum(ch.amount) over w)::bigint as repaid, lead(ch.day) over w as next_day from (${changes.join(' union all ')}) ch
      window w as (partition by ch.id order by ch.day)) ch
    join l on l.id = ch.id`;
  const parts = [
    disbursed && flow('l.disbursed_on', { disbursedLoans: 'count(*)', disbursedAmount: 'sum(l.principal)' }),
    due && flow('l.due_on', { dueLoans: 'count(*)', onTimeLoans: `count(*) filter (where l.status = 'REPAID' and l.closed_on <= l.due_on)` }),
    stocks && `select st.idx, st.club_id, ${[...personDims.map((d) => `st.${column(d)}`), columns(Object.fromEntries(stockMeasures.map((m) => [m, `st."${m}"`])))].join(', ')} from st`,
  ].filter(Boolean);
  return `with ${PERIODS_CTE},
    span as (select min(s) as s, max(e) as e, min(e) as e1 from p),
    l as (select ${['l.id', 'f.club_id', 'l.principal', 'l.disbursed_on', 'l.due_on', 'l.closed_on', 'l.status', ...(personDims.length ? ['m.sex', 'm.poverty_status', 'm.birth_date', 'm.birth_year'] : []), ...(byBand ? [ageSegments('m', true).limits] : [])].join(', ')}
      from span join loan l on l.disbursed_on <= span.e and (${relevant}) join fund f on f.id = l.fund_id
      ${personDims.length ? 'join member m on m.id = l.borrower_id' : ''}
      ${scope.clubs ? `where f.club_id = any(${scope.clubs})` : ''}),
    bounds as (select array_agg(distinct b order by b) as a from (select s as b from p union select e + 1 from p) b),
    pe as (select k, p.idx from p cross join bounds cross join generate_series(width_bucket(p.s, bounds.a), width_bucket(p.e + 1, bounds.a) - 1) k)
    ${stocks ? `, ${stocksAtEnds(stockIntervals, ['club_id', ...personDims.map(column)], stockMeasures.map((m) => `"${m}"`), 'bigint')}` : ''},
    lc as (select idx, club_id, ${[...personDims.map(column), ...measureNames.map((m) => `sum("${m}") as "${m}"`)].join(', ')}
      from (${parts.join(' union all ')}) x group by ${['idx', 'club_id', ...personDims.map(column)].join(', ')})
    select p.idx, ${clubKey('c', structure)} as key, ${[...g.select, `${g.gs} as gs`, ...measureNames.map((m) => `sum(lc."${m}") as "${m}"`)].join(', ')}
    from lc join p on p.idx = lc.idx join club c on c.id = lc.club_id and ${ACTIVE('c')} ${PLACED_AT('c')}
    where ${scope.at('c')}
    group by ${g.groupBy}`;
}

/**
 * Members in P who received a loan disbursed in the 12 months to its end (each borrower once).
 */
function borrowerSql(structure: AdminStructure, scope: Scope, req: FamilyRequest<'borrower'>) {
  // The disbursements of the series by the members in scope (every member for the nation), each read once: a
  // member counts at the period ends from a disbursement until its 12-month window no longer holds it (or the
  // next disbursement), while a member, by age band at each end (stocksAtEnds).
  const personDims = DIMENSION_ORDER.filter((d) => d !== Disaggregation.PROGRAMME && req.groupings.some((g) => g.includes(d)));
  const g = grouping(req.groupings, ['p.idx', 'key'], (d) => (d === Disaggregation.PROGRAMME ? DIMENSION_SQL[d] : `bc.${column(d)}`));
  const age = personDims.includes(Disaggregation.AGE_BAND) ? ageSegments('bm', true) : null;
  const personColumn = (d: Disaggregation) => (d === Disaggregation.AGE_BAND ? 'a.band' : dimensionSql('bm')[d]);
  const intervals = `select bm.club_id, ${personDims.map((d) => `${personColumn(d)} as ${column(d)}, `).join('')}
      greatest(bm.disbursed_on, bm.joined_on${age ? ', a.lo' : ''}) as since, least(bm.window_end, bm.next_disbursed_on, bm.left_on${age ? ', a.hi' : ''}) as until, 1 as borrowers12m
    from (select bm.club_id, bm.sex, bm.poverty_status, bm.joined_on, bm.left_on, l.disbursed_on${age ? `, ${age.limits}` : ''},
        ${FIRST_END_SPAN_AFTER('l.disbursed_on', '12 months')} as window_end,
        lead(l.disbursed_on) over (partition by bm.id order by l.disbursed_on) as next_disbursed_on
      from member bm join loan l on l.borrower_id = bm.id
      where l.disbursed_on between (select min(w12) from p) and (select max(e) from p) ${scope.clubs ? `and bm.club_id = any(${scope.clubs})` : ''} offset 0) bm
    ${age?.join ?? ''}`;
  return `with ${PERIODS_CTE},
    ${stocksAtEnds(intervals, ['club_id', ...personDims.map(column)], ['borrowers12m'])},
    bc as (select * from st)
    select p.idx, ${clubKey('c', structure)} as key, ${[...g.select, `${g.gs} as gs`, 'sum(bc.borrowers12m) as "borrowers12m"'].join(', ')}
    from bc join p on p.idx = bc.idx join club c on c.id = bc.club_id and ${ACTIVE('c')} ${PLACED_AT('c')}
    where ${scope.at('c')}
    group by ${g.groupBy}`;
}

function courseSql() {
  return `with ${PERIODS_CTE}
    select p.idx, tc.organiser_unit_id as key, 0 as gs, count(*) as courses
    from p join training_course tc on tc.starts_on between p.s and p.e
    group by 1, 2`;
}

function traineeSql(structure: AdminStructure, scope: Scope, req: FamilyRequest<'trainee'>) {
  const g = grouping(req.groupings, ['p.idx', 'key'], (d) => DIMENSION_SQL[d]);
  if (req.groupings.every((grouping) => grouping.every((d) => d === Disaggregation.PROGRAMME))) return traineeFactSql(structure, scope, req, g);
  const measures: Measures<'trainee'> = {
    trainees: 'count(distinct m.id) filter (where tc.starts_on >= p.s)',
    boardTrained12m: `count(distinct m.id) filter (where tc.starts_on >= p.w12 and m.board_role is not null and ${OPEN('m')} and ${ACTIVE('c')})`,
  };
  return `with ${PERIODS_CTE}
    select p.idx, ${clubKey('c', structure)} as key, ${[...g.select, `${g.gs} as gs`, ...measureColumns(measures, req.measures)].join(', ')}
    from p join training_course tc on tc.starts_on between least(p.s, p.w12) and p.e
    join trainee tr on tr.course_id = tc.id join member m on m.id = tr.member_id join club c on c.id = m.club_id ${PLACED_AT('c')}
    where ${scope.clubsAt('c')}
    group by ${g.groupBy}`;
}

/**
 * The trainee statement without a person's category, from trainee_fact (migration trainee_fact): one index range
 * of course start days, no member or club read (each fact carries its member's club as `c` reads it: id, dates,
 * communes, programme). A member trained in a window counts once, at the first of its courses in it: the one whose
 * previous course (`prev_starts_on`) started before the window. Rows come in unit order, as supervisionSql's do.
 */
function traineeFactSql(structure: AdminStructure, scope: Scope, req: FamilyRequest<'trainee'>, g: ReturnType<typeof grouping>) {
  const firstSince = (day: string) => `f.starts_on >= ${day} and (f.prev_starts_on is null or f.prev_starts_on < ${day})`;
  const club = ['id', 'founded_on', 'dissolved_on', 'commune_pre2025_id', 'commune_post2025_id', 'programme'];
  const measures: Measures<'trainee'> = { trainees: 'coalesce(sum(c.trainees), 0)', boardTrained12m: 'coalesce(sum(c.board_open), 0)' };
  return `with ${PERIODS_CTE},
    k as (select p.idx, ${club.map((col) => `f.${col === 'id' ? 'club_id' : col} as ${col}`).join(', ')}, (${firstSince('p.s')})::int as trainees,
        (${firstSince('p.w12')} and f.board and ${OPEN('f')} and ${ACTIVE('f')})::int as board_open
      from p join trainee_fact f on f.starts_on between least(p.s, p.w12) and p.e)
    select p.idx, ${clubKey('c', structure)} as key, ${[...g.select, `${g.gs} as gs`, ...measureColumns(measures, req.measures)].join(', ')}
    from p join k c on c.idx = p.idx ${PLACED_AT('c')}
    where ${scope.clubsAt('c')}
    group by ${g.groupBy}
    order by key`;
}

/** An award counts where its club, its member's club or its association is (one recipient each: award_one_recipient). */
function awardSql(structure: AdminStructure) {
  return `with ${PERIODS_CTE}
    select p.idx, coalesce(${clubKey('c', structure)}, a.association_unit_id) as key, 0 as gs, count(*) as awards
    from p join award a on a.granted_on between p.s and p.e
    left join member am on am.id = a.member_id left join club c on c.id = coalesce(a.club_id, am.club_id) ${PLACED_AT('c')}
    group by 1, 2`;
}

/**
 * Monthly reports against expectations (expected.ts), per month of P: the calendar months that end in P and
 * have ended by today. Read from report_tally (report-tally.ts): per month and place, the clubs expected there
 * at the month's end and their reports (one per club and month, counted only against an expectation, so
 * received ≤ expected in every cell), on time per deadline day; tables by province or of the nation read its sums
 * per province (tallyRows). A month after the tally's horizon has the horizon's expectations and no report.
 * The periods' months come first (`pm`, a few dozen rows, with the tally month each reads), then the tally as
 * one range of its month index, hashed by month (`+ 0` keeps the planner from probing the index once per month
 * and caching thousands of rows per probe; pairing the tally's rows with the periods afterwards cost a date
 * computation per tally row and period).
 */
function reportSql(structure: AdminStructure, req: FamilyRequest<'report'>, level: UnitLevel) {
  const programme = (d: Disaggregation) => (d === Disaggregation.PROGRAMME ? 't.programme' : DIMENSION_SQL[d]);
  const g = grouping(req.groupings, ['pm.idx', 'key'], programme);
  const reported = (value: string) => `case when pm.reported then ${value} else 0 end`;
  const values: Measures<'report'> = { expected: 't.expected', received: reported('t.received'), onTime: reported(`t.on_time[${reportDeadlineDay()}]`) };
  const tally = tallyRows(structure, level, 't');
  // One grouping of the places' rows: they go to the roll-up as they are, since it sums them anyway (grouping them
  // here would save little: a place rarely has two rows in a month). Several groupings: one pass with grouping
  // sets. Provinces' rows are summed here (the programmes of a province): the roll-up then joins a few hundred.
  const [select, groupBy] =
    req.groupings.length === 1 && !tally.provinces
      ? [[...g.select, '0 as gs', ...measureColumns(values, req.measures)], '']
      : [[...g.select, `${g.gs} as gs`, ...measureColumns(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, `sum(${v})`])), req.measures)], `group by ${g.groupBy}`];
  const today = todayInVietnam();
  const end = monthEndSql('gm::date');
  return `with ${PERIODS_CTE},
    pm as materialized (select p.idx, least(gm::date, z.month) as tally_month, gm::date <= z.month as reported
      from p cross join ${TALLY_HORIZON} z cross join generate_series(date_trunc('month', p.s), date_trunc('month', p.e), interval '1 month') gm
      where ${end} between p.s and p.e and ${end} <= '${today}'::date)
    select pm.idx, ${tally.key} as key, ${select.join(', ')}
    from pm join ${tally.table} t on ${tally.where} and t.month + 0 = pm.tally_month
      and t.month between (select min(tally_month) from pm) and (select max(tally_month) from pm)
    ${groupBy}`;
}
// --- supervision family ---
/**
 * For periods of whole months the club statement answers these from the clubs' monthly states (FROM_STATES);
 * this statement serves other periods. Clubs active in P and their latest visit on or before the end of P (one
 * probe of the (club_id, visited_on) index per club and period): supervised in the 12 months to the end of P
 * when that visit falls in them, rated when there is one, weak when its rating is WEAK. Rows come in unit order:
 * the roll-up then merges its thousands of communes with unit_placement's index instead of hashing every
 * placement (national year: 10–25 % less backend CPU in alternating runs, 7 of 8 pairs).
 */
function supervisionSql(structure: AdminStructure, scope: Scope, req: FamilyRequest<'supervision'>) {
  const g = grouping(req.groupings, ['p.idx', 'key'], (d) => DIMENSION_SQL[d]);
  const measures: Measures<'supervision'> = {
    supervised12m: 'count(*) filter (where v.visited_on >= p.w12)',
    rated: 'count(v.rating)',
    weak: `count(*) filter (where v.rating = 'WEAK')`,
  };
  return `with ${PERIODS_CTE}
    select p.idx, ${clubKey('c', structure)} as key, ${[...g.select, `${g.gs} as gs`, ...measureColumns(measures, req.measures)].join(', ')}
    from p join club c on ${ACTIVE('c')} ${PLACED_AT('c')}
    left join lateral (select sv.visited_on, sv.rating from supervision_visit sv where sv.club_id = c.id and sv.visited_on <= p.e
      order by sv.visited_on desc, sv.id desc limit 1) v on true
    where ${scope.clubsAt('c')}
    group by ${g.groupBy}
    order by key`;
}
// --- end of supervision family ---
// --- health families ---
const DOMAINS = ICOPE_DOMAINS;
const ANY_POSITIVE = DOMAINS.map((d) => `hc.${d} = 'POSITIVE'`).join(' or ');
const LAST_12 = 'hc.checked_on >= p.w12';
const LAST_3 = `hc.checked_on > (p.e - interval '3 months')::date`;
const HAS_BP = 'hc.systolic is not null';

/**
 * Health checks (issue 20): per period, each member's checks of the 12 months to the end of P folded into one
 * row (screened, per domain screened and positive, positive and referred; a blood pressure reading in the 3
 * months to the end, and whether the latest of those is ≥ 140/90), then members in P counted per unit and
 * category. A member has at most one check a day, so the latest reading is well defined.
 */
function healthSql(structure: AdminStructure, scope: Scope, req: FamilyRequest<'health'>) {
  const g = grouping(req.groupings, ['p.idx', 'key'], (d) => DIMENSION_SQL[d]);
  const perDomain = Object.fromEntries(
    DOMAINS.flatMap((d) => [
      [`${d}Screened`, `count(*) filter (where h.${d}_screened)`],
      [`${d}Positive`, `count(*) filter (where h.${d}_positive)`],
    ]),
  );
  const measures: Measures<'health'> = {
    screened12m: 'count(*) filter (where h.screened)',
    ...(perDomain as Record<`${(typeof DOMAINS)[number]}${'Screened' | 'Positive'}`, string>),
    positive12m: 'count(*) filter (where h.positive)',
    referred12m: 'count(*) filter (where h.referred)',
    bpChecked3m: 'count(*) filter (where h.bp)',
    bpHigh3m: 'count(*) filter (where h.bp_high)',
  };
  const last12 = (expr: string, name: string) => `bool_or(${expr}) filter (where ${LAST_12}) as ${name}`;
  const folded = [
    last12(DOMAINS.map((d) => `hc.${d} <> 'NOT_DONE'`).join(' or '), 'screened'),
    ...DOMAINS.flatMap((d) => [last12(`hc.${d} <> 'NOT_DONE'`, `${d}_screened`), last12(`hc.${d} = 'POSITIVE'`, `${d}_positive`)]),
    last12(ANY_POSITIVE, 'positive'),
    last12(`(${ANY_POSITIVE}) and hc.referred`, 'referred'),
  ];
  return `with ${PERIODS_CTE},
    h as (
      select p.idx, hc.member_id, ${folded.join(', ')},
        bool_or(${HAS_BP}) filter (where ${LAST_3}) as bp,
        (array_agg(hc.systolic >= 140 or hc.diastolic >= 90 order by hc.checked_on desc) filter (where ${HAS_BP} and ${LAST_3}))[1] as bp_high
      from p join health_check hc on hc.checked_on between p.w12 and p.e
      group by p.idx, hc.member_id)
    select p.idx, ${clubKey('c', structure)} as key, ${[...g.select, `${g.gs} as gs`, ...measureColumns(measures, req.measures)].join(', ')}
    from p join h on h.idx = p.idx join member m on m.id = h.member_id and ${OPEN('m')} join club c on c.id = m.club_id and ${ACTIVE('c')} ${PLACED_AT('c')}
    where ${scope.at('c')}
    group by ${g.groupBy}`;
}

/** Home-care visits in P to members of clubs active in P, and the members visited (each once), by the visited member's category. */
function homeCareSql(structure: AdminStructure, scope: Scope, req: FamilyRequest<'homeCare'>) {
  const g = grouping(req.groupings, ['p.idx', 'key'], (d) => DIMENSION_SQL[d]);
  const measures: Measures<'homeCare'> = { visits: 'count(*)', visited: 'count(distinct v.visited_id)' };
  return `with ${PERIODS_CTE}
    select p.idx, ${clubKey('c', structure)} as key, ${[...g.select, `${g.gs} as gs`, ...measureColumns(measures, req.measures)].join(', ')}
    from p join home_care_visit v on v.visited_on between p.s and p.e
    join club c on c.id = v.club_id and ${ACTIVE('c')} ${PLACED_AT('c')} join member m on m.id = v.visited_id
    where ${scope.at('c')}
    group by ${g.groupBy}`;
}
// --- end of health families ---

function measureColumns(sql: Record<string, string>, wanted: ReadonlySet<string>): string[] {
  return Object.keys(sql)
    .filter((m) => wanted.has(m))
    .map((m) => `${sql[m]} as "${m}"`);
}

/**
 * The unit a placed unit's figures roll up to for a table of units down to a level: its ancestor at that level,
 * or itself when placed above it (so a club placed in a province still counts in the province and the nation).
 * A national table rolls up to provinces: province coverage counts them.
 */
export const ROLLUP_KEY: Record<UnitLevel, string> = {
  NATION: 'coalesce(r.province_id, r.placed_id)',
  PROVINCE: 'coalesce(r.province_id, r.placed_id)',
  DISTRICT: 'coalesce(r.district_id, r.province_id, r.placed_id)',
  COMMUNE: 'r.placed_id',
};

/** Over the rows of a club statement (`f`, one per attached unit) and their placements (`r`). */
const PLACEMENT_SQL: Record<PlacementMeasure, string> = {
  // A commune's clubs may come from several attached units (its own, and new communes placed in it).
  communesWithClubs: `count(distinct r.placed_id) filter (where r.placed_level = 'COMMUNE')`,
  clubsAboveCommune: `coalesce(sum(f.active) filter (where r.placed_level in ('PROVINCE', 'DISTRICT')), 0)`,
  clubsNotPlaced: 'coalesce(sum(f.active) filter (where r.placed_id is null), 0)',
};

/**
 * A family statement's rows, per attached unit, summed per unit the table rolls up to (every measure adds up
 * across units: a club, a member or a loan is attached to one unit). A key of no unit counts in the nation.
 */
function rolledUp(statement: string, structure: AdminStructure, level: UnitLevel, requests: readonly FamilyRequest[]): string {
  const used = DIMENSION_ORDER.filter((d) => statementGroupings(requests).some((g) => g.includes(d))).map((d) => `f.${column(d)}`);
  const measures = requests.flatMap((req) => [...req.measures]).map((m) => `${m in PLACEMENT_SQL ? PLACEMENT_SQL[m as PlacementMeasure] : `sum(f."${m}")`} as "${m}"`);
  return `select f.idx, ${ROLLUP_KEY[level]} as key, f.gs, ${[...used, ...measures].join(', ')}
    from (${statement}) f left join unit_placement r on r.structure = '${structure}' and r.unit_id = f.key
    group by ${['f.idx', ROLLUP_KEY[level], 'f.gs', ...used].join(', ')}`;
}

/** Whether a day is the last of its month (year, quarter and month periods all end on one). */
const isMonthEnd = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDate() === new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 0)).getUTCDate();

/** Periods of whole months (every DHIS2 key; day ranges may not be) can be read from the monthly club states. */
const wholeMonths = (periods: readonly Period[]) => periods.every((p) => p.start.endsWith('-01') && isMonthEnd(p.end));

function familySql(structure: AdminStructure, scope: Scope, req: FamilyRequest, monthly: boolean, riders: readonly FamilyRequest[], level: UnitLevel): string {
  switch (req.family) {
    case 'club':
      return clubSql(structure, scope, req as FamilyRequest<'club'>, monthly, riders);
    case 'member':
      return memberSql(structure, scope, req as FamilyRequest<'member'>);
    case 'fund':
      return fundSql(structure, scope, req as FamilyRequest<'fund'>);
    case 'loan':
      return loanSql(structure, scope, req as FamilyRequest<'loan'>);
    case 'borrower':
      return borrowerSql(structure, scope, req as FamilyRequest<'borrower'>);
    case 'course':
      return courseSql();
    case 'trainee':
      return traineeSql(structure, scope, req as FamilyRequest<'trainee'>);
    case 'award':
      return awardSql(structure);
    case 'report':
      return reportSql(structure, req as FamilyRequest<'report'>, level);
    // --- supervision family ---
    case 'supervision':
      return supervisionSql(structure, scope, req as FamilyRequest<'supervision'>);
    // --- health families ---
    case 'health':
      return healthSql(structure, scope, req as FamilyRequest<'health'>);
    case 'homeCare':
      return homeCareSql(structure, scope, req as FamilyRequest<'homeCare'>);
  }
}

/** One SQL statement with its bindings (knex `?` placeholders) and the family requests it answers. */
export interface FamilyStatement {
  requests: FamilyRequest[];
  /** The share of the country's communes it reads (1: every club; see StatementScope). */
  share: number;
  /** Whether it reads the clubs' monthly states (the club statement, for whole months) rather than records. */
  fromStates: boolean;
  sql: string;
  params: unknown[];
  /** Run too when the statement gives a row of idx -1: its periods past place_month's horizon (see placeMonthSql). */
  beyondHorizon?: { sql: string; params: unknown[] };
}

/** The groupings of the requests one statement answers, each once. */
export const statementGroupings = (requests: readonly FamilyRequest[]) => [...new Map(requests.flatMap((r) => r.groupings).map((g) => [g.join(','), g])).values()];

/**
 * One statement per family, except that for whole months the figures of members, funds, loans and borrowers
 * that split clubs at most (not people) come with the club statement: all read the clubs' states at the end of
 * P, so one pass over the clubs serves them all. Rows come per unit of `level` (the deepest level of the
 * table's units) or per unit above it where records are placed above it. The club request always carries the
 * placement notes' measures (PLACEMENT_NOTE_MEASURES); when the notes are not wanted and nothing else needs the
 * club statement, it is left out.
 */
export function familyStatements(
  structure: AdminStructure,
  level: UnitLevel,
  periods: readonly Period[],
  requests: readonly FamilyRequest[],
  options: {
    /** When the table's units are a few below the nation, the communes within them: its statements read only what counts there; null: every club. */
    within?: StatementScope | null;
    /** Whether the placement notes are wanted (default true). */
    placement?: boolean;
  } = {},
): FamilyStatement[] {
  const { within = null, placement = true } = options;
  const params = periodParams(periods);
  const scope = scopeOf(structure, within?.communes ?? null);
  const monthly = wholeMonths(periods);
  const club = requests.find((r) => r.family === 'club') as FamilyRequest<'club'> | undefined;
  const riders =
    club && monthly
      ? requests.filter((r) => STATE_FAMILIES.includes(r.family) && r.groupings.every((g) => g.every((d) => FAMILY_DIMENSIONS.club.includes(d))))
      : [];
  // Without the notes, a club statement that would count nothing else is not run.
  const idle = club && !placement && !riders.length && [...club.measures].every((m) => (PLACEMENT_NOTE_MEASURES as readonly string[]).includes(m));
  return requests
    .filter((req) => !riders.includes(req) && !(idle && req === club))
    .map((req) => {
      const answered = req === club ? [club, ...riders] : [req];
      const share = within && !UNSCOPED.includes(req.family) ? within.share : 1;
      if (req === club && placeMonthsAnswer(level, periods, within, answered)) {
        const beyondHorizon = { sql: beyondPlaceMonths(structure, level, club, riders), params };
        return { requests: answered, share, fromStates: true, sql: placeMonthSql(structure, level, club, riders), params: [...params, ...params], beyondHorizon };
      }
      return { requests: answered, share, fromStates: req === club && monthly, sql: rolledUp(familySql(structure, scope, req, monthly, req === club ? riders : [], level), structure, level, answered), params };
    });
}

/** Runs one statement and decodes its rows for each family request it answers. */
export async function runStatement(em: EntityManager, statement: FamilyStatement): Promise<FamilyRow[][]> {
  let rows = await em.getConnection('read').execute<Array<Record<string, unknown>>>(statement.sql, statement.params);
  const { beyondHorizon } = statement;
  if (beyondHorizon && rows.some((row) => Number(row.idx) === -1)) {
    rows = [...rows.filter((row) => Number(row.idx) !== -1), ...(await em.getConnection('read').execute<Array<Record<string, unknown>>>(beyondHorizon.sql, beyondHorizon.params))];
  }
  const groupings = statementGroupings(statement.requests);
  const used = DIMENSION_ORDER.filter((d) => groupings.some((g) => g.includes(d)));
  const byMask = new Map<number, readonly Disaggregation[]>();
  // grouping(a, b, c) sets bit 2 for a, 1 for b, 0 for c when that dimension is rolled up in the row.
  for (const g of groupings) byMask.set(used.reduce((mask, d, i) => (g.includes(d) ? mask : mask | (1 << (used.length - 1 - i))), 0), g);
  const single = groupings.length === 1 ? groupings[0] : undefined;
  const decoded = rows.map((row) => {
    const group = single ?? byMask.get(Number(row.gs))!;
    const options: FamilyRow['options'] = {};
    for (const d of group) options[d] = String(row[column(d)]);
    return { row, idx: Number(row.idx), key: row.key === null ? null : Number(row.key), grouping: group, options };
  });
  return statement.requests.map((req) => {
    const measures = [...req.measures];
    const wanted = new Set(groupings.filter((g) => req.groupings.some((r) => r.join(',') === g.join(','))));
    const answer: FamilyRow[] = [];
    for (const { row, idx, key, grouping: group, options } of decoded) {
      if (wanted.has(group)) answer.push({ idx, key, grouping: group, options, values: measures.map((m) => Number(row[m] ?? 0)) });
    }
    return answer;
  });
}
