import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { fromGlobalId, toGlobalId } from '../../src/graphql/global-id';
import { ok } from '../write/support';
import { TestHub } from '../support/hub';
import { placeMonthDifferences, startWithTwoClubs } from '../support/place-month';
import { Structure, TableCheck } from './expected';

/**
 * club_month is kept by triggers inside every write. After writes through the API (and statements the API
 * does not make: deletes, several clubs at once, a bulk load), its rows must equal both an independent count
 * of the members, meetings, funds, ledger entries, loans and supervision visits at every month end and a rebuild from scratch; and
 * the indicators that read it must equal independent SQL.
 */
let hub: TestHub;
let db: Client;

const INDICATORS = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'operations', 'indicator', 'Indicators.graphql'), 'utf8');
const A = 'CM-HT-1';
const B = 'CM-DL-1';
const IDS = [
  'active_clubs',
  'members',
  'older_members',
  'older_women_share',
  'women_share',
  'poor_near_poor_share',
  'clubs_50_70_members',
  'home_care_volunteers_per_club',
  'meeting_regularity',
  'clubs_both_funds',
  'clubs_fully_active',
  'commune_coverage',
  'fund_capital',
  'income_generation_fund_capital',
  'loans_outstanding',
  'on_time_repayment_rate',
  'portfolio_overdue_30',
  'average_loan_size',
  'members_borrowed_12m',
  'clubs_supervised_12m',
  'clubs_rated_weak',
];
// Whole months (read from club_month) and a range of days (counted from the records).
const PERIODS = ['2023', '202306', '2024Q1', '2024', '2025', '2024-01-01..2024-06-15'];

beforeAll(async () => {
  // Dozens of tables of every indicator in a minute, several over day ranges: more than a key's default budget.
  ({ hub, db } = await startWithTwoClubs(A, B));
}, 60_000);

afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

const add = async (clubCode: string, input: Record<string, unknown>) =>
  ok(await hub.operation('member/AddMember.graphql', { input: { fullName: 'Nguyễn Thị Lan', sex: 'FEMALE', povertyStatus: 'NOT_POOR', ...input, clubCode } })).addMember
    .member as { id: string; version: number };
const meet = async (clubCode: string, heldOn: string) => ok(await hub.operation('club/RecordMeeting.graphql', { input: { clubCode, heldOn, attendance: 30 } }));
const version = async (code: string) => (await db.query<{ version: number }>('select version from club where code = $1', [code])).rows[0].version;

/** What a loan still owes at day d.d: its principal less its repayments to that day, never below 0. */
const OWED = `greatest(l.principal - (select coalesce(sum(t.amount), 0) from fund_transaction t
  where t.loan_id = l.id and t.kind = 'REPAYMENT' and t.occurred_on <= d.d), 0)`;
const LEDGER_COLUMNS = ['capital', 'ig_capital', 'loans_disbursed', 'amount_disbursed', 'loans_due', 'loans_on_time', 'loans_outstanding', 'outstanding', 'overdue30', 'borrowers12m'];
const SUPERVISION_COLUMNS = ['supervised12m', 'rated', 'weak'];

