import { Migration } from '@mikro-orm/migrations';

/** The state columns, in table order; every event names the ones it changes, the others change by 0. */
const COLUMNS = [
  'members', 'older', 'women', 'older_women', 'poor_near_poor', 'volunteers', 'board', 'meetings_to_date',
  'income_generation_funds', 'activity_funds', 'capital', 'ig_capital', 'loans_disbursed', 'amount_disbursed',
  'loans_due', 'loans_on_time', 'loans_outstanding', 'outstanding', 'overdue30', 'borrowers12m',
] as const;
type Column = (typeof COLUMNS)[number];

/** Amounts of money (đồng, bigint); the other columns are counts (int). */
const MONEY: readonly Column[] = ['capital', 'ig_capital', 'amount_disbursed', 'outstanding', 'overdue30'];
/** Counts stay int through the sums (bigint sums are numeric in PostgreSQL, several times slower to add). */
const type = (c: Column) => (MONEY.includes(c) ? 'bigint' : 'int');

/** One kind of event: a club, a month and what changes then. */
const event = (month: string, changes: Partial<Record<Column, string>>, from: string) =>
  `select club_id, ${month} as month, ${COLUMNS.map((c) => `(${changes[c] ?? '0'})::${type(c)}`).join(', ')} from ${from}`;

/** Per membership of the clubs rebuilt: its months of joining, leaving and turning 60, and its categories (both versions). */
const MEMBERSHIPS = `m as (
        select club_id, date_trunc('month', joined_on)::date as jm, date_trunc('month', left_on)::date as lm,
          greatest(date_trunc('month', joined_on), date_trunc('month', coalesce(birth_date, make_date(birth_year, 1, 1)) + interval '60 years'))::date as om,
          (sex = 'FEMALE')::int as f, (poverty_status in ('POOR', 'NEAR_POOR'))::int as poor,
          home_care_volunteer::int as vol, (board_role is not null)::int as brd
        from member where ids is null or club_id = any(ids)
      )`;

const INDEX_COLUMNS = (columns: readonly string[]) =>
  `create index "club_month_until_idx" on "club_month" ("until", "month") include ("club_id", ${columns.map((c) => `"${c}"`).join(', ')});`;

/**
 * club_month also follows the ledger and the loans (see ClubMonth), so fund, loan and borrower indicators for
 * whole months read the clubs' states instead of the 4-million-row ledger. Events, per club and month:
 * - every transaction: capital (inflows less expenses; loans only move money), of income-generation funds too;
 * - every loan: disbursed (count, principal) in its disbursement month, due (and repaid on time) in its due month;
 *   its balance (principal less repayments to date, never below 0, while outstanding) changes in its
 *   disbursement month, each repayment month and its closing month, and counts as over 30 days past due from
 *   the month whose end is 31 days or more after its due date;
 * - every borrower: counted from the month of a disbursement for 12 months (overlapping loans merged), within
 *   their membership.
 * Statement-level triggers on fund_transaction and loan rebuild the clubs a statement touched (the fund's club,
 * and for loans the borrower's club too), as member, meeting and fund changes already do.
 */
export class Migration20261128232024_club_month_ledger extends Migration {

