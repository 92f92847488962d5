import { Client } from 'pg';
import { AS_OF, iso } from './dates';

/**
 * Health checks and home-care visits of the demo world, generated in SQL from the members already loaded (a few
 * INSERT … SELECT statements: nothing row by row in Node). Every draw is a hash of the member's id, the seed and
 * a salt, and rows are inserted in a fixed order, so the same seed gives the same rows and ids. Rates (README, "Demo data"; sources there):
 * - ICOPE step-1 screenings: in the 12 months to AS_OF, about 45 % of the older members (60+) once; a domain
 *   screens positive with the probabilities of SCREEN_POSITIVE (half again for people aged 80+, capped), 5 % of
 *   domains not done; a positive screening is referred in about 55 % of cases (70 % to the commune health
 *   station, 25 % to the district, 5 % to the province).
 * - Blood pressure at the monthly meetings of the last 3 months before AS_OF: about 55 % of the older members and
 *   25 % of the younger ones, each month with probability 0.6, and at 90 % of the screenings. About 48 % of older
 *   members (20 % of younger ones) read at 140/90 or more.
 * - Home-care visits in the 3 months to AS_OF: each home-care volunteer looks after members aged 75 or more of
 *   the club (each with probability 0.08), visiting each about once a month (probability 0.6).
 */
export const SCREEN_POSITIVE = { cognition: 0.25, mobility: 0.2, nutrition: 0.1, vision: 0.35, hearing: 0.25, mood: 0.15 } as const;
const OLDER_HYPERTENSIVE = 0.48;
const YOUNGER_HYPERTENSIVE = 0.2;

/** A uniform draw in [0, 1) from a member (or pair) id, the seed and a salt: deterministic, set-based. */
const u = (id: string, seed: number, salt: number) => `((hashint8((${id})::bigint * 7919 + ${seed} + ${salt * 104729})::bigint & 2147483647)::float8 / 2147483648)`;

const BIRTH = (m: string) => `coalesce(${m}.birth_date, make_date(${m}.birth_year, 1, 1))`;
/** The member and the club on a day: a member then, in a club active then. */
const OPEN_ON = (d: string) =>
  `m.joined_on <= ${d} and (m.left_on is null or m.left_on > ${d}) and c.founded_on <= ${d} and (c.dissolved_on is null or c.dissolved_on > ${d})`;

/** Loads the demo's health checks and home-care visits; returns the rows written per table. */
export async function seedHealth(client: Client, seed: number): Promise<{ health_check: number; home_care_visit: number }> {
  // The rows are consistent by construction (drawn from member and club): as the bulk load does, a superuser skips
  // the per-row foreign-key checks, inside the seed's transaction, and puts them back at the end.
  const { rows: role } = await client.query<{ rolsuper: boolean }>('select rolsuper from pg_roles where rolname = current_user');
  const { rows: checks } = role[0]?.rolsuper
    ? await client.query<{ relname: string; tgname: string }>(
        `select c.relname, t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid
         where t.tgisinternal and t.tgfoid = 'pg_catalog."RI_FKey_check_ins"'::regproc and c.relname in ('health_check', 'home_care_visit')
           and c.relnamespace = current_schema()::regnamespace`,
      )
    : { rows: [] };
  const triggers = async (action: 'disable' | 'enable') => {
    for (const r of checks) await client.query(`alter table ${client.escapeIdentifier(r.relname)} ${action} trigger ${client.escapeIdentifier(r.tgname)}`);
  };
  await triggers('disable');
  const rows = await insertHealth(client, seed);
  await triggers('enable');
  return rows;
}

