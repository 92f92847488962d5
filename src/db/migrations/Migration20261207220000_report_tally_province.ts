import { Migration } from '@mikro-orm/migrations';

/** The deadline days report_tally keeps on-time counts for (its on_time array, 1–28). */
const DAYS = Array.from({ length: 28 }, (_, i) => i + 1);
const STRUCTURES = ['PRE_2025', 'POST_2025'] as const;

/** The province (or 0) that unit_placement `u` rolls up to, as indicator tables roll up to provinces. */
const PROVINCE = (u: string) => `coalesce(${u}.province_id, ${u}.placed_id, 0)`;

/**
 * What tally rows add to their provinces in each structure, with a sign. A row's commune in a structure is its
 * commune there, else its commune in the other (0 is none), as report-tally.ts's tallyCommuneSql says; its
 * province is the one that commune rolls up to there (unit_placement: its province, or the unit it is placed in
 * when that is a province; 0 when it counts in the nation only). The rows are summed per pair of provinces
 * first (a few hundred a month), then given to each structure's.
 */
const provincesOf = (rows: string, sign: 1 | -1) => `
  select s.structure, d.month, case s.structure when 'PRE_2025' then d.pre2025 else d.post2025 end as province_id, d.programme,
    ${sign} * d.expected as expected, ${sign} * d.received as received, ${sign} as sign, d.on_time
  from (select t.month, ${PROVINCE('a')} as pre2025, ${PROVINCE('b')} as post2025, t.programme, sum(t.expected) as expected, sum(t.received) as received,
      array[${DAYS.map((i) => `sum(t.on_time[${i}])`).join(', ')}] as on_time
    from ${rows} t
    left join unit_placement a on a.structure = 'PRE_2025' and a.unit_id = coalesce(nullif(t.commune_pre2025_id, 0), nullif(t.commune_post2025_id, 0))
    left join unit_placement b on b.structure = 'POST_2025' and b.unit_id = coalesce(nullif(t.commune_post2025_id, 0), nullif(t.commune_pre2025_id, 0))
    group by 1, 2, 3, 4) d
  cross join (values ${STRUCTURES.map((s) => `('${s}')`).join(', ')}) as s(structure)`;

/** Sums per (structure, month, province, programme) of signed contributions `d`. */
const SUMS = `sum(d.expected)::int, sum(d.received)::int, array[${DAYS.map((i) => `sum(d.sign * d.on_time[${i}])`).join(', ')}]::int[]`;
const COLUMNS = 'structure, month, province_id, programme, expected, received, on_time';

/**
 * Adds the deltas in key order (concurrent writers lock rows in the same order). Only rows that hold nothing go:
 * an INSERT … ON CONFLICT on report_tally fires its insert and its update triggers one after the other, and a
 * province row may hold no expectation between the two.
 */
const apply = (selects: string[]) => `
  insert into report_tally_province as p (${COLUMNS})
  select d.structure, d.month, d.province_id, d.programme, ${SUMS}
  from (${selects.join(' union all ')}) d
  group by 1, 2, 3, 4
  having sum(d.expected) <> 0 or sum(d.received) <> 0 or ${DAYS.map((i) => `sum(d.sign * d.on_time[${i}]) <> 0`).join(' or ')}
  order by 1, 2, 3, 4
  on conflict (structure, month, province_id, programme) do update set expected = p.expected + excluded.expected,
    received = p.received + excluded.received,
    on_time = array[${DAYS.map((i) => `p.on_time[${i}] + excluded.on_time[${i}]`).join(', ')}]::int[];
  delete from report_tally_province where expected = 0 and received = 0 and on_time = array_fill(0, array[${DAYS.length}]);`;

/**
 * ReportTallyProvince: report_tally summed per structure, month, province and programme, so a completeness or
 * timeliness table by province or of the nation reads a few hundred rows a month instead of every place's.
 * Kept by statement-level triggers on report_tally (its deltas, its truncation by rebuild_report_tally) and on
 * unit_placement (a new placement rebuilds it), as province_summary is kept from commune_summary: the rule of
 * what is expected stays in report_tally's functions alone. `rebuild_report_tally_provinces()` rebuilds it.
 */
export class Migration20261207220000_report_tally_province extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_tally_province" ("structure" text check ("structure" in ('PRE_2025', 'POST_2025')) not null, "month" date not null, "province_id" int not null, "programme" text check ("programme" in ('DECISION_1533', 'DECISION_1336', 'DECISION_1648', 'NGO_PROJECT', 'LOCAL_INITIATIVE')) not null, "expected" int not null, "received" int not null, "on_time" int[] not null, constraint "report_tally_province_pkey" primary key ("structure", "month", "province_id", "programme"));`);
    // The rows a write has just emptied, found without reading the table.
    this.addSql(`create index "report_tally_province_empty_idx" on "report_tally_province" ("month") where "expected" = 0;`);

    this.addSql(`create function rebuild_report_tally_provinces() returns void language plpgsql as $$
      begin
        truncate report_tally_province;
        insert into report_tally_province (${COLUMNS})
        select d.structure, d.month, d.province_id, d.programme, ${SUMS}
        from (${provincesOf('report_tally', 1)}) d
        group by 1, 2, 3, 4 order by 1, 2, 3, 4;
      end $$;`);

    this.addSql(`create function report_tally_province_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then ${apply([provincesOf('new_rows', 1)])}
        elsif tg_op = 'DELETE' then ${apply([provincesOf('old_rows', -1)])}
        else ${apply([provincesOf('old_rows', -1), provincesOf('new_rows', 1)])}
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger report_tally_provinces_insert after insert on "report_tally"
      referencing new table as new_rows for each statement execute function report_tally_province_apply();`);
    this.addSql(`create trigger report_tally_provinces_update after update on "report_tally"
      referencing old table as old_rows new table as new_rows for each statement execute function report_tally_province_apply();`);
    this.addSql(`create trigger report_tally_provinces_delete after delete on "report_tally"
      referencing old table as old_rows for each statement execute function report_tally_province_apply();`);
    // rebuild_report_tally truncates the tally before it fills it again.
    this.addSql(`create function report_tally_province_truncate() returns trigger language plpgsql as $$
      begin
        truncate report_tally_province;
        return null;
      end $$;`);
    this.addSql(`create trigger report_tally_provinces_truncate after truncate on "report_tally"
      for each statement execute function report_tally_province_truncate();`);
    // Units placed anew (rebuild_unit_placement, reference data): every province sum is taken again.
    this.addSql(`create function report_tally_province_replace() returns trigger language plpgsql as $$
      begin
        perform rebuild_report_tally_provinces();
        return null;
      end $$;`);
    for (const event of ['insert', 'update', 'delete', 'truncate']) {
      this.addSql(`create trigger unit_placement_report_tally_${event} after ${event} on "unit_placement"
        for each statement execute function report_tally_province_replace();`);
    }

    this.addSql('select rebuild_report_tally_provinces();');
    this.addSql('analyze report_tally_province;');
  }

  override async down(): Promise<void> {
    for (const event of ['insert', 'update', 'delete', 'truncate']) {
      this.addSql(`drop trigger if exists report_tally_provinces_${event} on "report_tally";`);
      this.addSql(`drop trigger if exists unit_placement_report_tally_${event} on "unit_placement";`);
    }
    for (const fn of ['report_tally_province_apply', 'report_tally_province_truncate', 'report_tally_province_replace', 'rebuild_report_tally_provinces']) {
      this.addSql(`drop function if exists ${fn}();`);
    }
    this.addSql(`drop table if exists "report_tally_province" cascade;`);
  }

}