  override async up(): Promise<void> {
    const added = COLUMNS.slice(COLUMNS.indexOf('capital'));
    this.addSql(`alter table "club_month" ${added.map((c) => `add column "${c}" ${type(c)} not null default 0`).join(', ')};`);

    // Memory for the sorts of a full rebuild (millions of loan months), which otherwise spill to disk; a rebuild
    // of a few clubs uses little of it.
    this.addSql(`create or replace function rebuild_club_months(ids int[]) returns void language sql set work_mem = '256MB' as $$
      delete from club_month where ids is null or club_id = any(ids);
      with ${MEMBERSHIPS},
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
      -- Each loan's balance at the end of every month it may change in: disbursement, repayments, closing, and
      -- 30 days past due while still open. Several events in one month are peers of the window: they all see
      -- the month's balance, and all but the first change nothing.
      loan_months as (
        select id, club_id, principal, dm, cm, om, dm as month, 0::bigint as repaid from loans
        union all select id, club_id, principal, dm, cm, om, cm, 0 from loans where cm is not null
        union all select id, club_id, principal, dm, cm, om, om, 0 from loans where cm is null or om < cm
        union all select l.id, l.club_id, l.principal, l.dm, l.cm, l.om, date_trunc('month', t.occurred_on)::date, t.amount
          from fund_transaction t join loans l on l.id = t.loan_id where t.kind = 'REPAYMENT'
      ),
      owed as (
        select id, club_id, month, om, (month >= dm and (cm is null or month < cm))::int as open,
          greatest(principal - sum(repaid) over (partition by id order by month), 0)::bigint as owed
        from loan_months
      ),
      -- What changes from the loan's previous month, summed per club and month.
      balance_changes as (
        select club_id, month, sum(d_open) as d_open, sum(d_balance) as d_balance, sum(d_overdue) as d_overdue from (
          select club_id, month, open - coalesce(lag(open) over w, 0) as d_open,
            open * owed - coalesce(lag(open * owed) over w, 0) as d_balance,
            open * owed * (month >= om)::int - coalesce(lag(open * owed * (month >= om)::int) over w, 0) as d_overdue
          from owed window w as (partition by id order by month)
        ) x group by 1, 2
      ),
      -- Borrowers: months covered by a disbursement in the 12 months to their end, merged per member, within
      -- the membership.
      disbursed as (
        select distinct l.borrower_id as member_id, date_trunc('month', l.disbursed_on)::date as month
        from loan l join member b on b.id = l.borrower_id where ids is null or b.club_id = any(ids)
      ),
      spells as (
        select member_id, min(month) as a, (max(month) + interval '12 months')::date as b from (
          select member_id, month, count(*) filter (where starts) over (partition by member_id order by month) as spell
          from (select member_id, month, coalesce(lag(month) over (partition by member_id order by month) + interval '12 months' <= month, true) as starts from disbursed) s
        ) x group by member_id, spell
      ),
      covered as (
        select b.club_id, greatest(s.a, date_trunc('month', b.joined_on)::date) as a, least(s.b, coalesce(date_trunc('month', b.left_on)::date, 'infinity')) as b
        from spells s join member b on b.id = s.member_id
      ),
      ev(club_id, month, ${COLUMNS.map((c) => `d_${c}`).join(', ')}) as (
        ${[
          event('jm', { members: '1', women: 'f', poor_near_poor: 'poor', volunteers: 'vol', board: 'brd' }, 'm'),
          event('lm', { members: '-1', women: '-f', poor_near_poor: '-poor', volunteers: '-vol', board: '-brd' }, 'm where lm is not null'),
          event('om', { older: '1', older_women: 'f' }, 'm where lm is null or om < lm'),
          event('lm', { older: '-1', older_women: '-f' }, 'm where lm is not null and om < lm'),
          event(`date_trunc('month', held_on)::date`, { meetings_to_date: '1' }, 'meeting where ids is null or club_id = any(ids)'),
          event(`date_trunc('month', opened_on)::date`, { income_generation_funds: `(kind = 'INCOME_GENERATION')::int`, activity_funds: `(kind = 'ACTIVITY')::int` }, 'fund where ids is null or club_id = any(ids)'),
          event('month', { capital: 'capital', ig_capital: `case when kind = 'INCOME_GENERATION' then capital else 0 end` }, 'money'),
          event('dm', { loans_disbursed: 'n', amount_disbursed: 'principal' }, '(select club_id, dm, count(*) as n, sum(principal) as principal from loans group by 1, 2) x'),
          event('um', { loans_due: 'n', loans_on_time: 'on_time' }, '(select club_id, um, count(*) as n, sum(on_time) as on_time from loans group by 1, 2) x'),
          event('month', { loans_outstanding: 'd_open', outstanding: 'd_balance', overdue30: 'd_overdue' }, 'balance_changes'),
          event('a', { borrowers12m: 'n' }, '(select club_id, a, count(*) as n from covered where a < b group by 1, 2) x'),
          event('b', { borrowers12m: '-n' }, '(select club_id, b, count(*) as n from covered where a < b group by 1, 2) x'),
        ].join('\n        union all ')}
      ), d as (
        select club_id, month, ${COLUMNS.map((c) => `sum(d_${c})::${type(c)} as ${c}`).join(', ')}
        from ev where ids is null or club_id = any(ids) group by club_id, month
      )
      insert into club_month (club_id, month, until, ${COLUMNS.join(', ')})
      select club_id, month, coalesce(lead(month) over w, 'infinity'), ${COLUMNS.map((c) => `sum(${c}) over w`).join(', ')}
      from d window w as (partition by club_id order by month);
    $$;`);

    // The clubs a ledger or loan statement touched: the funds' clubs, and for loans the borrowers' clubs.
    this.addSql(`create function club_months_after_ledger_change() returns trigger language plpgsql as $$
      declare
        borrower text := case when tg_table_name = 'loan' then 'borrower_id' else 'null::int' end;
        funds int[]; borrowers int[]; f int[]; b int[]; ids int[];
      begin
        if current_setting('ishc.bulk_load', true) = 'on' then return null; end if;
        if tg_op in ('INSERT', 'UPDATE') then
          execute format('select array_agg(fund_id), array_agg(%s) from new_rows', borrower) into funds, borrowers;
        end if;
        if tg_op in ('DELETE', 'UPDATE') then
          execute format('select array_agg(fund_id), array_agg(%s) from old_rows', borrower) into f, b;
          funds := funds || f;
          borrowers := borrowers || b;
        end if;
        select array_agg(distinct club_id) into ids from (
          select club_id from fund where id = any(funds) union select club_id from member where id = any(borrowers)) x;
        if ids is not null then perform rebuild_club_months(ids); end if;
        return null;
      end $$;`);
    for (const table of ['fund_transaction', 'loan']) {
      this.addSql(`create trigger ${table}_months_insert after insert on "${table}" referencing new table as new_rows for each statement execute function club_months_after_ledger_change();`);
      this.addSql(`create trigger ${table}_months_update after update on "${table}" referencing old table as old_rows new table as new_rows for each statement execute function club_months_after_ledger_change();`);
      this.addSql(`create trigger ${table}_months_delete after delete on "${table}" referencing old table as old_rows for each statement execute function club_months_after_ledger_change();`);
    }

    // A national database takes tens of seconds: longer than the hub's statement timeout. The index and the
    // foreign key (checked row by row) are put back once, after the rebuild.
    this.addSql('set local statement_timeout = 0;');
    this.addSql('drop index "club_month_until_idx";');
    this.addSql('alter table "club_month" drop constraint "club_month_club_id_foreign";');
    this.addSql('select rebuild_club_months(null);');
    this.addSql(INDEX_COLUMNS(COLUMNS));
    this.addSql(`alter table "club_month" add constraint "club_month_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "club_month" ${added.map((c) => `alter column "${c}" drop default`).join(', ')};`);
    this.addSql('analyze "club_month";');
  }

