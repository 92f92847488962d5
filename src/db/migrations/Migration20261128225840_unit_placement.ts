import { Migration } from '@mikro-orm/migrations';

/**
 * UnitPlacement: where every unit counts in each structure, rebuilt from the units and the commune crosswalk by
 * rebuild_unit_placement() (called here for a database whose units are already loaded, and by the reference
 * loader). Indicator statements join it once to roll their figures up to the level a table asks for.
 */
export class Migration20261128225840_unit_placement extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "unit_placement" ("structure" text check ("structure" in ('PRE_2025', 'POST_2025')) not null, "unit_id" int not null, "placed_id" int null, "placed_level" text check ("placed_level" in ('NATION', 'PROVINCE', 'DISTRICT', 'COMMUNE')) not null, "province_id" int null, "district_id" int null, constraint "unit_placement_pkey" primary key ("structure", "unit_id"));`);

    this.addSql(`alter table "unit_placement" add constraint "unit_placement_unit_id_foreign" foreign key ("unit_id") references "admin_unit" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "unit_placement" add constraint "unit_placement_placed_id_foreign" foreign key ("placed_id") references "admin_unit" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "unit_placement" add constraint "unit_placement_province_id_foreign" foreign key ("province_id") references "admin_unit" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "unit_placement" add constraint "unit_placement_district_id_foreign" foreign key ("district_id") references "admin_unit" ("id") on update cascade on delete cascade;`);

    this.addSql(`create function rebuild_unit_placement() returns void language sql as $$
      delete from unit_placement;
      with
      -- Every unit with its province and district (itself when it is one).
      unit as (
        select u.id, u.structure, u.level,
          case when u.level = 'PROVINCE' then u.id when up.level = 'PROVINCE' then up.id when up.level = 'DISTRICT' then up.parent_id end as province_id,
          case when u.level = 'DISTRICT' then u.id when up.level = 'DISTRICT' then up.id end as district_id
        from admin_unit u left join admin_unit up on up.id = u.parent_id),
      -- The communes under each province, district and commune (a commune is under itself).
      under as (
        select id as unit_id, id as commune_id from unit where level = 'COMMUNE'
        union all select district_id, id from unit where level = 'COMMUNE' and district_id is not null
        union all select province_id, id from unit where level = 'COMMUNE'),
      -- The commune crosswalk, both ways.
      partner as (
        select old_unit_id as commune_id, new_unit_id as partner_id from admin_unit_crosswalk where level = 'COMMUNE'
        union select new_unit_id, old_unit_id from admin_unit_crosswalk where level = 'COMMUNE'),
      -- The deepest unit of the other structure that holds every partner of a unit's communes: their commune when
      -- there is one, else their district, else their province; none when they span provinces.
      deepest as (
        select u.unit_id, case
            when count(distinct t.id) = 1 then min(t.id)
            when count(t.district_id) = count(*) and count(distinct t.district_id) = 1 then min(t.district_id)
            when count(distinct t.province_id) = 1 then min(t.province_id) end as placed_id
        from under u join partner x on x.commune_id = u.commune_id join unit t on t.id = x.partner_id
        group by u.unit_id),
      -- Itself in its own structure; in the other, the deepest unit or else (no placed unit) the nation.
      placed as (
        select structure, id as unit_id, id as placed_id from unit
        union all
        select s.structure, u.id, d.placed_id
        from unit u join (values ('PRE_2025'), ('POST_2025')) as s(structure) on s.structure <> u.structure
        left join deepest d on d.unit_id = u.id)
      insert into unit_placement (structure, unit_id, placed_id, placed_level, province_id, district_id)
      select p.structure, p.unit_id, p.placed_id, coalesce(t.level, 'NATION'), t.province_id, t.district_id
      from placed p left join unit t on t.id = p.placed_id;
    $$;`);
    this.addSql(`select rebuild_unit_placement();`);
    this.addSql(`analyze unit_placement;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function rebuild_unit_placement();`);
    this.addSql(`drop table if exists "unit_placement" cascade;`);
  }

}
