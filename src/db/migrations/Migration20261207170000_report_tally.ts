import { Migration } from '@mikro-orm/migrations';

/** The last day of the month that starts on `m`. */
const END = (m: string) => `(${m} + interval '1 month' - interval '1 day')::date`;

/** The deadline is a process setting (REPORT_DEADLINE_DAY, 1–28): on-time counts are kept for every choice. */
const DEADLINE_DAYS = Array.from({ length: 28 }, (_, i) => i + 1);

/**
 * Where a club counted at the end of month `m`: the place it had before a later move (history `h`, joined on
 * that day), else its present communes. Both communes are kept (0 for none): each structure picks its own.
 */
const placeAt = (c: string, h: string, m: string) => `
  left join ${h} h on h.club_id = ${c}.id and h.valid_from <= ${END(m)} and h.valid_until > ${END(m)}`;
const PLACE_COLUMNS = `
  coalesce(case when h.club_id is null then c.commune_pre2025_id else h.commune_pre2025_id end, 0) as commune_pre2025_id,
  coalesce(case when h.club_id is null then c.commune_post2025_id else h.commune_post2025_id end, 0) as commune_post2025_id`;

/** Reports counted per key from each report's days after its month's end (`late`, null: no report). */
const REPORT_COUNTS = `count(e.late)::int as received,
  array[${DEADLINE_DAYS.map((d) => `count(*) filter (where e.late <= ${d})`).join(', ')}]::smallint[] as on_time`;

/**
 * What clubs add: for each month from their founding month to their dissolution month (or the horizon), one
 * expected report where the club was at the month's end, and its report of that month if there is one. The
 * club rows come from `clubs` (columns of club), the moves from `history`, the reports from `reports`.
 */
const clubsAdd = (clubs: string, history: string, reports: string, sign: 1 | -1) => `
  select e.month, e.commune_pre2025_id, e.commune_post2025_id, e.programme, ${sign} as sign, count(*)::int as expected, ${REPORT_COUNTS}
  from (select c.programme, gm::date as month, ${PLACE_COLUMNS}, r.first_submitted_on - ${END('gm::date')} as late
    from ${clubs} c cross join report_tally_horizon z
    cross join lateral generate_series(date_trunc('month', c.founded_on), least(date_trunc('month', c.dissolved_on), z.month), interval '1 month') gm
    ${placeAt('c', history, 'gm::date')}
    left join ${reports} r on r.club_id = c.id and r.month = gm::date) e
  group by 1, 2, 3, 4`;

/** What reports add (their clubs as they are): a report counts only against an expectation, where it was expected. */
const reportsAdd = (reports: string, sign: 1 | -1) => `
  select e.month, e.commune_pre2025_id, e.commune_post2025_id, e.programme, ${sign} as sign, 0 as expected, ${REPORT_COUNTS}
  from (select r.month, ${PLACE_COLUMNS}, c.programme, r.first_submitted_on - ${END('r.month')} as late
    from ${reports} r join club c on c.id = r.club_id and c.founded_on <= ${END('r.month')} and (c.dissolved_on is null or c.dissolved_on >= r.month)
    ${placeAt('c', 'club_place_history', 'r.month')}) e
  group by 1, 2, 3, 4`;

/** Adds signed contributions, in key order (concurrent writers lock rows in the same order); empty rows go. */
const apply = (selects: string[]) => `
  insert into report_tally as t (month, commune_pre2025_id, commune_post2025_id, programme, expected, received, on_time)
  select d.month, d.commune_pre2025_id, d.commune_post2025_id, d.programme, sum(d.sign * d.expected)::int, sum(d.sign * d.received)::int,
    array[${DEADLINE_DAYS.map((i) => `sum(d.sign * d.on_time[${i}])`).join(', ')}]::smallint[]
  from (${selects.join(' union all ')}) d
  group by 1, 2, 3, 4
  having sum(d.sign * d.expected) <> 0 or sum(d.sign * d.received) <> 0 or ${DEADLINE_DAYS.map((i) => `sum(d.sign * d.on_time[${i}]) <> 0`).join(' or ')}
  order by 1, 2, 3, 4
  on conflict (month, commune_pre2025_id, commune_post2025_id, programme) do update set expected = t.expected + excluded.expected,
    received = t.received + excluded.received,
    on_time = array[${DEADLINE_DAYS.map((i) => `t.on_time[${i}] + excluded.on_time[${i}]`).join(', ')}]::smallint[];
  delete from report_tally where expected = 0;`;

/** The month of a date, and the month after. */
const MONTH = (d: string) => `date_trunc('month', ${d})::date`;
const NEXT_MONTH = (d: string) => `(date_trunc('month', ${d}) + interval '1 month')::date`;

