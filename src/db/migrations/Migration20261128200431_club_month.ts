import { Migration } from '@mikro-orm/migrations';

/** Monthly club states for indicators (see ClubMonth), kept by triggers on member and meeting. */
export class Migration20261128200431_club_month extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "club_month" ("club_id" int not null, "month" date not null, "members" int not null, "older" int not null, "women" int not null, "older_women" int not null, "poor_near_poor" int not null, "volunteers" int not null, "board" int not null, "meetings_to_date" int not null, constraint "club_month_pkey" primary key ("club_id", "month"));`);

    this.addSql(`alter table "club_month" add constraint "club_month_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade on delete cascade;`);

    // Events per member (join, leave, turning 60 while a member) and per meeting, summed per club and
    // month, then running totals: the state at each month end where something changed.
    this.addSql(`create function rebuild_club_months(ids int[]) returns void language sql as $$
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
    // Bulk loads set ishc.bulk_load and rebuild everything once at the end instead.
    this.addSql(`create function club_months_after_change() returns trigger language plpgsql as $$
      declare ids int[];
      begin
        if current_setting('ishc.bulk_load', true) = 'on' then return null; end if;
        if tg_op = 'INSERT' then select array_agg(distinct club_id) into ids from new_rows;
        elsif tg_op = 'DELETE' then select array_agg(distinct club_id) into ids from old_rows;
        else select array_agg(distinct club_id) into ids from (select club_id from new_rows union select club_id from old_rows) x;
        end if;
        if ids is not null then perform rebuild_club_months(ids); end if;
        return null;
      end $$;`);
    for (const table of ['member', 'meeting']) {
      this.addSql(`create trigger ${table}_months_insert after insert on "${table}" referencing new table as new_rows for each statement execute function club_months_after_change();`);
      this.addSql(`create trigger ${table}_months_update after update on "${table}" referencing old table as old_rows new table as new_rows for each statement execute function club_months_after_change();`);
      this.addSql(`create trigger ${table}_months_delete after delete on "${table}" referencing old table as old_rows for each statement execute function club_months_after_change();`);
    }
    this.addSql('select rebuild_club_months(null);');
  }

  override async down(): Promise<void> {
    for (const table of ['member', 'meeting']) {
      for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists ${table}_months_${event} on "${table}";`);
    }
    this.addSql('drop function if exists club_months_after_change();');
    this.addSql('drop function if exists rebuild_club_months(int[]);');
    this.addSql(`drop table if exists "club_month" cascade;`);
  }

}