/** Rows of club_month that differ from the members, meetings, funds, ledger and loans counted directly at every month end. */
async function differencesFromRecords(): Promise<unknown[]> {
  const { rows } = await db.query(`
    with d as (select (g + interval '1 month - 1 day')::date as d from generate_series(date '2018-01-01', date '2027-12-01', interval '1 month') g),
    open_m as (select d.d, m.* from d join member m on m.joined_on <= d.d and (m.left_on is null or m.left_on > d.d)),
    club_loan as (select f.club_id, l.* from loan l join fund f on f.id = l.fund_id),
    counted as (
      select c.id as club_id, d.d,
        (select count(*) from open_m o where o.club_id = c.id and o.d = d.d)::int as members,
        (select count(*) from open_m o where o.club_id = c.id and o.d = d.d and coalesce(o.birth_date, make_date(o.birth_year, 1, 1)) <= (d.d - interval '60 years')::date)::int as older,
        (select count(*) from open_m o where o.club_id = c.id and o.d = d.d and o.sex = 'FEMALE')::int as women,
        (select count(*) from open_m o where o.club_id = c.id and o.d = d.d and o.sex = 'FEMALE'
          and coalesce(o.birth_date, make_date(o.birth_year, 1, 1)) <= (d.d - interval '60 years')::date)::int as older_women,
        (select count(*) from open_m o where o.club_id = c.id and o.d = d.d and o.poverty_status <> 'NOT_POOR')::int as poor_near_poor,
        (select count(*) from open_m o where o.club_id = c.id and o.d = d.d and o.home_care_volunteer)::int as volunteers,
        (select count(*) from open_m o where o.club_id = c.id and o.d = d.d and o.board_role is not null)::int as board,
        (select count(*) from meeting x where x.club_id = c.id and x.held_on <= d.d)::int as meetings_to_date,
        (select count(*) from fund f where f.club_id = c.id and f.kind = 'INCOME_GENERATION' and f.opened_on <= d.d)::int as income_generation_funds,
        (select count(*) from fund f where f.club_id = c.id and f.kind = 'ACTIVITY' and f.opened_on <= d.d)::int as activity_funds,
        (select coalesce(sum(case when t.kind in ('CONTRIBUTION', 'MEMBER_FEE', 'INTEREST') then t.amount when t.kind = 'EXPENSE' then -t.amount else 0 end), 0)
          from fund_transaction t join fund f on f.id = t.fund_id where f.club_id = c.id and t.occurred_on <= d.d)::bigint as capital,
        (select coalesce(sum(case when t.kind in ('CONTRIBUTION', 'MEMBER_FEE', 'INTEREST') then t.amount when t.kind = 'EXPENSE' then -t.amount else 0 end), 0)
          from fund_transaction t join fund f on f.id = t.fund_id where f.club_id = c.id and f.kind = 'INCOME_GENERATION' and t.occurred_on <= d.d)::bigint as ig_capital,
        (select count(*) from club_loan l where l.club_id = c.id and l.disbursed_on <= d.d)::int as loans_disbursed,
        (select coalesce(sum(l.principal), 0) from club_loan l where l.club_id = c.id and l.disbursed_on <= d.d)::bigint as amount_disbursed,
        (select count(*) from club_loan l where l.club_id = c.id and l.due_on <= d.d)::int as loans_due,
        (select count(*) from club_loan l where l.club_id = c.id and l.due_on <= d.d and l.status = 'REPAID' and l.closed_on <= l.due_on)::int as loans_on_time,
        (select count(*) from club_loan l where l.club_id = c.id and l.disbursed_on <= d.d and (l.closed_on is null or l.closed_on > d.d))::int as loans_outstanding,
        (select coalesce(sum(${OWED}), 0) from club_loan l
          where l.club_id = c.id and l.disbursed_on <= d.d and (l.closed_on is null or l.closed_on > d.d))::bigint as outstanding,
        (select coalesce(sum(${OWED}), 0) from club_loan l
          where l.club_id = c.id and l.disbursed_on <= d.d and (l.closed_on is null or l.closed_on > d.d) and l.due_on < d.d - 30)::bigint as overdue30,
        (select count(*) from open_m o where o.club_id = c.id and o.d = d.d and exists (select 1 from loan l where l.borrower_id = o.id
          and l.disbursed_on between (d.d - interval '12 months' + interval '1 day')::date and d.d))::int as borrowers12m,
        exists (select 1 from supervision_visit v where v.club_id = c.id and v.visited_on between (d.d - interval '12 months' + interval '1 day')::date and d.d)::int as supervised12m,
        exists (select 1 from supervision_visit v where v.club_id = c.id and v.visited_on <= d.d)::int as rated,
        coalesce((select (v.rating = 'WEAK')::int from supervision_visit v where v.club_id = c.id and v.visited_on <= d.d order by v.visited_on desc, v.id desc limit 1), 0) as weak
      from club c cross join d),
    held as (
      select c.id as club_id, d.d, count(s.*)::int as rows, coalesce(max(s.members), 0) as members, coalesce(max(s.older), 0) as older,
        coalesce(max(s.women), 0) as women, coalesce(max(s.older_women), 0) as older_women, coalesce(max(s.poor_near_poor), 0) as poor_near_poor,
        coalesce(max(s.volunteers), 0) as volunteers, coalesce(max(s.board), 0) as board, coalesce(max(s.meetings_to_date), 0) as meetings_to_date,
        coalesce(max(s.income_generation_funds), 0) as income_generation_funds, coalesce(max(s.activity_funds), 0) as activity_funds,
        ${[...LEDGER_COLUMNS, ...SUPERVISION_COLUMNS].map((column) => `coalesce(max(s.${column}), 0) as ${column}`).join(', ')}
      from club c cross join d left join club_month s on s.club_id = c.id and d.d between s.month and s.until - 1
      group by 1, 2)
    select h.club_id, h.d::text, h.rows, to_jsonb(c) - 'club_id' - 'd' as counted, to_jsonb(h) - 'club_id' - 'd' - 'rows' as held
    from counted c join held h using (club_id, d)
    where h.rows > 1 or to_jsonb(c) - 'club_id' - 'd' <> to_jsonb(h) - 'club_id' - 'd' - 'rows'
    order by 1, 2 limit 5`);
  return rows;
}

