import { Migration } from '@mikro-orm/migrations';

/**
 * rebuild_club_months with loan balances as per-month differences, without sorting every loan's events (the
 * national seed spent about a quarter of the rebuild sorting 3.8 million loan events to a running balance).
 *
 * A loan's share of a club's state at month M is f(M): open (disbursed by M, not closed by M), its balance
 * while open (principal less the repayments made by M, before the closing month; never below 0) and that
 * balance again from the month 30 days past due. Rows of club_month start at every month in which one of its
 * loans has an event (disbursement, closing, 30 days late while open, a repayment before closing), changed or
 * not. A "regular" loan — closed, if at all, not before its disbursement month, no repayment before it, and its
 * repayments before the closing month summing to at most the principal — has a balance that never reaches the
 * floor, so f is linear in its events: +principal at the disbursement, −amount at each repayment, and what is
 * left taken away at the closing month (and from the month 30 days late, the balance then). Those differences
 * fall on the same months as before, so club_month gets the same rows. Other loans (the demo has none; a write
 * can make one) keep the running balance over their events, as before.
 *
 * The loans' own events (disbursements, due dates, balance changes) are summed per club and month in one narrow
 * grouping before they meet the other events. The rest is unchanged (Migration20261207170000_club_month_cheaper).
 */
const COLUMNS = [
  'members', 'older', 'women', 'older_women', 'poor_near_poor', 'volunteers', 'board', 'meetings_to_date',
  'income_generation_funds', 'activity_funds', 'capital', 'ig_capital', 'loans_disbursed', 'amount_disbursed',
  'loans_due', 'loans_on_time', 'loans_outstanding', 'outstanding', 'overdue30', 'borrowers12m',
] as const;
type Column = (typeof COLUMNS)[number];
/** The columns membership events change. */
const MEMBER_COLUMNS: readonly Column[] = ['members', 'older', 'women', 'older_women', 'poor_near_poor', 'volunteers', 'board'];
/** The columns loans' own events change. */
const LOAN_COLUMNS: readonly Column[] = ['loans_disbursed', 'amount_disbursed', 'loans_due', 'loans_on_time', 'loans_outstanding', 'outstanding', 'overdue30'];

/** Amounts of money (đồng, bigint); the other columns are counts (int). */
const MONEY: readonly Column[] = ['capital', 'ig_capital', 'amount_disbursed', 'outstanding', 'overdue30'];
/** Counts stay int through the sums (bigint sums are numeric in PostgreSQL, several times slower to add). */
const type = (c: Column) => (MONEY.includes(c) ? 'bigint' : 'int');

/** One kind of event over `columns`: a club, a month and what changes then. */
const event = (columns: readonly Column[], month: string, changes: Partial<Record<Column, string>>, from: string) =>
  `select club_id, ${month} as month, ${columns.map((c) => `(${changes[c] ?? '0'})::${type(c)} as ${c}`).join(', ')} from ${from}`;
const sums = (columns: readonly Column[]) => columns.map((c) => `sum(${c})::${type(c)} as ${c}`).join(', ');

