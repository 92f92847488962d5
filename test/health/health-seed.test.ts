import { seedDemo } from '../../seeds/demo';
import { SCREEN_POSITIVE } from '../../seeds/demo/health';
import { startTestHub, TestHub } from '../support/hub';

/**
 * The demo's health records on the small seed: dated in the member's membership and the club's life, never after
 * 31 Oct 2026, as the write rules demand; rates near the ones seeds/demo/health.ts states.
 */
let hub: TestHub;
const one = async (sql: string) => (await hub.orm.em.fork().getConnection().execute<Array<Record<string, any>>>(sql))[0];

beforeAll(async () => {
  hub = await startTestHub();
  await seedDemo(hub.orm.config.get('clientUrl')!, { scale: 'small' });
}, 180_000);
afterAll(async () => {
  await hub?.stop();
});

describe('demo health records', () => {
  it('obey the rules of the writes', async () => {
    const row = await one(`select count(*)::int as n,
        count(*) filter (where h.checked_on > '2026-10-31' or h.checked_on < m.joined_on or h.checked_on >= coalesce(m.left_on, 'infinity')
          or h.checked_on < c.founded_on or h.checked_on >= coalesce(c.dissolved_on, 'infinity') or h.club_id <> m.club_id)::int as misdated,
        count(*) filter (where (h.systolic is null) <> (h.diastolic is null) or h.systolic <= h.diastolic or h.systolic not between 60 and 260)::int as bad_bp,
        count(*) filter (where h.referred <> (h.referral_level is not null))::int as bad_referral,
        count(*) filter (where h.systolic is null and h.weight_kg is null and h.cognition = 'NOT_DONE' and h.mobility = 'NOT_DONE' and h.nutrition = 'NOT_DONE'
          and h.vision = 'NOT_DONE' and h.hearing = 'NOT_DONE' and h.mood = 'NOT_DONE')::int as empty
      from health_check h join member m on m.id = h.member_id join club c on c.id = h.club_id`);
    expect(row.n).toBeGreaterThan(1000);
    expect(row).toMatchObject({ misdated: 0, bad_bp: 0, bad_referral: 0, empty: 0 });
    const visits = await one(`select count(*)::int as n,
        count(*) filter (where v.visited_on > '2026-10-31' or v.visited_on < m.joined_on or v.visited_on >= coalesce(m.left_on, 'infinity')
          or v.visited_on < w.joined_on or v.visited_on >= coalesce(w.left_on, 'infinity') or m.club_id <> w.club_id or not w.home_care_volunteer or m.id = w.id)::int as bad
      from home_care_visit v join member m on m.id = v.visited_id join member w on w.id = v.volunteer_id`);
    expect(visits.n).toBeGreaterThan(100);
    expect(visits.bad).toBe(0);
  });

  it('have plausible rates for older Vietnamese adults', async () => {
    const r = await one(`with latest as (
        select distinct on (h.member_id) h.member_id, h.systolic >= 140 or h.diastolic >= 90 as high from health_check h
        join member m on m.id = h.member_id where h.systolic is not null and coalesce(m.birth_date, make_date(m.birth_year, 1, 1)) <= '1966-10-31'
        order by h.member_id, h.checked_on desc)
      select (select avg(high::int) from latest)::float8 as high,
        (select avg((cognition = 'POSITIVE')::int) filter (where cognition <> 'NOT_DONE') from health_check)::float8 as cognition,
        (select avg((vision = 'POSITIVE')::int) filter (where vision <> 'NOT_DONE') from health_check)::float8 as vision,
        (select avg(referred::int) filter (where cognition = 'POSITIVE' or mobility = 'POSITIVE' or nutrition = 'POSITIVE' or vision = 'POSITIVE' or hearing = 'POSITIVE' or mood = 'POSITIVE') from health_check)::float8 as referred`);
    expect(r.high).toBeGreaterThan(0.38);
    expect(r.high).toBeLessThan(0.6);
    expect(r.cognition).toBeGreaterThan(SCREEN_POSITIVE.cognition * 0.8);
    expect(r.cognition).toBeLessThan(SCREEN_POSITIVE.cognition * 1.6);
    expect(r.vision).toBeGreaterThan(SCREEN_POSITIVE.vision * 0.8);
    expect(r.referred).toBeGreaterThan(0.45);
    expect(r.referred).toBeLessThan(0.65);
  });
});