/** Rows of club_month that a rebuild from scratch would not write, or would write differently. */
async function differencesFromRebuild(): Promise<number> {
  await db.query('begin');
  try {
    await db.query('create temp table kept on commit drop as select * from club_month');
    await db.query('select rebuild_club_months(null)');
    const { rows } = await db.query<{ n: number }>(
      `select ((select count(*) from (select * from kept except select * from club_month) x) + (select count(*) from (select * from club_month except select * from kept) y))::int as n`,
    );
    return rows[0].n;
  } finally {
    await db.query('rollback');
  }
}

async function expectStateExact() {
  expect(await differencesFromRecords()).toEqual([]);
  expect(await differencesFromRebuild()).toBe(0);
  // The place-month sums follow club_month's rewrites (see test/indicator/place-month.test.ts).
  expect(await placeMonthDifferences(db)).toEqual([]);
}

/** Every indicator of IDS for the clubs' communes, district, province and the nation equals independent SQL. */
async function expectIndicatorsExact() {
  const definitions = ok(await hub.operation('indicator/IndicatorDefinitions.graphql')).indicatorDefinitions as Array<{ id: string; unit: string; denominator: string | null }>;
  const tables = new TableCheck(hub.orm, definitions);
  for (const structure of ['POST_2025', 'PRE_2025'] as Structure[]) {
    const { rows: units } = await db.query<{ code: string }>(
      `select distinct u.code from club c join admin_unit u on u.id = c.commune_${structure === 'PRE_2025' ? 'pre2025' : 'post2025'}_id`,
    );
    // The clubs' communes and provinces, and the nation.
    const answers = await Promise.all(
      [{ units: [...units.map((u) => u.code), '42', '66'].map((code) => ({ structure, code })) }, {}].map((where) =>
        hub.graphql(INDICATORS, { structure, ids: IDS, periods: PERIODS, ...where }),
      ),
    );
    for (const answer of answers) await tables.check(structure, ok(answer).indicators.rows);
  }
  expect(tables.mismatches.slice(0, 10)).toEqual([]);
}