  override async down(): Promise<void> {
    for (const table of ['fund_transaction', 'loan']) {
      for (const op of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists ${table}_months_${op} on "${table}";`);
    }
    this.addSql('drop function if exists club_months_after_ledger_change();');
    const before = COLUMNS.slice(0, COLUMNS.indexOf('capital'));
    this.addSql('drop index "club_month_until_idx";');
    this.addSql(`alter table "club_month" ${COLUMNS.slice(before.length).map((c) => `drop column "${c}"`).join(', ')};`);
    // rebuild_club_months as the club_month_ranges migration defined it.
    this.addSql(`create or replace function rebuild_club_months(ids int[]) returns void language sql as $$
      delete from club_month where ids is null or club_id = any(ids);
      with ${MEMBERSHIPS}, ev(club_id, month, d_members, d_older, d_women, d_older_women, d_poor, d_vol, d_board, d_meetings, d_ig, d_act) as (
        select club_id, jm, 1, 0, f, 0, poor, vol, brd, 0, 0, 0 from m
        union all select club_id, lm, -1, 0, -f, 0, -poor, -vol, -brd, 0, 0, 0 from m where lm is not null
        union all select club_id, om, 0, 1, 0, f, 0, 0, 0, 0, 0, 0 from m where lm is null or om < lm
        union all select club_id, lm, 0, -1, 0, -f, 0, 0, 0, 0, 0, 0 from m where lm is not null and om < lm
        union all select club_id, date_trunc('month', held_on)::date, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 from meeting where ids is null or club_id = any(ids)
        union all select club_id, date_trunc('month', opened_on)::date, 0, 0, 0, 0, 0, 0, 0, 0, (kind = 'INCOME_GENERATION')::int, (kind = 'ACTIVITY')::int
          from fund where ids is null or club_id = any(ids)
      ), d as (
        select club_id, month, sum(d_members) as a, sum(d_older) as b, sum(d_women) as c, sum(d_older_women) as e,
          sum(d_poor) as g, sum(d_vol) as h, sum(d_board) as i, sum(d_meetings) as j, sum(d_ig) as k, sum(d_act) as l
        from ev group by club_id, month
      )
      insert into club_month (club_id, month, until, members, older, women, older_women, poor_near_poor, volunteers, board, meetings_to_date,
        income_generation_funds, activity_funds)
      select club_id, month, coalesce(lead(month) over w, 'infinity'), sum(a) over w, sum(b) over w, sum(c) over w, sum(e) over w,
        sum(g) over w, sum(h) over w, sum(i) over w, sum(j) over w, sum(k) over w, sum(l) over w
      from d window w as (partition by club_id order by month);
    $$;`);
    this.addSql(INDEX_COLUMNS(before));
    this.addSql('set local statement_timeout = 0;');
    this.addSql('select rebuild_club_months(null);');
  }

}
