import { Migration } from '@mikro-orm/migrations';
import { Migration20261207170000_report_tally } from './Migration20261207170000_report_tally';

/** The last day of the month that starts on `m` (a date). */
const END = (m: string) => `(${m} + interval '1 month' - interval '1 day')::date`;

/** The deadline days report_tally keeps on-time counts for (its on_time array, 1–28). */
const DAYS = Array.from({ length: 28 }, (_, i) => i + 1);

/**
 * Where a club counted at the end of month `m`: the place it had before a later move (history `h`, joined on
 * that day), else its present communes; both communes are kept (0 for none), as in the report_tally migration.
 */
const placeAt = (c: string, h: string, m: string) => `
  left join ${h} h on h.club_id = ${c}.id and h.valid_from <= ${END(m)} and h.valid_until > ${END(m)}`;
const PLACE_COLUMNS = `
  coalesce(case when h.club_id is null then c.commune_pre2025_id else h.commune_pre2025_id end, 0) as commune_pre2025_id,
  coalesce(case when h.club_id is null then c.commune_post2025_id else h.commune_post2025_id end, 0) as commune_post2025_id`;

/**
 * Expected, received and on-time counts per (month, place, programme) of `rows` (columns month, the two
 * communes, programme, `late`: a report's days after its month's end, null for none, and `expects`: 1 for an
 * expected report). Counted per lateness first — one count per place and lateness, a handful of rows per place
 * — then each deadline day's count from those rows: counting the 28 deadlines over every club-month cost the
 * rebuild about 5 s of backend CPU on the national data.
 */
const tallied = (rows: string, sign: 1 | -1) => `
  select l.month, l.commune_pre2025_id, l.commune_post2025_id, l.programme, ${sign} as sign, sum(l.expected)::int as expected,
    coalesce(sum(l.n) filter (where l.late is not null), 0)::int as received,
    array[${DAYS.map((d) => `coalesce(sum(l.n) filter (where l.late <= ${d}), 0)`).join(', ')}]::smallint[] as on_time
  from (select x.month, x.commune_pre2025_id, x.commune_post2025_id, x.programme, x.late, sum(x.expects) as expected, count(*) as n
    from (${rows}) x group by 1, 2, 3, 4, 5) l
  group by 1, 2, 3, 4`;

/**
 * What clubs add: one expected report for each month report_months gives (the rule of report_expected), where
 * the club was at the month's end, and its report of that month if there is one. The club rows come from
 * `clubs` (columns of club), the moves from `history`, the reports from `reports`.
 */
const clubsAdd = (clubs: string, history: string, reports: string, sign: 1 | -1) =>
  tallied(
    `select gm as month, ${PLACE_COLUMNS}, c.programme, r.first_submitted_on - ${END('gm')} as late, 1 as expects
    from ${clubs} c cross join report_tally_horizon z cross join lateral report_months(c.founded_on, c.dissolved_on, z.month) gm
    ${placeAt('c', history, 'gm')}
    left join ${reports} r on r.club_id = c.id and r.month = gm`,
    sign,
  );

/** What reports add (their clubs as they are): a report counts only against an expectation, where it was expected. */
const reportsAdd = (reports: string, sign: 1 | -1) =>
  tallied(
    `select r.month, ${PLACE_COLUMNS}, c.programme, r.first_submitted_on - ${END('r.month')} as late, 0 as expects
    from ${reports} r join club c on c.id = r.club_id and report_expected(c.founded_on, c.dissolved_on, r.month)
    ${placeAt('c', 'club_place_history', 'r.month')}`,
    sign,
  );

/** Adds signed contributions, in key order (concurrent writers lock rows in the same order); empty rows go. */
const apply = (selects: string[]) => `
  insert into report_tally as t (month, commune_pre2025_id, commune_post2025_id, programme, expected, received, on_time)
  select d.month, d.commune_pre2025_id, d.commune_post2025_id, d.programme, sum(d.sign * d.expected)::int, sum(d.sign * d.received)::int,
    array[${DAYS.map((i) => `sum(d.sign * d.on_time[${i}])`).join(', ')}]::smallint[]
  from (${selects.join(' union all ')}) d
  group by 1, 2, 3, 4
  having sum(d.sign * d.expected) <> 0 or sum(d.sign * d.received) <> 0 or ${DAYS.map((i) => `sum(d.sign * d.on_time[${i}]) <> 0`).join(' or ')}
  order by 1, 2, 3, 4
  on conflict (month, commune_pre2025_id, commune_post2025_id, programme) do update set expected = t.expected + excluded.expected,
    received = t.received + excluded.received,
    on_time = array[${DAYS.map((i) => `t.on_time[${i}] + excluded.on_time[${i}]`).join(', ')}]::smallint[];
  delete from report_tally where expected = 0;`;

const MONTH = (d: string) => `date_trunc('month', ${d})::date`;
const NEXT_MONTH = (d: string) => `(date_trunc('month', ${d}) + interval '1 month')::date`;

/** The functions this migration writes anew (the triggers that call them stay). */
const REPLACED = [
  'report_tally_follow_club',
  'report_tally_forget_club',
  'report_tally_follow_report',
  'report_tally_follow_history_insert',
  'report_tally_follow_history_update',
  'report_tally_follow_history_delete',
  'rebuild_report_tally',
];

