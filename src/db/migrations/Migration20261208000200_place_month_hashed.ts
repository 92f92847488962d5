import { Migration } from '@mikro-orm/migrations';

/*
 * rebuild_place_month, cheaper for the national seed (19.5 s of the seed's backend CPU): the 1.57 million
 * club-months (per structure) are summed into about 39,000 place rows by hashing instead of an external sort of
 * every expanded row (340 MB on disk; the planner, expecting hundreds of millions of groups from the series of
 * months, chose to sort). The sums are computed in a CTE of their own (materialized) with enable_sort off, so that
 * only the window over each club's months and the 39,000 rows' order for the insert are sorted. The setting is
 * off for that statement alone: the place-commune statement planned without sorts ran for many minutes. The rows
 * written are the same. The helpers below are those of Migration20261207201000_place_month, frozen with it.
 */

const SPANS = [1, 3, 12];
const STOCKS = ['members', 'older', 'women', 'older_women', 'poor_near_poor', 'volunteers', 'board', 'capital', 'ig_capital', 'loans_outstanding', 'outstanding', 'overdue30', 'borrowers12m'];
const GROWTHS: Record<string, string> = { meetings: 'meetings_to_date', loans_disbursed: 'loans_disbursed', amount_disbursed: 'amount_disbursed', loans_due: 'loans_due', loans_on_time: 'loans_on_time' };
const THRESHOLDS = ['both_funds', 'clubs50to70', 'fully_active'];
const MONEY = ['capital', 'ig_capital', 'outstanding', 'overdue30', 'amount_disbursed'];
/** The club_month columns read. */
const STATE = [...new Set([...STOCKS, ...Object.values(GROWTHS), 'income_generation_funds', 'activity_funds'])];

const VALUES = ['clubs', ...SPANS.map((k) => `club_months_${k}`), ...STOCKS, ...Object.keys(GROWTHS).flatMap((g) => SPANS.map((k) => `${g}_${k}`)), ...THRESHOLDS];
const KEYS = ['structure', 'month', 'province', 'placed', 'era', 'ago'];
const type = (c: string) => (MONEY.some((m) => c === m || c.startsWith(`${m}_`)) ? 'bigint' : 'int');

/** A month's number (year × 12 + month). */
const N = (d: string) => `(extract(year from ${d}) * 12 + extract(month from ${d}))::int`;
const END = (m: string) => `(${m} + interval '1 month' - interval '1 day')::date`;

/**
 * The share of the clubs `clubs` (rows with club's columns) in every month, per place key, signed: with their
 * place history `history`, their states `states` (club_month rows: all of each club's), and with their presence
 * (clubs, club-months) or without it (the states' share alone). `byClub`: the states are read club by club
 * (club_month through its primary key, when a trigger touches a few clubs; the planner cannot know how few).
 */
function share(o: { clubs: string; history: string; states: string; presence: boolean; sign: 1 | -1; byClub?: boolean }): string {
  const cl = o.clubs;
  const zeros = STATE.map((c) => `0::${type(c)} as ${c}`).join(', ');
  const presence = o.presence
    ? [
        `1 as clubs`,
        ...SPANS.map(
          (k) => `${k} - greatest(0, ${N('x.fm')} - (${N('x.month')} - ${k - 1})) - case when x.dm <= x.month then ${N('x.month')} - ${N('x.dm')} else 0 end as club_months_${k}`,
        ),
      ]
    : ['0 as clubs', ...SPANS.map((k) => `0 as club_months_${k}`)];
  const growths = Object.entries(GROWTHS).flatMap(([g, col]) => SPANS.map((k) => `x.${col} - coalesce(lag(x.${col}, ${k}) over w, 0) as ${g}_${k}`));
  const funds = 'x.income_generation_funds > 0 and x.activity_funds > 0';
  const commune = (a: string, pre: string, post: string) =>
    `case when st.structure = 'PRE_2025' then coalesce(${a}.${pre}, ${a}.${post}) else coalesce(${a}.${post}, ${a}.${pre}) end`;
  return `
    select st.structure, y.month, coalesce(r.province_id, r.placed_id, 0) as province,
      case when r.placed_id is null then 'NONE' when r.placed_level = 'COMMUNE' then 'COMMUNE' else 'ABOVE' end as placed,
      y.era, y.ago, ${o.sign} as sign, ${VALUES.map((v) => `y.${v}`).join(', ')}
    from (
      select x.id, x.month, x.era, x.pre, x.post, case when x.dm is null or x.dm > x.month then -1 else ${N('x.month')} - ${N('x.dm')} end::smallint as ago,
        x.fm, ${presence.join(', ')}, ${STOCKS.map((c) => `x.${c}`).join(', ')}, ${growths.join(', ')},
        (${funds})::int as both_funds, (x.members between 50 and 70)::int as clubs50to70,
        (${funds} and x.meetings_to_date - coalesce(lag(x.meetings_to_date, 12) over w, 0) >= 10)::int as fully_active
      from (
        -- Each state row over the months it holds, from 12 months before the founding (the growths look back)
        -- to the club's last month; with the presence, the months from the founding to the first state.
        select ${cl}.*, gm::date as month, ${STATE.map((c) => `s.${c}`).join(', ')}
        from ${cl} ${o.byClub ? `cross join lateral (select * from ${o.states} s where s.club_id = ${cl}.id) s` : `join ${o.states} s on s.club_id = ${cl}.id`}
        cross join lateral generate_series(greatest(s.month, ${cl}.fm - interval '12 months'), least(s.until - interval '1 month', ${cl}.last), interval '1 month') gm
        ${
          o.presence
            ? `union all
        select ${cl}.*, gm::date, ${zeros}
        from ${cl} cross join lateral generate_series(${cl}.fm, least(${cl}.last, (select min(s.month) from ${o.states} s where s.club_id = ${cl}.id) - interval '1 month'), interval '1 month') gm`
            : ''
        }
      ) x
      window w as (partition by x.id order by x.month)
    ) y
    cross join (values ('PRE_2025'), ('POST_2025')) st(structure)
    left join ${o.history} h on h.club_id = y.id and h.valid_from <= ${END('y.month')} and h.valid_until > ${END('y.month')}
    left join unit_placement r on r.structure = st.structure
      and r.unit_id = case when h.club_id is null then ${commune('y', 'pre', 'post')} else ${commune('h', 'commune_pre2025_id', 'commune_post2025_id')} end
    where y.month >= y.fm`;
}