describe('club_month after writes', () => {
  it('follows members joining, meetings and funds opening', async () => {
    for (const [i, birthYear] of [1950, 1955, 1962, 1963, 1975, 1990].entries()) {
      await add(A, { birthYear, sex: i % 3 ? 'FEMALE' : 'MALE', povertyStatus: i % 2 ? 'POOR' : 'NOT_POOR', joinedOn: i < 4 ? '2019-06-01' : '2023-05-10', homeCareVolunteer: i < 2, boardRole: i === 0 ? 'CHAIR' : undefined });
    }
    for (const birthYear of [1948, 1964, 1985]) await add(B, { birthYear, birthDate: `${birthYear}-08-20`, joinedOn: '2021-02-01' });
    for (const heldOn of ['2022-12-20', '2023-01-15', '2023-02-15', '2023-06-15', '2023-06-28', '2024-01-15', '2024-06-20']) await meet(A, heldOn);
    for (const heldOn of ['2023-03-10', '2024-02-10', '2024-06-10']) await meet(B, heldOn);
    ok(await hub.operation('fund/OpenFund.graphql', { input: { clubCode: A, kind: 'INCOME_GENERATION', openedOn: '2020-01-10' } }));
    ok(await hub.operation('fund/OpenFund.graphql', { input: { clubCode: A, kind: 'ACTIVITY', openedOn: '2023-07-01' } }));
    ok(await hub.operation('fund/OpenFund.graphql', { input: { clubCode: B, kind: 'INCOME_GENERATION', openedOn: '2022-03-01' } }));
    await expectStateExact();
    await expectIndicatorsExact();
  }, 120_000);

  it('follows members edited and leaving', async () => {
    const { rows } = await db.query<{ id: number; version: number }>(`select m.id, m.version from member m join club c on c.id = m.club_id where c.code = $1 order by m.id`, [A]);
    const member = (n: number) => ({ id: toGlobalId('Member', rows[n].id), expectedVersion: rows[n].version });
    // Older by a correction of the birth year; joined earlier; no longer poor; off the board.
    ok(await hub.operation('member/UpdateMember.graphql', { input: { ...member(4), birthYear: 1958 } }));
    ok(await hub.operation('member/UpdateMember.graphql', { input: { ...member(5), joinedOn: '2020-03-01', povertyStatus: 'NEAR_POOR' } }));
    ok(await hub.operation('member/UpdateMember.graphql', { input: { ...member(0), boardRole: null } }));
    ok(await hub.operation('member/RecordMemberLeaving.graphql', { input: { ...member(1), leftOn: '2024-03-31', reason: 'HEALTH' } }));
    await expectStateExact();
    await expectIndicatorsExact();
  }, 120_000);

  it('follows a club moving commune and a club dissolved', async () => {
    ok(await hub.operation('club/MoveClub.graphql', { input: { code: B, expectedVersion: await version(B), communePre2025: '18766' } }));
    ok(await hub.operation('club/DissolveClub.graphql', { input: { code: A, expectedVersion: await version(A), dissolvedOn: '2024-09-30' } }));
    await expectStateExact();
    await expectIndicatorsExact();
  }, 120_000);

  it('follows statements the API does not make: deletes, several clubs at once, fund edits', async () => {
    await db.query(`delete from meeting where held_on between '2023-06-01' and '2024-02-28'`);
    await db.query(`delete from member where id = (select min(m.id) from member m join club c on c.id = m.club_id where c.code = $1)`, [B]);
    await db.query(`insert into meeting (club_id, held_on, attendance, activity_areas)
      select id, date '2024-07-07', 20, '{}' from club`);
    await db.query(`update fund set opened_on = '2023-12-31' where kind = 'INCOME_GENERATION'`);
    await db.query(`update fund set version = version + 1`);
    await expectStateExact();
    await db.query(`update fund f set club_id = (select id from club where code = $1) where kind = 'ACTIVITY'`, [B]);
    await db.query(`delete from fund where kind = 'INCOME_GENERATION' and club_id = (select id from club where code = $1)`, [A]);
    await expectStateExact();
    await expectIndicatorsExact();
  }, 120_000);

  it('is rebuilt once after a bulk load, which the triggers skip', async () => {
    await db.query('begin');
    await db.query(`set local ishc.bulk_load = 'on'`);
    await db.query(`insert into fund (club_id, kind, opened_on, version) select id, 'INCOME_GENERATION', date '2021-05-05', 1 from club
      where not exists (select 1 from fund f where f.club_id = club.id and f.kind = 'INCOME_GENERATION')`);
    await db.query(`insert into meeting (club_id, held_on, attendance, activity_areas) select id, date '2021-09-09', 20, '{}' from club`);
    expect((await differencesFromRecords()).length).toBeGreaterThan(0);
    await db.query('select rebuild_club_months(null)');
    // What is derived from club_month is rebuilt after it, as the seed does.
    await db.query('select rebuild_place_month()');
    await db.query('commit');
    await expectStateExact();
    await expectIndicatorsExact();
  }, 120_000);

  it('follows the ledger and the loans: entries, disbursements, repayments, arrears and borrowers', async () => {
    const fund = async (code: string, kind: string) =>
      (await db.query<{ id: number }>(`select f.id from fund f join club c on c.id = f.club_id where c.code = $1 and f.kind = $2 order by f.id limit 1`, [code, kind])).rows[0].id;
    const members = (await db.query<{ id: number }>(`select m.id from member m join club c on c.id = m.club_id where c.code = $1 and m.left_on is null order by m.id`, [B])).rows;
    const [income, activity] = [toGlobalId('Fund', await fund(B, 'INCOME_GENERATION')), toGlobalId('Fund', await fund(B, 'ACTIVITY'))];
    const [first, second] = members.map((m) => toGlobalId('Member', m.id));
    const entry = (fundId: string, kind: string, amount: string, occurredOn: string) =>
      hub.operation('fund/RecordFundTransaction.graphql', { input: { fundId, kind, amount, occurredOn } });
    ok(await entry(income, 'CONTRIBUTION', '5000000', '2024-01-05'));
    ok(await entry(income, 'INTEREST', '30000', '2024-05-20'));
    ok(await entry(activity, 'MEMBER_FEE', '200000', '2024-01-31'));
    ok(await entry(activity, 'EXPENSE', '50000', '2024-02-01'));
    const lend = async (borrowerId: string, principal: string, disbursedOn: string, dueOn: string) =>
      ok(await hub.operation('fund/DisburseLoan.graphql', { input: { fundId: income, borrowerId, principal, disbursedOn, dueOn } })).disburseLoan.loan.id as string;
    const repay = async (loanId: string, amount: string, paidOn: string) => ok(await hub.operation('fund/RecordRepayment.graphql', { input: { loanId, amount, paidOn } }));
    // Repaid in two parts, the last on its due day (on time); another loan to the same borrower 11 months
    // later (one spell of borrowing); a loan partly repaid and then over 30 days past due; one repaid late.
    const early = await lend(first, '1000000', '2024-01-10', '2024-07-10');
    await repay(early, '400000', '2024-03-15');
    await repay(early, '600000', '2024-07-10');
    const later = await lend(first, '800000', '2024-12-05', '2025-06-05');
    const arrears = await lend(second, '1500000', '2024-02-20', '2024-05-31');
    await repay(arrears, '500000', '2024-04-02');
    const late = await lend(second, '300000', '2025-03-01', '2025-04-01');
    await repay(late, '300000', '2025-06-15');
    await repay(later, '200000', '2025-01-20');
    await expectStateExact();
    await expectIndicatorsExact();

    // What the API does not do: a write-off, a corrected due date, a deleted entry, a repayment above the
    // balance, and a loan from one club's fund to another club's member (both clubs' borrowers and loans move).
    await db.query(`update loan set status = 'WRITTEN_OFF', closed_on = '2025-02-28' where id = $1`, [Number(fromGlobalId(arrears)!.key)]);
    await db.query(`update loan set due_on = '2025-09-30' where principal = 800000`);
    await db.query(`delete from fund_transaction where kind = 'INTEREST'`);
    await db.query(`insert into fund_transaction (fund_id, occurred_on, kind, amount, loan_id)
      select fund_id, date '2025-08-01', 'REPAYMENT', 900000, id from loan where principal = 800000`);
    await db.query(`insert into loan (fund_id, borrower_id, principal, disbursed_on, due_on, instalments, status, version)
      select $1, m.id, 250000, date '2024-06-01', date '2024-09-01', 1, 'CURRENT', 1
      from member m join club c on c.id = m.club_id where c.code = $2 order by m.id limit 1`, [await fund(B, 'INCOME_GENERATION'), A]);
    await expectStateExact();
    await expectIndicatorsExact();
    await db.query(`delete from loan where principal = 250000`);
    await expectStateExact();

    // Cases the rebuild takes apart: a repayment months after the loan was closed, and a second disbursement
    // to the same borrower in the same month.
    const afterClosing = await db.query(`insert into fund_transaction (fund_id, occurred_on, kind, amount, loan_id)
      select fund_id, date '2025-09-10', 'REPAYMENT', 100000, id from loan where principal = 300000 and closed_on < '2025-08-01'`);
    const sameMonth = await db.query(`insert into loan (fund_id, borrower_id, principal, disbursed_on, due_on, instalments, status, version)
      select fund_id, borrower_id, 120000, date '2024-12-20', date '2025-03-20', 1, 'CURRENT', 1 from loan where principal = 800000`);
    expect([afterClosing.rowCount, sameMonth.rowCount]).toEqual([1, 1]);
    await expectStateExact();

    // Loans whose balance is not a plain difference of their events keep the running balance: a repayment
    // dated before its loan was disbursed (within the principal), and a loan closed before its disbursement.
    const loan = await db.query<{ id: number; fund_id: number }>(`insert into loan (fund_id, borrower_id, principal, disbursed_on, due_on, instalments, status, version)
      select fund_id, borrower_id, 500000, date '2025-02-10', date '2025-05-10', 1, 'CURRENT', 1 from loan where principal = 800000 returning id, fund_id`);
    await db.query(`insert into fund_transaction (fund_id, occurred_on, kind, amount, loan_id) values ($1, date '2025-01-25', 'REPAYMENT', 100000, $2)`, [loan.rows[0].fund_id, loan.rows[0].id]);
    await db.query(`insert into loan (fund_id, borrower_id, principal, disbursed_on, due_on, instalments, status, version, closed_on)
      select fund_id, borrower_id, 90000, date '2025-05-10', date '2025-08-10', 1, 'REPAID', 1, date '2025-04-20' from loan where principal = 800000`);
    await expectStateExact();
  }, 180_000);

  it('follows supervision visits: several in a month and on one day, corrected, deleted, for several clubs at once', async () => {
    const visit = async (clubCode: string, visitedOn: string, rating: string) =>
      ok(await hub.operation('supervision/RecordSupervisionVisit.graphql', { input: { clubCode, visitedOn, rating, visitingLevel: 'COMMUNE', scores: [] } }));
    // A: GOOD then WEAK in March 2022 (WEAK from then on), and 14 months later a second spell of 12 months.
    await visit(A, '2022-03-10', 'GOOD');
    await visit(A, '2022-03-25', 'WEAK');
    await visit(A, '2023-05-01', 'FAIR');
    // B: two on one day (the one recorded last counts), then within 12 months (one spell), then much later.
    await visit(B, '2023-01-15', 'WEAK');
    await visit(B, '2023-01-15', 'GOOD');
    await visit(B, '2023-11-30', 'WEAK');
    await visit(B, '2025-02-01', 'GOOD');
    await expectStateExact();
    await expectIndicatorsExact();

    await db.query(`update supervision_visit set visited_on = '2024-02-29', rating = 'WEAK' where visited_on = '2023-05-01'`);
    await db.query(`delete from supervision_visit where visited_on = '2023-11-30'`);
    await db.query(`insert into supervision_visit (club_id, visited_on, visiting_level, scores, rating, version)
      select id, date '2024-06-30', 'PROVINCE', '{}', 'FAIR', 1 from club`);
    await expectStateExact();
    await expectIndicatorsExact();
  }, 120_000);
});
