import { Migration } from '@mikro-orm/migrations';

/**
 * club_month rows hold until the club's next row (`until`) and count the funds opened to date. A covering
 * index on (until, month) makes the state of every club at a day one index-only range scan instead of one
 * probe per club; fund openings are kept by triggers on `fund` like members and meetings.
 */
export class Migration20261128212016_club_month_ranges extends Migration {

  override async up(): Promise<void> {
    // The rows are derived: emptied here and rebuilt at the end with the new columns.
    this.addSql(`delete from "club_month";`);
    this.addSql(`alter table "club_month" add column "until" date not null, add column "income_generation_funds" int not null, add column "activity_funds" int not null;`);
    this.addSql(`create index "club_month_until_idx" on "club_month" ("until", "month") include ("club_id", "members", "older", "women", "older_women", "poor_near_poor", "volunteers", "board", "meetings_to_date", "income_generation_funds", "activity_funds");`);
    // Every write rewrites its clubs' rows; index-only scans read the heap for pages changed since the last
    // vacuum, so vacuum after 1 % of the rows changed rather than the default 20 %.
    this.addSql(`alter table "club_month" set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);`);

    this.addSql(`create or replace function rebuild_club_months(ids int[]) returns void language sql as $$
      delete from club_month where ids is null or club_id = any(ids);
      with m as (
        select club_id, date_trunc('month', joined_on)::date as jm, date_trunc('month', left_on)::date as lm,
          greatest(date_trunc('month', joined_on), date_trunc('month', coalesce(birth_date, make_date(birth_year, 1, 1)) + interval '60 years'))::date as om,
          (sex = 'FEMALE')::int as f, (poverty_status in ('POOR', 'NEAR_POOR'))::int as poor,
          home_care_volunteer::int as vol, (board_role is not null)::int as brd
        from member where ids is null or club_id = any(ids)
      ), ev(club_id, month, d_members, d_older, d_women, d_older_women, d_poor, d_vol, d_board, d_meetings, d_ig, d_act) as (
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

    this.addSql(`create trigger fund_months_insert after insert on "fund" referencing new table as new_rows for each statement execute function club_months_after_change();`);
    this.addSql(`create trigger fund_months_delete after delete on "fund" referencing old table as old_rows for each statement execute function club_months_after_change();`);
    // Fund rows change with every ledger entry (their version); only a change of club, kind or opening date
    // matters here, and a column condition needs a row-level trigger.
    this.addSql(`create function club_months_after_fund_update() returns trigger language plpgsql as $$
      begin
        if current_setting('ishc.bulk_load', true) = 'on' then return null; end if;
        perform rebuild_club_months(array[old.club_id, new.club_id]);
        return null;
      end $$;`);
    this.addSql(`create trigger fund_months_update after update on "fund" for each row
      when (old.club_id is distinct from new.club_id or old.kind is distinct from new.kind or old.opened_on is distinct from new.opened_on)
      execute function club_months_after_fund_update();`);

    this.addSql('select rebuild_club_months(null);');
    // Statistics for the rebuilt table at once: without them the first indicator statements after the
    // migration were planned blind and ran for minutes on the national data (until autovacuum analyzed it).
    this.addSql('analyze "club_month";');
  }

  override async down(): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists fund_months_${event} on "fund";`);
    this.addSql('drop function if exists club_months_after_fund_update();');
    this.addSql(`drop index "club_month_until_idx";`);
    this.addSql(`alter table "club_month" reset (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor);`);
    this.addSql(`alter table "club_month" drop column "until", drop column "income_generation_funds", drop column "activity_funds";`);
    // rebuild_club_months as the club_month migration defined it.
    this.addSql(`create or replace function rebuild_club_months(ids int[]) returns void language sql as $$
      delete from club_month where ids is null or club_id = any(ids);
      with m as (
        select club_id, date_trunc('month', joined_on)::date as jm, date_trunc('month', left_on)::date as lm,
          greatest(date_trunc('month', joined_on), date_trunc('month', coalesce(birth_date, make_date(birth_year, 1, 1)) + interval '60 years'))::date as om,
          (sex = 'FEMALE')::int as f, (poverty_status in ('POOR', 'NEAR_POOR'))::int as poor,
          home_care_volunteer::int as vol, (board_role is not null)::int as brd
        from member where ids is null or club_id = any(ids)
      ), ev(club_id, month, d_members, d_older, d_women, d_older_women, d_poor, d_vol, d_board, d_meetings) as (
        select club_id, jm, 1, 0, f, 0, poor, vol, brd, 0 from m
        union all select club_id, lm, -1, 0, -f, 0, -poor, -vol, -brd, 0 from m where lm is not null
        union all select club_id, om, 0, 1, 0, f, 0, 0, 0, 0 from m where lm is null or om < lm
        union all select club_id, lm, 0, -1, 0, -f, 0, 0, 0, 0 from m where lm is not null and om < lm
        union all select club_id, date_trunc('month', held_on)::date, 0, 0, 0, 0, 0, 0, 0, 1 from meeting where ids is null or club_id = any(ids)
      ), d as (
        select club_id, month, sum(d_members) as a, sum(d_older) as b, sum(d_women) as c, sum(d_older_women) as e,
          sum(d_poor) as g, sum(d_vol) as h, sum(d_board) as i, sum(d_meetings) as j
        from ev group by club_id, month
      )
      insert into club_month (club_id, month, members, older, women, older_women, poor_near_poor, volunteers, board, meetings_to_date)
      select club_id, month, sum(a) over w, sum(b) over w, sum(c) over w, sum(e) over w, sum(g) over w, sum(h) over w, sum(i) over w, sum(j) over w
      from d window w as (partition by club_id order by month);
    $$;`);
    this.addSql('select rebuild_club_months(null);');
  }

}
