import { Migration } from '@mikro-orm/migrations';

/**
 * Per-club count of current members (open memberships), kept exact inside the transaction of every write
 * by statement-level triggers on `member` (one aggregated update per statement, so bulk COPY stays fast).
 * Dashboards read unit totals from it instead of counting every member on every load.
 * `refresh_club_summary()` rebuilds it from scratch (after a bulk load with triggers disabled).
 */
export class Migration20261128190000_club_summary extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "club_summary" ("club_id" int not null, "members" int not null default 0,
      constraint "club_summary_pkey" primary key ("club_id"), constraint club_summary_members_check check (members >= 0));`);
    this.addSql(`alter table "club_summary" add constraint "club_summary_club_id_foreign" foreign key ("club_id")
      references "club" ("id") on update cascade on delete cascade;`);
    this.addSql(`create function club_summary_apply() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          insert into club_summary as s (club_id, members)
            select club_id, 0 from old_rows where left_on is null group by club_id
            on conflict (club_id) do nothing;
          update club_summary s set members = s.members - d.n
            from (select club_id, count(*)::int as n from old_rows where left_on is null group by club_id) d
            where s.club_id = d.club_id;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into club_summary as s (club_id, members)
            select club_id, count(*)::int from new_rows where left_on is null group by club_id
            on conflict (club_id) do update set members = s.members + excluded.members;
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger member_summary_insert after insert on "member"
      referencing new table as new_rows for each statement execute function club_summary_apply();`);
    this.addSql(`create trigger member_summary_update after update on "member"
      referencing old table as old_rows new table as new_rows for each statement execute function club_summary_apply();`);
    this.addSql(`create trigger member_summary_delete after delete on "member"
      referencing old table as old_rows for each statement execute function club_summary_apply();`);
    this.addSql(`create function refresh_club_summary() returns void language sql as $$
      delete from club_summary;
      insert into club_summary (club_id, members)
        select c.id, count(m.id)::int from club c left join member m on m.club_id = c.id and m.left_on is null group by c.id;
    $$;`);
    // Members open at a date, per club: the set-based counts with asOf read this index only.
    this.addSql(`create index "member_club_dates_idx" on "member" ("club_id") include ("joined_on", "left_on", "birth_year", "birth_date", "sex", "poverty_status");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "member_club_dates_idx";');
    this.addSql('drop trigger if exists member_summary_insert on "member";');
    this.addSql('drop trigger if exists member_summary_update on "member";');
    this.addSql('drop trigger if exists member_summary_delete on "member";');
    this.addSql('drop function if exists refresh_club_summary();');
    this.addSql('drop function if exists club_summary_apply();');
    this.addSql('drop table if exists "club_summary";');
  }
}
