import { Migration } from '@mikro-orm/migrations';

/*
 * place_month's club trigger, cheap for bulk writes (an import of 20,000 clubs in chunks of 500 took 219 s, the
 * hub's drain is 20 s):
 * - The communes touched were recounted from every club placed in them, club by club and month by month: each
 *   chunk re-read all the clubs the import had already written there (quadratic). A commune's count keeps the
 *   smallest `ago` of its clubs, so clubs alike (same months, same communes, no place history) are read once.
 * - New clubs with no club_month rows and no place history add only their presence, which depends on their
 *   months, era and communes alone: they are counted per such group, each group expanded over its months once.
 * What is written is unchanged (rebuild_place_month, untouched, is what the tests compare with). The helpers
 * below are those of Migration20261207201000_place_month, frozen with it, plus the grouping.
 */

/**
 * The place_month SQL of this migration, as a function of more stock columns (counts summed like members: a
 * later migration adds supervision's, see Migration20261208031000_supervision_states); none gives this
 * migration's own.
 */
function placeMonthFunctions(moreStocks: readonly string[] = []) {
  const SPANS = [1, 3, 12];
  const STOCKS = ['members', 'older', 'women', 'older_women', 'poor_near_poor', 'volunteers', 'board', 'capital', 'ig_capital', 'loans_outstanding', 'outstanding', 'overdue30', 'borrowers12m', ...moreStocks];
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

  type Share = Omit<Parameters<typeof share>[0], 'clubs'>;

  /**
   * Adds signed shares (each of the clubs `clubs`), netted per key in one statement, in key order (concurrent
   * writers lock rows in the same order); rows left empty go.
   */
  const apply = (shares: Array<{ clubs: string } & Share>) => `
    with ${shares.map((s, i) => CLUBS(`cl${i}`, s.clubs)).join(', ')}
    insert into place_month as t (${KEYS.join(', ')}, ${VALUES.join(', ')})
    ${summed(shares.map((s, i) => share({ ...s, clubs: `cl${i}` })))}
    having ${VALUES.map((v) => `sum(d.sign * d.${v}) <> 0`).join(' or ')}
    order by ${KEYS.map((k) => `d.${k}`).join(', ')}
    on conflict (${KEYS.join(', ')}) do update set ${VALUES.map((v) => `${v} = t.${v} + excluded.${v}`).join(', ')};
    delete from place_month where clubs = 0;`;

  /**
   * Communes with clubs, per structure, month, province and `best`: the smallest `ago` among the clubs placed in
   * the commune at the month's end (-1: one not dissolved), so that a period of k months ending then finds the
   * communes with an active club among those with best < k. Only for the communes `communes` (placed ids, an
   * int[] expression; null: all), from the clubs of `clubs` placed there with history `history`, signed.
   */
  function communeShare(o: { clubs: string; history: string; communes: string | null; sign: 1 | -1; grouped: boolean }): string {
    const cl = o.clubs;
    // Grouped: a commune keeps its clubs' smallest `ago`, so clubs alike with no place history are read once.
    const clubs = o.grouped
      ? `(select distinct case when c.id in (select club_id from ${o.history}) then c.id end as id, c.fm, c.dm, c.last, c.pre, c.post from ${cl} c) ${cl}`
      : cl;
    const commune = (a: string, pre: string, post: string) =>
      `case when st.structure = 'PRE_2025' then coalesce(${a}.${pre}, ${a}.${post}) else coalesce(${a}.${post}, ${a}.${pre}) end`;
    return `
      select b.structure, b.month, b.province, b.best, ${o.sign} as sign, 1 as communes from (
        select st.structure, x.month, r.placed_id, coalesce(r.province_id, r.placed_id) as province,
          min(case when ${cl}.dm is null or ${cl}.dm > x.month then -1 else ${N('x.month')} - ${N(`${cl}.dm`)} end)::smallint as best
        from ${clubs} cross join lateral generate_series(${cl}.fm, ${cl}.last, interval '1 month') gm cross join lateral (select gm::date as month) x
        cross join (values ('PRE_2025'), ('POST_2025')) st(structure)
        left join ${o.history} h on h.club_id = ${cl}.id and h.valid_from <= ${END('x.month')} and h.valid_until > ${END('x.month')}
        join unit_placement r on r.structure = st.structure and r.placed_level = 'COMMUNE'
          and r.unit_id = case when h.club_id is null then ${commune(cl, 'pre', 'post')} else ${commune('h', 'commune_pre2025_id', 'commune_post2025_id')} end
        ${o.communes ? `where r.placed_id = any(${o.communes})` : ''}
        group by 1, 2, 3, 4
      ) b`;
  }

  const COMMUNE_KEYS = ['structure', 'month', 'province', 'best'];

  /**
   * Recounts the communes `communes` (placed ids): their share as counted from the clubs and history before
   * (`before`) taken away, and as they are now added. Only the clubs with a commune placed in one of them, now or
   * in their history, are read.
   */
  const recountCommunes = (communes: string, before: { clubs: string; history: string }, after: { clubs: string; history: string }, grouped: boolean) => {
    // Units placed in the communes, and the clubs of a relation with one of them (now or before a move).
    const near = `array(select r.unit_id from unit_placement r where r.placed_id = any(${communes}))`;
    const nearClubs = (clubs: string, history: string) => `(select c.* from ${clubs} c where c.commune_pre2025_id = any(${near}) or c.commune_post2025_id = any(${near})
        or c.id in (select h.club_id from ${history} h where h.commune_pre2025_id = any(${near}) or h.commune_post2025_id = any(${near})))`;
    return `
    with ${CLUBS('cb', nearClubs(before.clubs, before.history))}, ${CLUBS('ca', nearClubs(after.clubs, after.history))}
    insert into place_month_commune as t (${COMMUNE_KEYS.join(', ')}, communes)
    select ${COMMUNE_KEYS.map((k) => `d.${k}`).join(', ')}, sum(d.sign * d.communes)::int
    from (${communeShare({ clubs: 'cb', history: before.history, communes, sign: -1, grouped })} union all ${communeShare({ clubs: 'ca', history: after.history, communes, sign: 1, grouped })}) d
    group by ${COMMUNE_KEYS.map((k) => `d.${k}`).join(', ')}
    having sum(d.sign * d.communes) <> 0
    order by ${COMMUNE_KEYS.map((k) => `d.${k}`).join(', ')}
    on conflict (${COMMUNE_KEYS.join(', ')}) do update set communes = t.communes + excluded.communes;
    delete from place_month_commune where communes = 0;`;
  };

  /** The placed communes (both structures) of the communes of clubs `clubs` and of their place history rows `history`. */
  const communesOf = (clubs: string, history: string) => `array(select distinct r.placed_id from unit_placement r
      where r.placed_level = 'COMMUNE' and r.unit_id in (
        select unnest(array[c.commune_pre2025_id, c.commune_post2025_id]) from ${clubs} c
        union select unnest(array[h.commune_pre2025_id, h.commune_post2025_id]) from ${history} h))`;

  const SKIP_BULK = `if current_setting('ishc.bulk_load', true) = 'on' then return null; end if;`;

  /**
   * The presence alone of clubs with no states and no place history, from `groups` (CLUBS' columns but id, and n:
   * how many clubs alike), signed: what share() adds for each of them, times n.
   */
  function presenceShare(groups: string, sign: 1 | -1): string {
    const g = groups;
    const values = VALUES.map((v) => {
      if (v === 'clubs') return `${g}.n as clubs`;
      const k = SPANS.find((s) => v === `club_months_${s}`);
      if (k === undefined) return `0 as ${v}`;
      return `${g}.n * (${k} - greatest(0, ${N(`${g}.fm`)} - (${N('x.month')} - ${k - 1})) - case when ${g}.dm <= x.month then ${N('x.month')} - ${N(`${g}.dm`)} else 0 end) as ${v}`;
    });
    return `
      select st.structure, x.month, coalesce(r.province_id, r.placed_id, 0) as province,
        case when r.placed_id is null then 'NONE' when r.placed_level = 'COMMUNE' then 'COMMUNE' else 'ABOVE' end as placed,
        ${g}.era, (case when ${g}.dm is null or ${g}.dm > x.month then -1 else ${N('x.month')} - ${N(`${g}.dm`)} end)::smallint as ago,
        ${sign} as sign, ${values.join(', ')}
      from ${g} cross join lateral generate_series(${g}.fm, ${g}.last, interval '1 month') gm cross join lateral (select gm::date as month) x
      cross join (values ('PRE_2025'), ('POST_2025')) st(structure)
      left join unit_placement r on r.structure = st.structure
        and r.unit_id = case when st.structure = 'PRE_2025' then coalesce(${g}.pre, ${g}.post) else coalesce(${g}.post, ${g}.pre) end`;
  }

  /** Adds the new clubs `clubs`: those alike with no states nor place history per group, the others club by club. */
  const applyNew = (clubs: string) => {
    const bare = `not exists (select 1 from club_month s where s.club_id = n.id) and not exists (select 1 from club_place_history h where h.club_id = n.id)`;
    return `
    with ${CLUBS('bare', `(select * from ${clubs} n where ${bare})`)},
      alike as (select fm, dm, era, pre, post, last, count(*)::int as n from bare group by fm, dm, era, pre, post, last),
      ${CLUBS('singles', `(select * from ${clubs} n where not (${bare}))`)}
    insert into place_month as t (${KEYS.join(', ')}, ${VALUES.join(', ')})
    ${summed([presenceShare('alike', 1), share({ clubs: 'singles', history: 'club_place_history', states: 'club_month', presence: true, sign: 1, byClub: true })])}
    having ${VALUES.map((v) => `sum(d.sign * d.${v}) <> 0`).join(' or ')}
    order by ${KEYS.map((k) => `d.${k}`).join(', ')}
    on conflict (${KEYS.join(', ')}) do update set ${VALUES.map((v) => `${v} = t.${v} + excluded.${v}`).join(', ')};
    delete from place_month where clubs = 0;`;
  };

  /** The club and place history trigger functions; `bulk`: cheap for many clubs (this migration), or as they were. */
  function triggerFunctions(bulk: boolean): string[] {
    const sql: string[] = [];
    const CHANGED = `o.founded_on is distinct from n.founded_on or o.dissolved_on is distinct from n.dissolved_on
        or o.commune_pre2025_id is distinct from n.commune_pre2025_id or o.commune_post2025_id is distinct from n.commune_post2025_id`;
    const changed = (side: 'o' | 'n') => `(select ${side}.* from old_rows o join new_rows n on n.id = o.id where ${CHANGED})`;
    const whole = (clubs: string, sign: 1 | -1, history = 'club_place_history') => ({ clubs, history, states: 'club_month', presence: true, sign, byClub: true });
    sql.push(`create or replace function place_month_follow_club() returns trigger language plpgsql as $$
        begin
          ${SKIP_BULK}
          if tg_op = 'INSERT' then
            ${bulk ? applyNew('new_rows') : apply([whole('new_rows', 1)])}
            ${recountCommunes(communesOf('new_rows', '(select * from club_place_history where false)'), { clubs: '(select * from club where id not in (select id from new_rows))', history: 'club_place_history' }, { clubs: 'club', history: 'club_place_history' }, bulk)}
          else
            ${apply([whole(changed('o'), -1), whole(changed('n'), 1)])}
            ${recountCommunes(
              communesOf(`(${changed('o')} union all ${changed('n')})`, `(select * from club_place_history where club_id in (select id from ${changed('n')}))`),
              { clubs: `(select * from club where id not in (select id from ${changed('n')}) union all ${changed('o')})`, history: 'club_place_history' },
              { clubs: 'club', history: 'club_place_history' },
              bulk,
            )}
          end if;
          return null;
        end $$;`);
    sql.push(`create or replace function place_month_forget_club() returns trigger language plpgsql as $$
        begin
          if current_setting('ishc.bulk_load', true) = 'on' then return old; end if;
          ${apply([whole(`(select ${['id', 'founded_on', 'dissolved_on', 'commune_pre2025_id', 'commune_post2025_id'].map((c) => `old.${c} as ${c}`).join(', ')})`, -1)])}
          ${recountCommunes(
            communesOf('(select old.commune_pre2025_id, old.commune_post2025_id)', '(select * from club_place_history where club_id = old.id)'),
            { clubs: 'club', history: 'club_place_history' },
            { clubs: '(select * from club where id <> old.id)', history: '(select * from club_place_history where club_id <> old.id)' },
            bulk,
          )}
          return old;
        end $$;`);
    const history = { insert: { old: null, added: 'new_rows' }, update: { old: 'old_rows', added: 'new_rows' }, delete: { old: 'old_rows', added: null } } as const;
    for (const [event, { old, added }] of Object.entries(history)) {
      const before = `(select * from club_place_history x${added ? ` where not exists (select 1 from ${added} n where n.club_id = x.club_id and n.valid_from = x.valid_from)` : ''}${old ? ` union all select * from ${old}` : ''})`;
      const clubs = `(select c.* from club c where c.id in (${[old, added].filter(Boolean).map((t) => `select club_id from ${t}`).join(' union ')}))`;
      sql.push(`create or replace function place_month_follow_history_${event}() returns trigger language plpgsql as $$
          begin
            ${SKIP_BULK}
            ${apply([whole(clubs, -1, before), whole(clubs, 1)])}
            ${recountCommunes(communesOf(clubs, `(select * from ${before} b where b.club_id in (select id from ${clubs} c) union all select * from club_place_history where club_id in (select id from ${clubs} c))`), { clubs: 'club', history: before }, { clubs: 'club', history: 'club_place_history' }, bulk)}
            return null;
          end $$;`);
    }
    return sql;
  }

  return { KEYS, VALUES, COMMUNE_KEYS, SKIP_BULK, type, share, CLUBS, summed, apply, communeShare, triggerFunctions };
}

export class Migration20261207215000_place_month_bulk extends Migration {

  /** The SQL helpers, for a later migration that adds columns (a migration module exports its class alone). */
  static readonly functions = placeMonthFunctions;

  override async up(): Promise<void> {
    for (const sql of placeMonthFunctions().triggerFunctions(true)) this.addSql(sql);
  }

  override async down(): Promise<void> {
    for (const sql of placeMonthFunctions().triggerFunctions(false)) this.addSql(sql);
  }

}
