import { Migration } from '@mikro-orm/migrations';

/*
 * place_month: what the club statement of a table by province or of the nation reads, summed per place and
 * month instead of per club (see PlaceMonthSchema). A club adds to each month M from its founding month to the
 * horizon, or to 11 months after its dissolution month (no period of at most 12 months ending later can count
 * it), in the row of:
 * - the structure, and where it was at M's end (club_place_history, else its communes; the commune of the
 *   structure, else of the other, placed by unit_placement): the province its figures roll up to (0: none),
 *   and `placed` COMMUNE, ABOVE (a district or province) or NONE (no unit, or the nation);
 * - its founding era (0 before 2020-08-31, 1 from then, 2 from 2025-08-01: the schemes of Decisions 1336 and
 *   1648) and `ago`, the months since its dissolution month (-1: not dissolved by M), so that a period P of k
 *   months ending with M counts the clubs with ago < k: founded by its end, not dissolved before its start.
 * What it adds: 1 to `clubs`; its months within each span of k months to M (club_months_k, as the club statement
 * counts a club's months in P); its state at M's end (club_month); for each to-date column and span, the state
 * at M less the state k months earlier (the growth in a period of k months); and 1 for each threshold its state
 * meets (both funds opened; 50–70 members; both funds and 10 meetings in the 12 months to M).
 *
 * Kept in the write's transaction: club_month is only ever rewritten whole per club (rebuild_club_months
 * deletes a club's rows and inserts them again), so its statement triggers take the deleted rows' share of the
 * states away and add the inserted rows' share (the clubs' presence, which does not depend on the states, stays).
 * Triggers on club and club_place_history take the touched clubs' whole share away as they were and add it as
 * they are; a new unit_placement rebuilds everything. `rebuild_place_month()` rebuilds from scratch (the seed
 * loads without triggers and calls it).
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

/**
 * Recounts the communes `communes` (placed ids): their share as counted from the clubs and history before
 * (`before`) taken away, and as they are now added. Only the clubs with a commune placed in one of them, now or
 * in their history, are read.
 */
