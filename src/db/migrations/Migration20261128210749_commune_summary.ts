import { Migration } from '@mikro-orm/migrations';

/** What a club_summary row adds to its communes: open clubs count once, with their current members. */
const contributions = (rows: string, sign: 1 | -1) => `
  select c.commune_id, ${sign} * r.open::int as clubs, ${sign} * (case when r.open then r.members else 0 end) as members
  from ${rows} r cross join lateral (values (r.commune_pre2025_id), (r.commune_post2025_id)) as c(commune_id)
  where c.commune_id is not null`;

const apply = (selects: string[]) =>
  `perform commune_summary_add(array_agg(commune_id), array_agg(clubs), array_agg(members)) from (${selects.join(' union all ')}) d;`;

/** Open memberships per club in a transition table, counted with a sign. */
const openMemberships = (rows: string, sign: 1 | -1) => `select club_id, ${sign} * count(*) as n from ${rows} where left_on is null group by 1`;

const addMembers = (selects: string[]) => `
  update club_summary s set members = s.members + d.n
  from (select club_id, sum(n)::int as n from (${selects.join(' union all ')}) x group by 1 having sum(n) <> 0) d
  where s.club_id = d.club_id;`;

/**
 * Today's counts per commune (CommuneSummary), kept by statement-level triggers:
 * club → club_summary (communes, open) → commune_summary (sums). member → club_summary (members) as before,
 * now only updating the row every club gets when it is inserted.
 */
export class Migration20261128210749_commune_summary extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "commune_summary" ("commune_id" int not null, "structure" text check ("structure" in ('PRE_2025', 'POST_2025')) not null, "province_id" int not null, "clubs" int not null default 0, "members" int not null default 0, constraint "commune_summary_pkey" primary key ("commune_id"));`);

    this.addSql(`alter table "commune_summary" add constraint "commune_summary_commune_id_foreign" foreign key ("commune_id") references "admin_unit" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "commune_summary" add constraint "commune_summary_province_id_foreign" foreign key ("province_id") references "admin_unit" ("id") on update cascade on delete cascade;`);

    this.addSql(`create index "club_founded_on_index" on "club" ("founded_on");`);

    this.addSql(`alter table "club_summary" add column "commune_pre2025_id" int null, add column "commune_post2025_id" int null, add column "open" boolean not null default true;`);

    // Adds deltas per commune; rows are created on first use with the commune's province, in commune order
    // so that concurrent writers lock rows in the same order.
    this.addSql(`create function commune_summary_add(commune_ids int[], clubs int[], members int[]) returns void language sql as $$
      insert into commune_summary as s (commune_id, structure, province_id, clubs, members)
      select d.commune_id, u.structure, p.id, d.clubs, d.members
      from (select commune_id, sum(clubs)::int as clubs, sum(members)::int as members
            from unnest(commune_ids, clubs, members) as x(commune_id, clubs, members) group by 1) d
      join admin_unit u on u.id = d.commune_id
      join admin_unit p on p.structure = u.structure and p.code = split_part(u.path, '/', 1)
      order by d.commune_id
      on conflict (commune_id) do update set clubs = s.clubs + excluded.clubs, members = s.members + excluded.members;
    $$;`);
    this.addSql(`create function commune_summary_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then ${apply([contributions('new_rows', 1)])}
        elsif tg_op = 'DELETE' then ${apply([contributions('old_rows', -1)])}
        else ${apply([contributions('old_rows', -1), contributions('new_rows', 1)])}
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger club_summary_communes_insert after insert on "club_summary"
      referencing new table as new_rows for each statement execute function commune_summary_apply();`);
    this.addSql(`create trigger club_summary_communes_update after update on "club_summary"
      referencing old table as old_rows new table as new_rows for each statement execute function commune_summary_apply();`);
    this.addSql(`create trigger club_summary_communes_delete after delete on "club_summary"
      referencing old table as old_rows for each statement execute function commune_summary_apply();`);
    // A truncate (the demo seed's) fires no row deltas: the sums go with it.
    this.addSql(`create function commune_summary_clear() returns trigger language plpgsql as $$
      begin delete from commune_summary; return null; end $$;`);
    this.addSql(`create trigger club_summary_communes_truncate after truncate on "club_summary"
      for each statement execute function commune_summary_clear();`);

    // Every club gets its summary row when it is inserted; edits of its communes or dissolution follow.
    this.addSql(`create function club_summary_follow_club() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into club_summary (club_id, members, commune_pre2025_id, commune_post2025_id, open)
            select id, 0, commune_pre2025_id, commune_post2025_id, dissolved_on is null from new_rows order by id;
        else
          update club_summary s set commune_pre2025_id = n.commune_pre2025_id, commune_post2025_id = n.commune_post2025_id, open = n.dissolved_on is null
            from new_rows n
            where s.club_id = n.id
              and (s.commune_pre2025_id, s.commune_post2025_id, s.open) is distinct from (n.commune_pre2025_id, n.commune_post2025_id, n.dissolved_on is null);
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger club_summary_insert after insert on "club"
      referencing new table as new_rows for each statement execute function club_summary_follow_club();`);
    this.addSql(`create trigger club_summary_update after update on "club"
      referencing new table as new_rows for each statement execute function club_summary_follow_club();`);

    // Members now only update the club's row (one statement, so one commune update per member statement).
    this.addSql(`create or replace function club_summary_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then ${addMembers([openMemberships('new_rows', 1)])}
        elsif tg_op = 'DELETE' then ${addMembers([openMemberships('old_rows', -1)])}
        else ${addMembers([openMemberships('old_rows', -1), openMemberships('new_rows', 1)])}
        end if;
        return null;
      end $$;`);

    this.addSql(`create or replace function refresh_club_summary() returns void language plpgsql as $$
      begin
        delete from club_summary;
        insert into club_summary (club_id, members, commune_pre2025_id, commune_post2025_id, open)
          select c.id, count(m.id)::int, c.commune_pre2025_id, c.commune_post2025_id, c.dissolved_on is null
          from club c left join member m on m.club_id = c.id and m.left_on is null group by c.id order by c.id;
        -- Rebuilt from scratch rather than trusting the deltas above: this is the repair path.
        delete from commune_summary;
        ${apply([contributions('club_summary', 1)])}
      end $$;`);
    this.addSql('select refresh_club_summary();');
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists club_summary_insert on "club";');
    this.addSql('drop trigger if exists club_summary_update on "club";');
    for (const event of ['insert', 'update', 'delete', 'truncate']) this.addSql(`drop trigger if exists club_summary_communes_${event} on "club_summary";`);
    this.addSql('drop function if exists club_summary_follow_club();');
    this.addSql('drop function if exists commune_summary_clear();');
    this.addSql('drop function if exists commune_summary_apply();');
    this.addSql('drop function if exists commune_summary_add(int[], int[], int[]);');
    this.addSql(`drop table if exists "commune_summary" cascade;`);

    this.addSql(`drop index "club_founded_on_index";`);

    this.addSql(`alter table "club_summary" drop column "commune_pre2025_id", drop column "commune_post2025_id", drop column "open";`);
    // The functions as they were: members insert summary rows themselves again.
    this.addSql(`create or replace function club_summary_apply() returns trigger language plpgsql as $$
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
    this.addSql(`create or replace function refresh_club_summary() returns void language sql as $$
      delete from club_summary;
      insert into club_summary (club_id, members)
        select c.id, count(m.id)::int from club c left join member m on m.club_id = c.id and m.left_on is null group by c.id;
    $$;`);
  }

}
