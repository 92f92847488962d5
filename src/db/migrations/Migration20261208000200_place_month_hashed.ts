import { Migration } from '@mikro-orm/migrations';
import { Migration20261207215000_place_month_bulk } from './Migration20261207215000_place_month_bulk';

/*
 * rebuild_place_month, cheaper for the national seed (19.5 s of the seed's backend CPU): the 1.57 million
 * club-months (per structure) are summed into about 39,000 place rows by hashing instead of an external sort of
 * every expanded row (340 MB on disk; the planner, expecting hundreds of millions of groups from the series of
 * months, chose to sort). The sums are computed in a CTE of their own (materialized) with enable_sort off, so that
 * only the window over each club's months and the 39,000 rows' order for the insert are sorted. The setting is
 * off for that statement alone: the place-commune statement planned without sorts ran for many minutes. The rows
 * written are the same. Its SQL is built with the helpers of Migration20261207215000_place_month_bulk
 * (the same SQL as Migration20261207201000_place_month's for what this function writes).
 */

const placeMonth = Migration20261207215000_place_month_bulk.functions;

/** The function, as `pm` (the place_month helpers, with or without a later migration's columns) writes it. */
function rebuildPlaceMonth(pm: ReturnType<typeof placeMonth>): string {
  return `create or replace function rebuild_place_month() returns void language plpgsql set work_mem = '256MB' set enable_sort = on as $$
      begin
        truncate place_month;
        delete from place_month_horizon;
        -- A year ahead of today: periods ending later are counted from the clubs.
        insert into place_month_horizon values ((date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh') + interval '12 months')::date);
        -- For this statement only (the function's SET restores the setting when it returns).
        perform set_config('enable_sort', 'off', true);
        with ${pm.CLUBS('cl', 'club')}, sums as materialized (${pm.summed([pm.share({ clubs: 'cl', history: 'club_place_history', states: 'club_month', presence: true, sign: 1 })])})
        insert into place_month (${pm.KEYS.join(', ')}, ${pm.VALUES.join(', ')})
        select * from sums order by ${pm.KEYS.map((_, i) => i + 1).join(', ')};
        perform set_config('enable_sort', 'on', true);
        truncate place_month_commune;
        with ${pm.CLUBS('cl', 'club')}
        insert into place_month_commune (${pm.COMMUNE_KEYS.join(', ')}, communes)
        select structure, month, province, best, count(*)::int from (${pm.communeShare({ clubs: 'cl', history: 'club_place_history', communes: null, sign: 1, grouped: false })}) d
        group by 1, 2, 3, 4 order by 1, 2, 3, 4;
      end $$;`;
}

export class Migration20261208000200_place_month_hashed extends Migration {

  /** The function's SQL, for a later migration that adds columns (a migration module exports its class alone). */
  static readonly rebuildPlaceMonth = rebuildPlaceMonth;

  override async up(): Promise<void> {
    this.addSql(rebuildPlaceMonth(placeMonth()));
  }

}