/**
 * One home for the rule of an expected monthly report: `report_expected(founded_on, dissolved_on, first_day)`
 * (a club is expected to report for a month when it was founded by the month's last day and not dissolved
 * before its first day) and `report_months(founded_on, dissolved_on, until)`, the same months as a series (from
 * the founding month to the dissolution month, or `until`), side by side here and held together by a test.
 * Both are plain SQL functions, inlined by the planner. expected.ts (missing reports, approvals, supervision) and
 * the report_tally functions, rewritten here, call them instead of each spelling the rule out. The rewritten
 * functions also count on-time reports per lateness once (tallied) instead of once per deadline day.
 */
export class Migration20261207221000_report_rule extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create function report_expected(founded_on date, dissolved_on date, first_day date) returns boolean language sql immutable parallel safe
      as $$ select founded_on <= ${END('first_day')} and (dissolved_on is null or dissolved_on >= first_day) $$;`);
    this.addSql(`create function report_months(founded_on date, dissolved_on date, until date) returns setof date language sql immutable parallel safe
      as $$ select generate_series(date_trunc('month', founded_on::timestamp), least(date_trunc('month', dissolved_on::timestamp), until::timestamp), interval '1 month')::date $$;`);

    const skipBulk = `if current_setting('ishc.bulk_load', true) = 'on' then return null; end if;
        lock table report_tally in row exclusive mode;`;
    const CLUB_COLUMNS = ['id', 'programme', 'founded_on', 'dissolved_on', 'commune_pre2025_id', 'commune_post2025_id'];
    const CHANGED = `o.founded_on is distinct from n.founded_on or o.dissolved_on is distinct from n.dissolved_on or o.programme is distinct from n.programme
      or o.commune_pre2025_id is distinct from n.commune_pre2025_id or o.commune_post2025_id is distinct from n.commune_post2025_id`;
    const changedClubs = (side: 'o' | 'n') => `(select ${side}.* from old_rows o join new_rows n on n.id = o.id where ${CHANGED})`;
    const clubReach = (rows: string) => `(select max(greatest(${MONTH('founded_on')}, ${NEXT_MONTH('dissolved_on')})) from ${rows})`;
    this.addSql(`create or replace function report_tally_follow_club() returns trigger language plpgsql as $$
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
    this.addSql(`create or replace function report_tally_forget_club() returns trigger language plpgsql as $$
      begin
        ${skipBulk}
        ${apply([clubsAdd(`(select ${CLUB_COLUMNS.map((c) => `old.${c} as ${c}`).join(', ')})`, 'club_place_history', 'club_report', -1)])}
        return old;
      end $$;`);

    const REPORT_CHANGED = `o.club_id <> n.club_id or o.month <> n.month or o.first_submitted_on <> n.first_submitted_on`;
    const changedReports = (side: 'o' | 'n') => `(select ${side}.* from old_rows o join new_rows n on n.id = o.id where ${REPORT_CHANGED})`;
    this.addSql(`create or replace function report_tally_follow_report() returns trigger language plpgsql as $$
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

    // A change of the place history: the clubs concerned, counted with the history as it was before the
    // statement, then as it is.
    const history = { insert: { old: null, reach: true }, update: { old: 'old_rows', reach: true }, delete: { old: 'old_rows', reach: false } } as const;
    for (const [event, { old, reach }] of Object.entries(history)) {
      const added = event === 'delete' ? null : 'new_rows';
      const before = `(select * from club_place_history x${added ? ` where not exists (select 1 from ${added} n where n.club_id = x.club_id and n.valid_from = x.valid_from)` : ''}${old ? ` union all select * from ${old}` : ''})`;
      const clubs = `(select c.* from club c where c.id in (${[old, added].filter(Boolean).map((t) => `select club_id from ${t}`).join(' union ')}))`;
      const historyReach = `(select max(greatest(${MONTH('valid_from')}, ${MONTH('valid_until')})) from new_rows)`;
      this.addSql(`create or replace function report_tally_follow_history_${event}() returns trigger language plpgsql as $$
        begin
          ${skipBulk}
          ${reach ? `perform report_tally_reach(${historyReach});` : ''}
          ${apply([clubsAdd(clubs, before, 'club_report', -1), clubsAdd(clubs, 'club_place_history', 'club_report', 1)])}
          return null;
        end $$;`);
    }

    this.addSql(`create or replace function rebuild_report_tally() returns void language plpgsql set work_mem = '256MB' as $$
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
  }

  override async down(): Promise<void> {
    // The previous functions, as the report_tally migration writes them (its tables and triggers stay).
    const previous = new Migration20261207170000_report_tally(this.driver, this.config);
    await previous.up();
    for (const sql of previous.getQueries()) {
      const name = /^create function (\w+)\(\)/.exec(String(sql))?.[1];
      if (name && REPLACED.includes(name)) this.addSql(String(sql).replace(/^create function/, 'create or replace function'));
    }
    this.addSql('drop function report_months(date, date, date);');
    this.addSql('drop function report_expected(date, date, date);');
  }

}