/** The clubs of `clubs` with their founding and dissolution months, era, communes and last month, as `name`. */
const CLUBS = (name: string, clubs: string) => `${name} as (
    select c.id, date_trunc('month', c.founded_on)::date as fm, date_trunc('month', c.dissolved_on)::date as dm,
      (case when c.founded_on >= '2025-08-01' then 2 when c.founded_on >= '2020-08-31' then 1 else 0 end)::smallint as era,
      c.commune_pre2025_id as pre, c.commune_post2025_id as post,
      least((select month from place_month_horizon), (date_trunc('month', c.dissolved_on) + interval '11 months')::date) as last
    from ${clubs} c)`;

const summed = (selects: string[]) => `
  select ${KEYS.map((k) => `d.${k}`).join(', ')}, ${VALUES.map((v) => `sum(d.sign * d.${v})::${type(v)}`).join(', ')}
  from (${selects.join(' union all ')}) d
  group by ${KEYS.map((k) => `d.${k}`).join(', ')}`;

/**
 * Communes with clubs, per structure, month, province and `best`: the smallest `ago` among the clubs placed in
 * the commune at the month's end (-1: one not dissolved), so that a period of k months ending then finds the
 * communes with an active club among those with best < k. Only for the communes `communes` (placed ids, an
 * int[] expression; null: all), from the clubs of `clubs` placed there with history `history`, signed.
 */
function communeShare(o: { clubs: string; history: string; communes: string | null; sign: 1 | -1 }): string {
  const cl = o.clubs;
  const commune = (a: string, pre: string, post: string) =>
    `case when st.structure = 'PRE_2025' then coalesce(${a}.${pre}, ${a}.${post}) else coalesce(${a}.${post}, ${a}.${pre}) end`;
  return `
    select b.structure, b.month, b.province, b.best, ${o.sign} as sign, 1 as communes from (
      select st.structure, x.month, r.placed_id, coalesce(r.province_id, r.placed_id) as province,
        min(case when ${cl}.dm is null or ${cl}.dm > x.month then -1 else ${N('x.month')} - ${N(`${cl}.dm`)} end)::smallint as best
      from ${cl} cross join lateral generate_series(${cl}.fm, ${cl}.last, interval '1 month') gm cross join lateral (select gm::date as month) x
      cross join (values ('PRE_2025'), ('POST_2025')) st(structure)
      left join ${o.history} h on h.club_id = ${cl}.id and h.valid_from <= ${END('x.month')} and h.valid_until > ${END('x.month')}
      join unit_placement r on r.structure = st.structure and r.placed_level = 'COMMUNE'
        and r.unit_id = case when h.club_id is null then ${commune(cl, 'pre', 'post')} else ${commune('h', 'commune_pre2025_id', 'commune_post2025_id')} end
      ${o.communes ? `where r.placed_id = any(${o.communes})` : ''}
      group by 1, 2, 3, 4
    ) b`;
}

const COMMUNE_KEYS = ['structure', 'month', 'province', 'best'];

export class Migration20261208000200_place_month_hashed extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function rebuild_place_month() returns void language plpgsql set work_mem = '256MB' set enable_sort = on as $$
      begin
        truncate place_month;
        delete from place_month_horizon;
        -- A year ahead of today: periods ending later are counted from the clubs.
        insert into place_month_horizon values ((date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh') + interval '12 months')::date);
        -- For this statement only (the function's SET restores the setting when it returns).
        perform set_config('enable_sort', 'off', true);
        with ${CLUBS('cl', 'club')}, sums as materialized (${summed([share({ clubs: 'cl', history: 'club_place_history', states: 'club_month', presence: true, sign: 1 })])})
        insert into place_month (${KEYS.join(', ')}, ${VALUES.join(', ')})
        select * from sums order by ${KEYS.map((_, i) => i + 1).join(', ')};
        perform set_config('enable_sort', 'on', true);
        truncate place_month_commune;
        with ${CLUBS('cl', 'club')}
        insert into place_month_commune (${COMMUNE_KEYS.join(', ')}, communes)
        select structure, month, province, best, count(*)::int from (${communeShare({ clubs: 'cl', history: 'club_place_history', communes: null, sign: 1 })}) d
        group by 1, 2, 3, 4 order by 1, 2, 3, 4;
      end $$;`);
  }

}
