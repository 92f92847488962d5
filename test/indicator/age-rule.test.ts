import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase, urlFor } from '../support/database';

/**
 * first_end_span_after (migration age_rule) is the one rule of when a day lies a span before a period's end:
 * the age limits of the splits and a borrower's 12-month window. For every day of 1940–1972 and 1996–2030 and
 * every span the statements use, it must give the first end `e` with `(e - span)::date >= day`: that one holds,
 * and the day before it does not (the condition only grows with `e`), 29 February births in common years
 * included (2100 is one).
 */
let name: string;
let client: Client;

beforeAll(async () => {
  name = await createTestDatabase();
  client = new Client({ connectionString: urlFor(name) });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  if (name) await dropTestDatabase(name);
});

it('gives the first period end that sees a day a span ago, on every day and span', async () => {
  const { rows } = await client.query<{ checked: number; wrong: number; leap_days_moved: number }>(`
    with days as (
      select d::date as day from generate_series('1940-01-01'::date, '1972-12-31', interval '1 day') d
      union all select d::date from generate_series('1996-01-01'::date, '2030-12-31', interval '1 day') d
    ), spans as (select unnest(array['55 years', '60 years', '70 years', '80 years', '12 months']::interval[]) as span),
    t as (select day, span, first_end_span_after(day, span) as e from days cross join spans)
    select count(*)::int as checked,
      count(*) filter (where not ((e - span)::date >= day and ((e - 1) - span)::date < day))::int as wrong,
      count(*) filter (where e <> (day + span)::date)::int as leap_days_moved
    from t`);
  expect(rows[0].checked).toBe(5 * (12_054 + 12_784));
  expect(rows[0].wrong).toBe(0);
  // Only 29 February moves to 1 March, when the year the span ends in is common: the rule is not the plain sum.
  expect(rows[0].leap_days_moved).toBeGreaterThan(0);
});
