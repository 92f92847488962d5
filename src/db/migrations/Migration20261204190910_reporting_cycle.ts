import { Migration } from '@mikro-orm/migrations';

/**
 * The reporting cycle: monthly club reports, approvals by unit and month, supervision visits, and where each club
 * was before each move (club_place_history, kept by a trigger on club: a change of its communes closes the old
 * place on the day of the move, `placed_on`, or today in Vietnam when none is set).
 */
export class Migration20261204190910_reporting_cycle extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "approval" ("id" serial primary key, "structure" text check ("structure" in ('PRE_2025', 'POST_2025')) not null, "unit_code" varchar(16) not null, "level" text check ("level" in ('NATION', 'PROVINCE', 'DISTRICT', 'COMMUNE')) not null, "month" date not null, "approved_by" varchar(200) not null, "approved_at" timestamptz not null default now());`);
    this.addSql(`create index "approval_month_index" on "approval" ("month");`);
    this.addSql(`alter table "approval" add constraint "approval_structure_unit_code_month_unique" unique ("structure", "unit_code", "month");`);

    this.addSql(`create table "club_place_history" ("club_id" int not null, "valid_from" date not null, "valid_until" date not null, "commune_pre2025_id" int null, "commune_post2025_id" int null, constraint "club_place_history_pkey" primary key ("club_id", "valid_from"));`);
    this.addSql(`create index "club_place_history_club_id_valid_until_index" on "club_place_history" ("club_id", "valid_until");`);

    this.addSql(`create table "club_report" ("id" serial primary key, "club_id" int not null, "month" date not null, "submitted_on" date not null, "first_submitted_on" date not null, "submitted_by" varchar(200) not null, "source" text check ("source" in ('ENTERED', 'IMPORTED', 'DERIVED')) not null, "meetings_held" smallint not null, "attendance" int not null, "activity_areas" text[] not null default '{}', "new_members" smallint not null, "members_left" smallint not null, "home_care_visits" int not null, "health_checks" int not null, "fund_capital" bigint not null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`create index "club_report_month_index" on "club_report" ("month");`);
    this.addSql(`alter table "club_report" add constraint "club_report_club_id_month_unique" unique ("club_id", "month");`);

    this.addSql(`create table "supervision_visit" ("id" serial primary key, "club_id" int not null, "visited_on" date not null, "visiting_level" text check ("visiting_level" in ('NATION', 'PROVINCE', 'DISTRICT', 'COMMUNE')) not null, "scores" jsonb not null, "rating" text check ("rating" in ('GOOD', 'FAIR', 'WEAK')) not null, "notes" text null, "version" int not null default 1, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "supervision_visit_club_id_visited_on_index" on "supervision_visit" ("club_id", "visited_on");`);

    this.addSql(`alter table "club_place_history" add constraint "club_place_history_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "club_report" add constraint "club_report_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "supervision_visit" add constraint "supervision_visit_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "club" add column "placed_on" date null;`);

    this.addSql(`create function record_club_move() returns trigger language plpgsql as $$
      begin
        if new.commune_pre2025_id is not distinct from old.commune_pre2025_id
           and new.commune_post2025_id is not distinct from old.commune_post2025_id then
          return new;
        end if;
        -- moveClub names the day; another update of the communes (a correction) happens today, in Vietnam.
        new.placed_on := coalesce(new.placed_on, (now() at time zone 'Asia/Ho_Chi_Minh')::date);
        if new.placed_on < old.placed_on then
          raise exception 'club %: a move on % comes before its last move (%)', old.code, new.placed_on, old.placed_on;
        end if;
        -- A second move on the same day: the place between them held for no day.
        if new.placed_on > coalesce(old.placed_on, '-infinity') then
          insert into club_place_history (club_id, valid_from, valid_until, commune_pre2025_id, commune_post2025_id)
          values (old.id, coalesce(old.placed_on, '-infinity'), new.placed_on, old.commune_pre2025_id, old.commune_post2025_id);
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger club_move before update of commune_pre2025_id, commune_post2025_id, placed_on on club
      for each row execute function record_club_move();`);
    // Statistics of the (nearly always empty) history, so indicator statements hash it rather than the clubs.
    this.addSql(`analyze "club_place_history";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists club_move on club;`);
    this.addSql(`drop function if exists record_club_move();`);
    this.addSql(`drop table if exists "approval" cascade;`);

    this.addSql(`drop table if exists "club_place_history" cascade;`);

    this.addSql(`drop table if exists "club_report" cascade;`);

    this.addSql(`drop table if exists "supervision_visit" cascade;`);

    this.addSql(`alter table "club" drop column "placed_on";`);
  }

}