/**
 * Monthly reports per (month, place the clubs counted in at its end, programme): expected, received and on time
 * for each deadline day (ReportTally), kept in the write's transaction by triggers on club, club_report and
 * club_place_history, so completeness and timeliness read a few thousand rows per month instead of every club
 * and report. `rebuild_report_tally()` rebuilds it from scratch (the demo seed loads without triggers).
 *
 * Open clubs are expected in every month to come: rows go up to a horizon (report_tally_horizon) at or after
 * every month in which anything changes (a founding, the month after a dissolution, a move, a report), so a
 * month after it has the horizon's expected counts and no reports. A write that reaches past it first moves it
 * on, copying the horizon month's expected counts.
 */
export class Migration20261207170000_report_tally extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "report_tally" ("month" date not null, "commune_pre2025_id" int not null, "commune_post2025_id" int not null,
      "programme" text check ("programme" in ('DECISION_1533', 'DECISION_1336', 'DECISION_1648', 'NGO_PROJECT', 'LOCAL_INITIATIVE')) not null, "expected" int not null, "received" int not null, "on_time" smallint[] not null,
      constraint "report_tally_pkey" primary key ("month", "commune_pre2025_id", "commune_post2025_id", "programme"));`);
    // The rows a write has just emptied, found without reading the table.
    this.addSql(`create index "report_tally_empty_idx" on "report_tally" ("month") where "expected" = 0;`);
    this.addSql(`create table "report_tally_horizon" ("month" date not null, constraint "report_tally_horizon_pkey" primary key ("month"));`);
    this.addSql(`insert into "report_tally_horizon" values (date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh')::date);`);
    this.addSql('analyze "report_tally_horizon";');

    // Moves the horizon to `reach` (a month's first day) when it lies beyond: the months between get the horizon
    // month's expected counts. Every tally write takes ROW EXCLUSIVE before it reads the horizon, and this waits for
    // them all (SHARE ROW EXCLUSIVE), so no write adds months up to an old horizon after the copy.
    this.addSql(`create function report_tally_reach(reach date) returns void language plpgsql as $$
      declare horizon date;
      begin
        select month into horizon from report_tally_horizon;
        if reach is null or reach <= horizon then return; end if;
        lock table report_tally in share row exclusive mode;
        select month into horizon from report_tally_horizon;
        if reach <= horizon then return; end if;
        -- A year's room at once: horizons move rarely.
        reach := (reach + interval '12 months')::date;
        insert into report_tally (month, commune_pre2025_id, commune_post2025_id, programme, expected, received, on_time)
        select gm::date, t.commune_pre2025_id, t.commune_post2025_id, t.programme, t.expected, 0, array_fill(0::smallint, array[${DEADLINE_DAYS.length}])
        from report_tally t cross join generate_series(horizon + interval '1 month', reach, interval '1 month') gm
        where t.month = horizon;
        update report_tally_horizon set month = reach;
      end $$;`);

    const skipBulk = `if current_setting('ishc.bulk_load', true) = 'on' then return null; end if;
        lock table report_tally in row exclusive mode;`;
    const CLUB_COLUMNS = ['id', 'programme', 'founded_on', 'dissolved_on', 'commune_pre2025_id', 'commune_post2025_id'];
    const CHANGED = `o.founded_on is distinct from n.founded_on or o.dissolved_on is distinct from n.dissolved_on or o.programme is distinct from n.programme
      or o.commune_pre2025_id is distinct from n.commune_pre2025_id or o.commune_post2025_id is distinct from n.commune_post2025_id`;
    const changedClubs = (side: 'o' | 'n') => `(select ${side}.* from old_rows o join new_rows n on n.id = o.id where ${CHANGED})`;
    const clubReach = (rows: string) => `(select max(greatest(${MONTH('founded_on')}, ${NEXT_MONTH('dissolved_on')})) from ${rows})`;
    this.addSql(`create function report_tally_follow_club() returns trigger language plpgsql as $$
      begin
        ${skipBulk}
        if tg_op = 'INSERT' then
          perform report_tally_reach(${clubReach('new_rows')});
          ${apply([clubsAdd('new_rows', 'club_place_history', 'club_report', 1)])}
        else
          perform report_tally_reach(${clubReach(changedClubs('n'))});
          ${apply([clubsAdd(changedClubs('o'), 'club_place_history', 'club_report', -1), clubsAdd(changedClubs('n'), 'club_place_history', 'club_report', 1)])}
        end if;
        return null;
      end $$;`);
    // A deleted club's reports go by cascade after it: its whole part leaves while they are still there.
    this.addSql(`create function report_tally_forget_club() returns trigger language plpgsql as $$
      begin
        ${skipBulk}
        ${apply([clubsAdd(`(select ${CLUB_COLUMNS.map((c) => `old.${c} as ${c}`).join(', ')})`, 'club_place_history', 'club_report', -1)])}
        return old;
      end $$;`);
    this.addSql(`create trigger report_tally_club_insert after insert on "club" referencing new table as new_rows for each statement execute function report_tally_follow_club();`);
    this.addSql(`create trigger report_tally_club_update after update on "club" referencing old table as old_rows new table as new_rows for each statement execute function report_tally_follow_club();`);
    this.addSql(`create trigger report_tally_club_delete before delete on "club" for each row execute function report_tally_forget_club();`);

    const REPORT_CHANGED = `o.club_id <> n.club_id or o.month <> n.month or o.first_submitted_on <> n.first_submitted_on`;
    const changedReports = (side: 'o' | 'n') => `(select ${side}.* from old_rows o join new_rows n on n.id = o.id where ${REPORT_CHANGED})`;
    this.addSql(`create function report_tally_follow_report() returns trigger language plpgsql as $$
      begin
        ${skipBulk}
        if tg_op = 'INSERT' then
          perform report_tally_reach((select max(month) from new_rows));
          ${apply([reportsAdd('new_rows', 1)])}
        elsif tg_op = 'DELETE' then
          ${apply([reportsAdd('old_rows', -1)])}
        else
          perform report_tally_reach((select max(month) from new_rows));
          ${apply([reportsAdd(changedReports('o'), -1), reportsAdd(changedReports('n'), 1)])}
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger report_tally_report_insert after insert on "club_report" referencing new table as new_rows for each statement execute function report_tally_follow_report();`);
    this.addSql(`create trigger report_tally_report_update after update on "club_report" referencing old table as old_rows new table as new_rows for each statement execute function report_tally_follow_report();`);
    this.addSql(`create trigger report_tally_report_delete after delete on "club_report" referencing old table as old_rows for each statement execute function report_tally_follow_report();`);

    // A change of the place history (a move, written by club_move while the club still has its old row): the
    // clubs concerned, counted with the history as it was before the statement, then as it is.
    const history = { insert: { old: null, reach: true }, update: { old: 'old_rows', reach: true }, delete: { old: 'old_rows', reach: false } } as const;
    for (const [event, { old, reach }] of Object.entries(history)) {
      const added = event === 'delete' ? null : 'new_rows';
      const before = `(select * from club_place_history x${added ? ` where not exists (select 1 from ${added} n where n.club_id = x.club_id and n.valid_from = x.valid_from)` : ''}${old ? ` union all select * from ${old}` : ''})`;
      const clubs = `(select c.* from club c where c.id in (${[old, added].filter(Boolean).map((t) => `select club_id from ${t}`).join(' union ')}))`;
      const historyReach = `(select max(greatest(${MONTH('valid_from')}, ${MONTH('valid_until')})) from new_rows)`;
      this.addSql(`create function report_tally_follow_history_${event}() returns trigger language plpgsql as $$
        begin
          ${skipBulk}
          ${reach ? `perform report_tally_reach(${historyReach});` : ''}
          ${apply([clubsAdd(clubs, before, 'club_report', -1), clubsAdd(clubs, 'club_place_history', 'club_report', 1)])}
          return null;
        end $$;`);
      const refs = [old && 'old table as old_rows', added && 'new table as new_rows'].filter(Boolean).join(' ');
      this.addSql(`create trigger report_tally_history_${event} after ${event} on "club_place_history" referencing ${refs} for each statement execute function report_tally_follow_history_${event}();`);
    }

    this.addSql(`create function rebuild_report_tally() returns void language plpgsql set work_mem = '256MB' as $$
      begin
        truncate report_tally;
        update report_tally_horizon set month = greatest(
          (date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh') + interval '12 months')::date,
          (select max(greatest(${MONTH('founded_on')}, ${NEXT_MONTH('dissolved_on')})) from club),
          (select max(month) from club_report),
          (select max(greatest(${MONTH('valid_from')}, ${MONTH('valid_until')})) from club_place_history));
        insert into report_tally (month, commune_pre2025_id, commune_post2025_id, programme, expected, received, on_time)
        select month, commune_pre2025_id, commune_post2025_id, programme, expected, received, on_time
        from (${clubsAdd('club', 'club_place_history', 'club_report', 1)}) d order by 1, 2, 3, 4;
      end $$;`);
    this.addSql('select rebuild_report_tally();');
    this.addSql('analyze report_tally;');
  }

  override async down(): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) {
      this.addSql(`drop trigger if exists report_tally_club_${event} on "club";`);
      this.addSql(`drop trigger if exists report_tally_report_${event} on "club_report";`);
      this.addSql(`drop trigger if exists report_tally_history_${event} on "club_place_history";`);
    }
    for (const fn of ['report_tally_follow_club', 'report_tally_forget_club', 'report_tally_follow_report', 'report_tally_follow_history_insert', 'report_tally_follow_history_update', 'report_tally_follow_history_delete', 'rebuild_report_tally']) {
      this.addSql(`drop function if exists ${fn}();`);
    }
    this.addSql('drop function if exists report_tally_reach(date);');
    this.addSql(`drop table if exists "report_tally_horizon";`);
    this.addSql(`drop table if exists "report_tally";`);
  }

}
