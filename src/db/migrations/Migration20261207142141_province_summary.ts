import { Migration } from '@mikro-orm/migrations';

/** What commune_summary rows add to their provinces, counted with a sign. */
const contributions = (rows: string, sign: 1 | -1) =>
  `select province_id, structure, ${sign} * clubs as clubs, ${sign} * members as members, ${sign} * (clubs > 0)::int as communes from ${rows}`;

/** Adds the deltas per province, in province order (concurrent writers lock rows in the same order). */
const apply = (selects: string[]) => `
  insert into province_summary as s (province_id, structure, clubs, members, communes_with_clubs)
  select province_id, structure, sum(clubs)::int, sum(members)::int, sum(communes)::int
  from (${selects.join(' union all ')}) d
  group by 1, 2
  having sum(clubs) <> 0 or sum(members) <> 0 or sum(communes) <> 0
  order by 1
  on conflict (province_id) do update set clubs = s.clubs + excluded.clubs, members = s.members + excluded.members,
    communes_with_clubs = s.communes_with_clubs + excluded.communes_with_clubs;`;

/**
 * Today's counts per province (ProvinceSummary): sums of commune_summary kept by statement-level triggers on it,
 * so they follow every change of a commune's row — deltas, the truncate of the demo seed, the repair
 * (refresh_club_summary) — in the same transaction, with the rule of what counts left in one place (club_summary
 * → commune_summary). Also: a club's current members by name carry sex and birth year, for index-only pages.
 */
export class Migration20261207142141_province_summary extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "province_summary" ("province_id" int not null, "structure" text check ("structure" in ('PRE_2025', 'POST_2025')) not null, "clubs" int not null default 0, "members" int not null default 0, "communes_with_clubs" int not null default 0, constraint "province_summary_pkey" primary key ("province_id"));`);

    this.addSql(`alter table "province_summary" add constraint "province_summary_province_id_foreign" foreign key ("province_id") references "admin_unit" ("id") on update cascade on delete cascade;`);

    this.addSql(`create function province_summary_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then ${apply([contributions('new_rows', 1)])}
        elsif tg_op = 'DELETE' then ${apply([contributions('old_rows', -1)])}
        else ${apply([contributions('old_rows', -1), contributions('new_rows', 1)])}
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger commune_summary_provinces_insert after insert on "commune_summary"
      referencing new table as new_rows for each statement execute function province_summary_apply();`);
    this.addSql(`create trigger commune_summary_provinces_update after update on "commune_summary"
      referencing old table as old_rows new table as new_rows for each statement execute function province_summary_apply();`);
    this.addSql(`create trigger commune_summary_provinces_delete after delete on "commune_summary"
      referencing old table as old_rows for each statement execute function province_summary_apply();`);
    // The repair path rebuilds from scratch rather than trusting deltas: the club and commune rows as before
    // (the function is renamed, not copied), then the provinces from the communes.
    this.addSql('alter function refresh_club_summary() rename to refresh_club_and_commune_summary;');
    this.addSql(`create function refresh_club_summary() returns void language plpgsql as $$
      begin
        perform refresh_club_and_commune_summary();
        delete from province_summary;
        insert into province_summary (province_id, structure, clubs, members, communes_with_clubs)
          select province_id, structure, sum(clubs)::int, sum(members)::int, (count(*) filter (where clubs > 0))::int
          from commune_summary group by 1, 2 order by 1;
      end $$;`);
    this.addSql('select refresh_club_summary();');

    this.addSql(`drop index "member_club_open_name_idx";`);
    this.addSql(`create index "member_club_open_name_idx" on "member" ("club_id", "full_name", "id") include ("sex", "birth_year") where "left_on" is null;`);
  }

  override async down(): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists commune_summary_provinces_${event} on "commune_summary";`);
    this.addSql('drop function if exists province_summary_apply();');
    this.addSql('drop function refresh_club_summary();');
    this.addSql('alter function refresh_club_and_commune_summary() rename to refresh_club_summary;');
    this.addSql(`drop table if exists "province_summary" cascade;`);
    this.addSql(`drop index "member_club_open_name_idx";`);
    this.addSql(`create index "member_club_open_name_idx" on "member" ("club_id", "full_name", "id") where "left_on" is null;`);
  }

}
