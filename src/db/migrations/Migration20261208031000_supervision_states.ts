import { Migration } from '@mikro-orm/migrations';
import { ClubMonthColumns, Migration20261207170000_club_month_cheaper } from './Migration20261207170000_club_month_cheaper';
import { Migration20261207215000_place_month_bulk } from './Migration20261207215000_place_month_bulk';
import { Migration20261208000200_place_month_hashed } from './Migration20261208000200_place_month_hashed';

const { rebuildClubMonths, spells } = Migration20261207170000_club_month_cheaper;
const placeMonthFunctions = Migration20261207215000_place_month_bulk.functions;
const { rebuildPlaceMonth } = Migration20261208000200_place_month_hashed;

/*
 * Supervision rides on the monthly states: club_month keeps, per club and month, whether the club had a
 * supervision visit in the 12 months to the month's end (`supervised12m`), whether it had one by then (`rated`:
 * every visit has a rating) and whether the latest one by then was rated WEAK (`weak`, the latest by day, then
 * as recorded), and place_month sums them like the other stocks. A table of whole months reads them with the
 * club statement (from place_month for every province or the nation) instead of looking up every active club's
 * latest visit (6,521 probes for 2023, the largest statement of the table of all indicators).
 *
 * At a month's end the 12 months to it start on the first day of the month 11 months before, so a visit counts
 * from its month for 12 months; visits closer than that merge into one spell (as borrowers' disbursements do).
 * Statement triggers on supervision_visit rebuild the clubs a statement touched (club_months_after_change, as
 * for members and meetings); place_month follows club_month as before, with the three columns more.
 */
const SUPERVISION = ['supervised12m', 'rated', 'weak'];

const CLUB_MONTH_SUPERVISION: ClubMonthColumns = {
  columns: SUPERVISION,
  ctes: [
    `visits as (select club_id, date_trunc('month', visited_on)::date as month, visited_on, id, rating
        from supervision_visit where ids is null or club_id = any(ids))`,
    // A visit 12 months or more after the previous one starts a spell; visits in one month are peers.
    spells('visit_spells', 'visits', 'club_id'),
    // The latest visit of each month with a visit, and what changes from the previous such month.
    `visit_ratings as (
        select club_id, month, 1 - coalesce(lag(1) over w, 0) as d_rated, weak - coalesce(lag(weak) over w, 0) as d_weak from (
          select distinct on (club_id, month) club_id, month, (rating = 'WEAK')::int as weak
          from visits order by club_id, month, visited_on desc, id desc
        ) v window w as (partition by club_id order by month)
      )`,
  ],
  events: [
    { month: 'a', changes: { supervised12m: '1' }, from: 'visit_spells' },
    { month: 'b', changes: { supervised12m: '-1' }, from: 'visit_spells' },
    { month: 'month', changes: { rated: 'd_rated', weak: 'd_weak' }, from: 'visit_ratings' },
  ],
};

const STATE_INDEX_COLUMNS = [
  'club_id', 'members', 'older', 'women', 'older_women', 'poor_near_poor', 'volunteers', 'board', 'meetings_to_date',
  'income_generation_funds', 'activity_funds', 'capital', 'ig_capital', 'loans_disbursed', 'amount_disbursed', 'loans_due',
  'loans_on_time', 'loans_outstanding', 'outstanding', 'overdue30', 'borrowers12m',
];
/** club_month's (until, month) index, with every column the club statement reads (index-only scans). */
const stateIndex = (columns: readonly string[]) =>
  `create index "club_month_until_idx" on "club_month" ("until", "month") include (${columns.map((c) => `"${c}"`).join(', ')});`;

type PlaceMonthSql = ReturnType<typeof placeMonthFunctions>;

/** club_month rewritten (whole clubs): the states' share of the clubs that still exist (as Migration20261207201000_place_month). */
function followStates(pm: PlaceMonthSql): string {
  const ofRows = (rows: string) => `(select c.* from club c where c.id in (select club_id from ${rows}))`;
  return `create or replace function place_month_follow_states() returns trigger language plpgsql as $$
      begin
        ${pm.SKIP_BULK}
        if tg_op = 'DELETE' then
          ${pm.apply([{ clubs: ofRows('old_rows'), history: 'club_place_history', states: 'old_rows', presence: false, sign: -1 }])}
        else
          ${pm.apply([{ clubs: ofRows('new_rows'), history: 'club_place_history', states: 'new_rows', presence: false, sign: 1 }])}
        end if;
        return null;
      end $$;`;
}

/** Every function that names the columns, as `pm` and the club_month columns `more` write them. */
function functions(pm: PlaceMonthSql, more?: ClubMonthColumns): string[] {
  return [rebuildClubMonths(more), followStates(pm), ...pm.triggerFunctions(true), rebuildPlaceMonth(pm)];
}

/** Rebuilt once, club_month's rows not followed one by one into place_month (it is rebuilt after). */
const REBUILD = [
  'set local statement_timeout = 0;',
  `set local ishc.bulk_load = 'on';`,
  'select rebuild_club_months(null);',
  `set local ishc.bulk_load = 'off';`,
  'select rebuild_place_month();',
  'analyze club_month;',
  'analyze place_month;',
];

export class Migration20261208031000_supervision_states extends Migration {

  override async up(): Promise<void> {
    // 0 for the rows there (rebuilt below); every insert names the columns, as for the others.
    for (const table of ['club_month', 'place_month']) {
      this.addSql(`alter table "${table}" ${SUPERVISION.map((c) => `add column "${c}" int not null default 0`).join(', ')};`);
      this.addSql(`alter table "${table}" ${SUPERVISION.map((c) => `alter column "${c}" drop default`).join(', ')};`);
    }
    this.addSql('drop index if exists "club_month_until_idx";');
    this.addSql(stateIndex([...STATE_INDEX_COLUMNS, ...SUPERVISION]));
    for (const sql of functions(placeMonthFunctions(SUPERVISION), CLUB_MONTH_SUPERVISION)) this.addSql(sql);
    for (const op of ['insert', 'update', 'delete']) {
      const rows = { insert: 'new table as new_rows', update: 'old table as old_rows new table as new_rows', delete: 'old table as old_rows' }[op];
      this.addSql(`create trigger supervision_visit_months_${op} after ${op} on "supervision_visit" referencing ${rows} for each statement execute function club_months_after_change();`);
    }
    for (const sql of REBUILD) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const op of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists supervision_visit_months_${op} on "supervision_visit";`);
    for (const sql of functions(placeMonthFunctions())) this.addSql(sql);
    this.addSql('drop index if exists "club_month_until_idx";');
    this.addSql(`alter table "club_month" ${SUPERVISION.map((c) => `drop column "${c}"`).join(', ')};`);
    this.addSql(`alter table "place_month" ${SUPERVISION.map((c) => `drop column "${c}"`).join(', ')};`);
    this.addSql(stateIndex(STATE_INDEX_COLUMNS));
    for (const sql of REBUILD) this.addSql(sql);
  }

}
