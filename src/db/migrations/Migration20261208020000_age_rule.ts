import { Migration } from '@mikro-orm/migrations';

/**
 * The rule of when a day lies a span (an age limit, 12 months) before a period's end, as one SQL function that
 * the indicator statements call (FIRST_END_SPAN_AFTER in indicator.repository.ts) and that kept person-category
 * states can call when they are built (issue 18): the first period end `e` from which `(e - span)::date >= day`
 * holds — `day + span`, or the day after it when that falls short (29 February plus whole years in a common
 * year: 28 February less the years is 28 February, before the birthday). SQL and immutable, so the planner
 * inlines it: the statements' plans stay as they were.
 */
export class Migration20261208020000_age_rule extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function first_end_span_after(day date, span interval) returns date language sql immutable parallel safe as $$
      select case when ((day + span)::date - span)::date >= day then (day + span)::date else (day + span)::date + 1 end
    $$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists first_end_span_after(date, interval);');
  }

}