const recountCommunes = (communes: string, before: { clubs: string; history: string }, after: { clubs: string; history: string }) => {
  // Units placed in the communes, and the clubs of a relation with one of them (now or before a move).
  const near = `array(select r.unit_id from unit_placement r where r.placed_id = any(${communes}))`;
  const nearClubs = (clubs: string, history: string) => `(select c.* from ${clubs} c where c.commune_pre2025_id = any(${near}) or c.commune_post2025_id = any(${near})
      or c.id in (select h.club_id from ${history} h where h.commune_pre2025_id = any(${near}) or h.commune_post2025_id = any(${near})))`;
  return `
  with ${CLUBS('cb', nearClubs(before.clubs, before.history))}, ${CLUBS('ca', nearClubs(after.clubs, after.history))}
  insert into place_month_commune as t (${COMMUNE_KEYS.join(', ')}, communes)
  select ${COMMUNE_KEYS.map((k) => `d.${k}`).join(', ')}, sum(d.sign * d.communes)::int
  from (${communeShare({ clubs: 'cb', history: before.history, communes, sign: -1 })} union all ${communeShare({ clubs: 'ca', history: after.history, communes, sign: 1 })}) d
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

export class Migration20261207201000_place_month extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "place_month" ("structure" text not null, "month" date not null, "province" int not null, "placed" text not null,
      "era" smallint not null, "ago" smallint not null, ${VALUES.map((v) => `"${v}" ${type(v) === 'int' ? 'int' : 'bigint'} not null`).join(', ')},
      constraint "place_month_pkey" primary key ("structure", "month", "province", "placed", "era", "ago"));`);
    this.addSql(`create index "place_month_empty_idx" on "place_month" ("month") where "clubs" = 0;`);
    this.addSql(`create table "place_month_horizon" ("month" date not null, constraint "place_month_horizon_pkey" primary key ("month"));`);
    this.addSql(`create table "place_month_commune" ("structure" text not null, "month" date not null, "province" int not null, "best" smallint not null, "communes" int not null,
      constraint "place_month_commune_pkey" primary key ("structure", "month", "province", "best"));`);

    this.addSql(`create function rebuild_place_month() returns void language plpgsql set work_mem = '256MB' as $$
      begin
        truncate place_month;
        delete from place_month_horizon;
        -- A year ahead of today: periods ending later are counted from the clubs.
        insert into place_month_horizon values ((date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh') + interval '12 months')::date);
        with ${CLUBS('cl', 'club')}
        insert into place_month (${KEYS.join(', ')}, ${VALUES.join(', ')})
        ${summed([share({ clubs: 'cl', history: 'club_place_history', states: 'club_month', presence: true, sign: 1 })])}
        order by ${KEYS.map((k) => `d.${k}`).join(', ')};
        truncate place_month_commune;
        with ${CLUBS('cl', 'club')}
        insert into place_month_commune (${COMMUNE_KEYS.join(', ')}, communes)
        select structure, month, province, best, count(*)::int from (${communeShare({ clubs: 'cl', history: 'club_place_history', communes: null, sign: 1 })}) d
        group by 1, 2, 3, 4 order by 1, 2, 3, 4;
      end $$;`);

    // club_month rewritten (whole clubs): the states' share of the clubs that still exist (a deleted club's whole
    // share went with it, see place_month_forget_club).
    const ofRows = (rows: string) => `(select c.* from club c where c.id in (select club_id from ${rows}))`;
    this.addSql(`create function place_month_follow_states() returns trigger language plpgsql as $$
      begin
        ${SKIP_BULK}
        if tg_op = 'DELETE' then
          ${apply([{ clubs: ofRows('old_rows'), history: 'club_place_history', states: 'old_rows', presence: false, sign: -1 }])}
        else
          ${apply([{ clubs: ofRows('new_rows'), history: 'club_place_history', states: 'new_rows', presence: false, sign: 1 }])}
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger place_month_states_insert after insert on "club_month" referencing new table as new_rows for each statement execute function place_month_follow_states();`);
    this.addSql(`create trigger place_month_states_delete after delete on "club_month" referencing old table as old_rows for each statement execute function place_month_follow_states();`);

    // Clubs founded, re-dated, moved or dissolved: their whole share as they were, then as they are.
    const CHANGED = `o.founded_on is distinct from n.founded_on or o.dissolved_on is distinct from n.dissolved_on
      or o.commune_pre2025_id is distinct from n.commune_pre2025_id or o.commune_post2025_id is distinct from n.commune_post2025_id`;
    const changed = (side: 'o' | 'n') => `(select ${side}.* from old_rows o join new_rows n on n.id = o.id where ${CHANGED})`;
    const whole = (clubs: string, sign: 1 | -1, history = 'club_place_history') => ({ clubs, history, states: 'club_month', presence: true, sign, byClub: true });
    this.addSql(`create function place_month_follow_club() returns trigger language plpgsql as $$
      begin
        ${SKIP_BULK}
        if tg_op = 'INSERT' then
          ${apply([whole('new_rows', 1)])}
          ${recountCommunes(communesOf('new_rows', '(select * from club_place_history where false)'), { clubs: '(select * from club where id not in (select id from new_rows))', history: 'club_place_history' }, { clubs: 'club', history: 'club_place_history' })}
        else
          ${apply([whole(changed('o'), -1), whole(changed('n'), 1)])}
          ${recountCommunes(
            communesOf(`(${changed('o')} union all ${changed('n')})`, `(select * from club_place_history where club_id in (select id from ${changed('n')}))`),
            { clubs: `(select * from club where id not in (select id from ${changed('n')}) union all ${changed('o')})`, history: 'club_place_history' },
            { clubs: 'club', history: 'club_place_history' },
          )}
        end if;
        return null;
      end $$;`);
    // A deleted club's share leaves while its states and history are still there (they go by cascade after it).
    this.addSql(`create function place_month_forget_club() returns trigger language plpgsql as $$
      begin
        if current_setting('ishc.bulk_load', true) = 'on' then return old; end if;
        ${apply([whole(`(select ${['id', 'founded_on', 'dissolved_on', 'commune_pre2025_id', 'commune_post2025_id'].map((c) => `old.${c} as ${c}`).join(', ')})`, -1)])}
        ${recountCommunes(
          communesOf('(select old.commune_pre2025_id, old.commune_post2025_id)', '(select * from club_place_history where club_id = old.id)'),
          { clubs: 'club', history: 'club_place_history' },
          { clubs: '(select * from club where id <> old.id)', history: '(select * from club_place_history where club_id <> old.id)' },
        )}
        return old;
      end $$;`);
    this.addSql(`create trigger place_month_club_insert after insert on "club" referencing new table as new_rows for each statement execute function place_month_follow_club();`);
    this.addSql(`create trigger place_month_club_update after update on "club" referencing old table as old_rows new table as new_rows for each statement execute function place_month_follow_club();`);
    this.addSql(`create trigger place_month_club_delete before delete on "club" for each row execute function place_month_forget_club();`);

    // The place history changed (a move, written by club_move while the club still has its old row): the clubs
    // concerned, placed with the history as it was before the statement, then as it is.
    const history = { insert: { old: null, added: 'new_rows' }, update: { old: 'old_rows', added: 'new_rows' }, delete: { old: 'old_rows', added: null } } as const;
    for (const [event, { old, added }] of Object.entries(history)) {
      const before = `(select * from club_place_history x${added ? ` where not exists (select 1 from ${added} n where n.club_id = x.club_id and n.valid_from = x.valid_from)` : ''}${old ? ` union all select * from ${old}` : ''})`;
      const clubs = `(select c.* from club c where c.id in (${[old, added].filter(Boolean).map((t) => `select club_id from ${t}`).join(' union ')}))`;
      this.addSql(`create function place_month_follow_history_${event}() returns trigger language plpgsql as $$
        begin
          ${SKIP_BULK}
          ${apply([whole(clubs, -1, before), whole(clubs, 1)])}
          ${recountCommunes(communesOf(clubs, `(select * from ${before} b where b.club_id in (select id from ${clubs} c) union all select * from club_place_history where club_id in (select id from ${clubs} c))`), { clubs: 'club', history: before }, { clubs: 'club', history: 'club_place_history' })}
          return null;
        end $$;`);
      const refs = [old && 'old table as old_rows', added && 'new table as new_rows'].filter(Boolean).join(' ');
      this.addSql(`create trigger place_month_history_${event} after ${event} on "club_place_history" referencing ${refs} for each statement execute function place_month_follow_history_${event}();`);
    }

    // Units placed anew (the reference units loaded): every club may count elsewhere.
    this.addSql(`create function place_month_follow_placement() returns trigger language plpgsql as $$
      begin
        ${SKIP_BULK}
        perform rebuild_place_month();
        return null;
      end $$;`);
    this.addSql(`create trigger place_month_placement after insert or update or delete on "unit_placement" for each statement execute function place_month_follow_placement();`);

    this.addSql('set local statement_timeout = 0;');
    this.addSql('select rebuild_place_month();');
    this.addSql('analyze place_month;');
    this.addSql('analyze place_month_commune;');
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists place_month_placement on "unit_placement";');
    for (const event of ['insert', 'update', 'delete']) {
      this.addSql(`drop trigger if exists place_month_club_${event} on "club";`);
      this.addSql(`drop trigger if exists place_month_history_${event} on "club_place_history";`);
    }
    for (const event of ['insert', 'delete']) this.addSql(`drop trigger if exists place_month_states_${event} on "club_month";`);
    for (const fn of ['place_month_follow_states', 'place_month_follow_club', 'place_month_forget_club', 'place_month_follow_history_insert', 'place_month_follow_history_update', 'place_month_follow_history_delete', 'place_month_follow_placement', 'rebuild_place_month']) {
      this.addSql(`drop function if exists ${fn}();`);
    }
    this.addSql('drop table if exists "place_month_horizon";');
    this.addSql('drop table if exists "place_month_commune";');
    this.addSql('drop table if exists "place_month";');
  }

}