const rebuildClubMonths = () => `create or replace function rebuild_club_months(ids int[]) returns void language sql set work_mem = '256MB' as $$
      delete from club_month where ids is null or club_id = any(ids);
      with m as (
        select club_id, date_trunc('month', joined_on)::date as jm, date_trunc('month', left_on)::date as lm,
          greatest(date_trunc('month', joined_on), date_trunc('month', coalesce(birth_date, make_date(birth_year, 1, 1)) + interval '60 years'))::date as om,
          (sex = 'FEMALE')::int as f, (poverty_status in ('POOR', 'NEAR_POOR'))::int as poor,
          home_care_volunteer::int as vol, (board_role is not null)::int as brd
        from member where ids is null or club_id = any(ids)
      ),
      -- Joining, leaving and turning 60, per club and month.
      memberships as (
        select club_id, month, ${sums(MEMBER_COLUMNS)} from (
          ${[
            event(MEMBER_COLUMNS, 'jm', { members: '1', women: 'f', poor_near_poor: 'poor', volunteers: 'vol', board: 'brd' }, 'm'),
            event(MEMBER_COLUMNS, 'lm', { members: '-1', women: '-f', poor_near_poor: '-poor', volunteers: '-vol', board: '-brd' }, 'm where lm is not null'),
            event(MEMBER_COLUMNS, 'om', { older: '1', older_women: 'f' }, 'm where lm is null or om < lm'),
            event(MEMBER_COLUMNS, 'lm', { older: '-1', older_women: '-f' }, 'm where lm is not null and om < lm'),
          ].join('\n          union all ')}
        ) e group by 1, 2
      ),
      -- Money per fund and month, with the fund's club and kind.
      money as (
        select f.club_id, f.kind, date_trunc('month', t.occurred_on)::date as month,
          sum(case when t.kind in ('CONTRIBUTION', 'MEMBER_FEE', 'INTEREST') then t.amount when t.kind = 'EXPENSE' then -t.amount else 0 end) as capital
        from fund f join fund_transaction t on t.fund_id = f.id and t.kind in ('CONTRIBUTION', 'MEMBER_FEE', 'INTEREST', 'EXPENSE')
        where ids is null or f.club_id = any(ids)
        group by 1, 2, 3
      ),
      loans as (
        select l.id, f.club_id, l.principal, date_trunc('month', l.disbursed_on)::date as dm, date_trunc('month', l.due_on)::date as um,
          date_trunc('month', l.closed_on)::date as cm, date_trunc('month', l.due_on + 31)::date as om,
          (l.status = 'REPAID' and l.closed_on <= l.due_on)::int as on_time
        from loan l join fund f on f.id = l.fund_id
        where ids is null or f.club_id = any(ids)
      ),
      -- Repayments before the loan's closing month (from the closing month on its balance is 0).
      repaid as (
        select l.id, l.club_id, l.om, date_trunc('month', t.occurred_on)::date as month, t.amount
        from fund_transaction t join loans l on l.id = t.loan_id
        where t.kind = 'REPAYMENT' and (l.cm is null or date_trunc('month', t.occurred_on) < l.cm)
      ),
      -- Per loan: whether it is regular (see above), what it repaid before closing and by the month 30 days late.
      kinds as (
        select l.id, l.club_id, l.principal, l.dm, l.cm, l.om, coalesce(r.total, 0) as total, coalesce(r.by_late, 0) as by_late,
          (l.cm is null or l.cm >= l.dm) and coalesce(r.first, l.dm) >= l.dm and coalesce(r.total, 0) <= l.principal as regular
        from loans l left join (
          select id, sum(amount)::bigint as total, coalesce(sum(amount) filter (where month <= om), 0)::bigint as by_late, min(month) as first
          from repaid group by id
        ) r on r.id = l.id
      ),
      -- Irregular loans: the balance at the end of every month it may change in (disbursement, which carries the
      -- principal, repayments before the closing month, closing, and 30 days past due while still open), as a
      -- running sum over the loan's events; several events in one month are peers and see the month's balance.
      loan_months as (
        select id, club_id, month, amount, (month >= dm and (cm is null or month < cm))::int as open, (month >= om)::int as late from (
          select id, club_id, dm, cm, om, dm as month, principal as amount from kinds where not regular
          union all select id, club_id, dm, cm, om, cm, 0 from kinds where not regular and cm is not null
          union all select id, club_id, dm, cm, om, om, 0 from kinds where not regular and (cm is null or om < cm)
          union all select k.id, k.club_id, k.dm, k.cm, k.om, r.month, -r.amount from repaid r join kinds k on k.id = r.id and not k.regular
        ) e
      ),
      owed as (
        select id, club_id, month, open, late, greatest(sum(amount) over (partition by id order by month), 0)::bigint as owed
        from loan_months
      ),
      -- What changes per loan and month: disbursed, due, and the changes of open loans, balance and balance 30 days late.
      loan_events(club_id, month, ${LOAN_COLUMNS.join(', ')}) as (
        ${[
          // Disbursed, and open with the principal owed (regular loans).
          `select club_id, dm, 1, principal, 0, 0, regular::int, case when regular then principal else 0 end, 0 from kinds`,
          `select club_id, um, 0, 0, 1, on_time, 0, 0, 0 from loans`,
          // Regular loans: closed (what is left leaves), 30 days late (the balance then), each repayment.
          `select club_id, cm, 0, 0, 0, 0, -1, -(principal - total), case when om < cm then -(principal - total) else 0 end from kinds where regular and cm is not null`,
          `select club_id, om, 0, 0, 0, 0, 0, 0, principal - by_late from kinds where regular and (cm is null or om < cm)`,
          `select r.club_id, r.month, 0, 0, 0, 0, 0, -r.amount, case when r.month > k.om then -r.amount else 0 end from repaid r join kinds k on k.id = r.id and k.regular`,
          // Irregular loans: what changes from the loan's previous month.
          `select club_id, month, 0, 0, 0, 0, open - coalesce(lag(open) over w, 0),
            open * owed - coalesce(lag(open * owed) over w, 0), open * owed * late - coalesce(lag(open * owed * late) over w, 0)
          from owed window w as (partition by id order by month)`,
        ].join('\n        union all ')}
      ),
      loan_changes as (
        select club_id, month, ${LOAN_COLUMNS.map((c) => `sum(${c})::${type(c)} as ${c}`).join(', ')} from loan_events group by 1, 2
      ),
      -- Borrowers: months covered by a disbursement in the 12 months to their end, merged per member, within
      -- the membership. A full rebuild reads the loans alone; a rebuild of some clubs, their borrowers' loans.
      -- Two disbursements in one month are peers: the second neither starts nor ends a spell.
      disbursed as (
        select l.borrower_id as member_id, date_trunc('month', l.disbursed_on)::date as month from loan l where ids is null
        union all
        select l.borrower_id, date_trunc('month', l.disbursed_on)::date
        from loan l join member b on b.id = l.borrower_id where b.club_id = any(ids)
      ),
      -- A spell starts with a disbursement 12 months or more after the previous one and lasts to 12 months after
      -- its last: each spell's last month, with the latest start up to it (one sort, no grouping).
      spells as (
        select member_id, a, (month + interval '12 months')::date as b from (
          select member_id, month, ends, max(case when starts then month end) over (partition by member_id order by month) as a
          from (
            select member_id, month, coalesce(lag(month) over w + interval '12 months' <= month, true) as starts,
              coalesce(month + interval '12 months' <= lead(month) over w, true) as ends
            from disbursed window w as (partition by member_id order by month)
          ) s
        ) x where ends
      ),
      covered as (
        select b.club_id, greatest(s.a, date_trunc('month', b.joined_on)::date) as a, least(s.b, coalesce(date_trunc('month', b.left_on)::date, 'infinity')) as b
        from spells s join member b on b.id = s.member_id
      ),
      ev(club_id, month, ${COLUMNS.map((c) => `d_${c}`).join(', ')}) as (
        ${[
          event(COLUMNS, 'month', Object.fromEntries(MEMBER_COLUMNS.map((c) => [c, c])), 'memberships'),
          event(COLUMNS, `date_trunc('month', held_on)::date`, { meetings_to_date: '1' }, 'meeting where ids is null or club_id = any(ids)'),
          event(COLUMNS, `date_trunc('month', opened_on)::date`, { income_generation_funds: `(kind = 'INCOME_GENERATION')::int`, activity_funds: `(kind = 'ACTIVITY')::int` }, 'fund where ids is null or club_id = any(ids)'),
          event(COLUMNS, 'month', { capital: 'capital', ig_capital: `case when kind = 'INCOME_GENERATION' then capital else 0 end` }, 'money'),
          event(COLUMNS, 'month', Object.fromEntries(LOAN_COLUMNS.map((c) => [c, c])), 'loan_changes'),
          event(COLUMNS, 'a', { borrowers12m: 'n' }, '(select club_id, a, count(*) as n from covered where a < b group by 1, 2) x'),
          event(COLUMNS, 'b', { borrowers12m: '-n' }, '(select club_id, b, count(*) as n from covered where a < b group by 1, 2) x'),
        ].join('\n        union all ')}
      ), d as (
        select club_id, month, ${COLUMNS.map((c) => `sum(d_${c})::${type(c)} as ${c}`).join(', ')}
        from ev where ids is null or club_id = any(ids) group by club_id, month
      )
      insert into club_month (club_id, month, until, ${COLUMNS.join(', ')})
      select club_id, month, coalesce(lead(month) over w, 'infinity'), ${COLUMNS.map((c) => `sum(${c}) over w`).join(', ')}
      from d window w as (partition by club_id order by month);
    $$;`;

export class Migration20261208000100_club_month_linear_loans extends Migration {

  override async up(): Promise<void> {
    this.addSql(rebuildClubMonths());
  }

}
