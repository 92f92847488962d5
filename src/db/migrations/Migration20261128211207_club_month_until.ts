import { Migration } from '@mikro-orm/migrations';

/**
 * Each club_month row holds until the club's next one (`until`), with a covering index on (until, month):
 * the state of every club at a day is then one index-only range scan instead of one probe per club.
 */
export class Migration20261128211207_club_month_until extends Migration {

  override async up(): Promise<void> {
    // The rows are derived: emptied here and rebuilt below with their `until`.
    this.addSql(`delete from "club_month";`);
    this.addSql(`alter table "club_month" add column "until" date not null;`);
    this.addSql(`create index "club_month_until_idx" on "club_month" ("until", "month") include ("club_id", "members", "older", "women", "older_women", "poor_near_poor", "volunteers", "board", "meetings_to_date");`);
    this.addSql(rebuildFunction(true));
    this.addSql('select rebuild_club_months(null);');
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "club_month_until_idx";`);
    this.addSql(`alter table "club_month" drop column "until";`);
    this.addSql(rebuildFunction(false));
  }

}

/** rebuild_club_months as the club_month migration defined it, with or without each row's `until`. */
function rebuildFunction(withUntil: boolean): string {
  return `create or replace function rebuild_club_months(ids int[]) returns void language sql as $$
      delete from club_month where ids is null or club_id = any(ids);
      with m as (
        select club_id, date_trunc('month', joined_on)::date as jm, date_trunc('month', left_on)::date as lm,
          greatest(date_trunc('month', joined_on), date_trunc('month', coalesce(birth_date, make_date(birth_year, 1, 1)) + interval '60 years'))::date as om,
          (sex = 'FEMALE')::int as f, (poverty_status in ('POOR', 'NEAR_POOR'))::int as poor,
          home_care_volunteer::int as vol, (board_role is not null)::int as brd
        from member where ids is null or club_id = any(ids)
      ), ev(club_id, month, d_members, d_older, d_women, d_older_women, d_poor, d_vol, d_board, d_meetings) as (
        select club_id, jm, 1, 0, f, 0, poor, vol, brd, 0 from m
        union all select club_id, lm, -1, 0, -f, 0, -poor, -vol, -brd, 0 from m where lm is not null
        union all select club_id, om, 0, 1, 0, f, 0, 0, 0, 0 from m where lm is null or om < lm
        union all select club_id, lm, 0, -1, 0, -f, 0, 0, 0, 0 from m where lm is not null and om < lm
        union all select club_id, date_trunc('month', held_on)::date, 0, 0, 0, 0, 0, 0, 0, 1 from meeting where ids is null or club_id = any(ids)
      ), d as (
        select club_id, month, sum(d_members) as a, sum(d_older) as b, sum(d_women) as c, sum(d_older_women) as e,
          sum(d_poor) as g, sum(d_vol) as h, sum(d_board) as i, sum(d_meetings) as j
        from ev group by club_id, month
      )
      insert into club_month (club_id, month, ${withUntil ? 'until, ' : ''}members, older, women, older_women, poor_near_poor, volunteers, board, meetings_to_date)
      select club_id, month, ${withUntil ? `coalesce(lead(month) over w, 'infinity'), ` : ''}sum(a) over w, sum(b) over w, sum(c) over w, sum(e) over w, sum(g) over w, sum(h) over w, sum(i) over w, sum(j) over w
      from d window w as (partition by club_id order by month);
    $$;`;
}