async function insertHealth(client: Client, seed: number): Promise<{ health_check: number; home_care_visit: number }> {
  const asOf = `date '${iso(AS_OF)}'`;
  const older = (d: string) => `${BIRTH('m')} <= (${d} - interval '60 years')::date`;
  const hypertensive = `${u('m.id', seed, 10)} < case when ${older(asOf)} then ${OLDER_HYPERTENSIVE} else ${YOUNGER_HYPERTENSIVE} end`;
  // Blood pressure of a member on a draw: raised for a hypertensive member, in the normal range otherwise.
  const reading = (salt: number) => `case when ${hypertensive}
      then array[140 + (${u('m.id', seed, salt)} * 36)::int, 84 + (${u('m.id', seed, salt + 1)} * 17)::int]
      else array[105 + (${u('m.id', seed, salt)} * 34)::int, 64 + (${u('m.id', seed, salt + 1)} * 25)::int] end`;
  const result = (domain: keyof typeof SCREEN_POSITIVE, salt: number) => {
    const p = `least(0.9, ${SCREEN_POSITIVE[domain]} * case when ${BIRTH('m')} <= (s.day - interval '80 years')::date then 1.5 else 1 end)`;
    const x = u('m.id', seed, salt);
    return `case when ${x} < 0.05 then 'NOT_DONE' when ${x} < 0.05 + 0.95 * ${p} then 'POSITIVE' else 'NEGATIVE' end`;
  };
  const domains = Object.keys(SCREEN_POSITIVE) as Array<keyof typeof SCREEN_POSITIVE>;

  // Screenings (with blood pressure, weight and height), one a year for some older members.
  const screenings = await client.query(
    `insert into health_check (club_id, member_id, checked_on, systolic, diastolic, weight_kg, height_cm, ${domains.join(', ')}, referred, referral_level)
     select club_id, member_id, day, bp[1], bp[2], weight, height, ${domains.join(', ')},
       positive and ${u('member_id', seed, 30)} < 0.55,
       case when not positive or ${u('member_id', seed, 30)} >= 0.55 then null
            when ${u('member_id', seed, 31)} < 0.7 then 'COMMUNE_HEALTH_STATION' when ${u('member_id', seed, 31)} < 0.95 then 'DISTRICT' else 'PROVINCIAL' end
     from (
       select s.*, ${domains.map((d) => `${d} = 'POSITIVE'`).join(' or ')} as positive from (
         select s.club_id, s.member_id, s.day, s.weight, s.height, case when ${u('m.id', seed, 4)} < 0.9 then ${reading(5)} end as bp,
           ${domains.map((d, i) => `${result(d, 20 + i)} as ${d}`).join(', ')}
         from (select c.id as club_id, m.id as member_id, (${asOf} - 364 + floor(${u('m.id', seed, 1)} * 365)::int) as day,
                 round((case when m.sex = 'FEMALE' then 42 else 50 end + ${u('m.id', seed, 2)} * 22)::numeric, 1)::real as weight,
                 (case when m.sex = 'FEMALE' then 146 else 155 end + ${u('m.id', seed, 3)} * 16)::int as height
               from member m join club c on c.id = m.club_id where ${u('m.id', seed, 0)} < 0.45) s
         join member m on m.id = s.member_id join club c on c.id = s.club_id
         where ${OPEN_ON('s.day')} and ${older('s.day')}) s) x
     order by member_id`,
  );

  // Blood pressure at the monthly meetings of the last 3 months (a day of the screening is already a check).
  const bp = await client.query(
    `insert into health_check (club_id, member_id, checked_on, systolic, diastolic)
     select club_id, member_id, day, bp[1], bp[2] from (
       select c.id as club_id, m.id as member_id, d.day, ${reading(40)} as bp, d.k
       from member m join club c on c.id = m.club_id
       cross join lateral (select k, (date_trunc('month', ${asOf}) - make_interval(months => k))::date + (${u('m.id', seed, 50)} * 27)::int as day
         from generate_series(0, 2) k) d
       where ${u('m.id', seed, 41)} < case when ${older(asOf)} then 0.55 else 0.25 end
         and ${u(`m.id * 3 + d.k`, seed, 42)} < 0.6 and ${OPEN_ON('d.day')}) x
     order by member_id, day
     on conflict (member_id, checked_on) do nothing`,
  );

  // Home care: each volunteer's members of 75 or more in the club, visited about once a month for 3 months.
  const visits = await client.query(
    `insert into home_care_visit (club_id, volunteer_id, visited_id, visited_on, help)
     select c.id, v.id, m.id, d.day,
       (array['COMPANIONSHIP', 'HEALTH_MONITORING', 'HOUSEWORK', 'PERSONAL_CARE', 'ESCORT', 'COMPANIONSHIP', 'HEALTH_MONITORING'])[1 + floor(${u('m.id * 11 + v.id + d.k', seed, 62)} * 7)::int]
     from member v join club c on c.id = v.club_id
     join member m on m.club_id = v.club_id and m.id <> v.id and ${BIRTH('m')} <= (${asOf} - interval '75 years')::date
     cross join lateral (select k, (date_trunc('month', ${asOf}) - make_interval(months => k))::date + (${u('m.id * 13 + v.id', seed, 60)} * 27)::int as day
       from generate_series(0, 2) k) d
     where v.home_care_volunteer and ${u('m.id * 17 + v.id', seed, 61)} < 0.08 and ${u('m.id * 19 + v.id + d.k', seed, 63)} < 0.6
       and ${OPEN_ON('d.day')} and v.joined_on <= d.day and (v.left_on is null or v.left_on > d.day)
     order by v.id, m.id, d.day`,
  );
  return { health_check: (screenings.rowCount ?? 0) + (bp.rowCount ?? 0), home_care_visit: visits.rowCount ?? 0 };
}
