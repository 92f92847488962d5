import { Migration } from '@mikro-orm/migrations';

const COLUMNS = 'member_id, course_id, starts_on, prev_starts_on, club_id, board, joined_on, left_on, founded_on, dissolved_on, commune_pre2025_id, commune_post2025_id, programme';

/**
 * What trainee_fact holds for the trainee rows `where` keeps: each with its course's start day, the previous
 * course's start day of the same member (start day, then course id: two courses starting the same day are
 * ordered), the member's club, board role and membership, and that club's dates, communes and programme. A
 * member's rows are always taken together, so the previous course is known.
 */
const factsOf = (where: string) => `
  select tr.member_id, tr.course_id, tc.starts_on,
    lag(tc.starts_on) over (partition by tr.member_id order by tc.starts_on, tr.course_id) as prev_starts_on,
    m.club_id, m.board_role is not null as board, m.joined_on, m.left_on,
    c.founded_on, c.dissolved_on, c.commune_pre2025_id, c.commune_post2025_id, c.programme
  from trainee tr join training_course tc on tc.id = tr.course_id join member m on m.id = tr.member_id join club c on c.id = m.club_id
  where ${where}`;

/** Bulk loads (the demo seed) drop these triggers and call rebuild_trainee_facts() once at the end. */
const SKIP_BULK = `if current_setting('ishc.bulk_load', true) = 'on' then return null; end if;`;

/**
 * TraineeFact: the trainee rows with their course's start day, the member's previous one, the member's club,
 * board role and membership, and that club's dates, communes and programme, so the trainee indicators of a table
 * read one index range instead of probing every trainee's member (9,870 probes for a national year), joining its
 * club and counting members distinct. Kept in the write's transaction by statement-level triggers: a write to
 * trainee, to a course's start day, to a member's club, board role or membership dates, or to a club's dates,
 * communes or programme takes the touched members' rows again from the records (`refresh_trainee_facts(members)`);
 * `rebuild_trainee_facts()` takes all of them.
 */
export class Migration20261208010000_trainee_fact extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "trainee_fact" ("member_id" int not null, "course_id" int not null, "starts_on" date not null, "prev_starts_on" date null, "club_id" int not null, "board" boolean not null, "joined_on" date not null, "left_on" date null, "founded_on" date not null, "dissolved_on" date null, "commune_pre2025_id" int null, "commune_post2025_id" int null, "programme" text check ("programme" in ('DECISION_1533', 'DECISION_1336', 'DECISION_1648', 'NGO_PROJECT', 'LOCAL_INITIATIVE')) not null, constraint "trainee_fact_pkey" primary key ("member_id", "course_id"));`);
    this.addSql(`create index "trainee_fact_starts_on_idx" on "trainee_fact" ("starts_on") include ("prev_starts_on", "club_id", "board", "joined_on", "left_on", "founded_on", "dissolved_on", "commune_pre2025_id", "commune_post2025_id", "programme");`);

    this.addSql(`create function rebuild_trainee_facts() returns void language plpgsql as $$
      begin
        truncate trainee_fact;
        insert into trainee_fact (${COLUMNS}) ${factsOf('true')} order by 3;
      end $$;`);
    this.addSql(`create function refresh_trainee_facts(members int[]) returns void language plpgsql as $$
      begin
        if coalesce(cardinality(members), 0) = 0 then return; end if;
        delete from trainee_fact where member_id = any(members);
        insert into trainee_fact (${COLUMNS}) ${factsOf('tr.member_id = any(members)')};
      end $$;`);

    // Trainee rows added, removed or changed: their members' rows again (old and new members).
    this.addSql(`create function trainee_fact_follow_trainee() returns trigger language plpgsql as $$
      begin
        ${SKIP_BULK}
        if tg_op = 'INSERT' then perform refresh_trainee_facts(array(select distinct member_id from new_rows));
        elsif tg_op = 'DELETE' then perform refresh_trainee_facts(array(select distinct member_id from old_rows));
        else perform refresh_trainee_facts(array(select member_id from old_rows union select member_id from new_rows));
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger trainee_fact_insert after insert on "trainee"
      referencing new table as new_rows for each statement execute function trainee_fact_follow_trainee();`);
    this.addSql(`create trigger trainee_fact_update after update on "trainee"
      referencing old table as old_rows new table as new_rows for each statement execute function trainee_fact_follow_trainee();`);
    this.addSql(`create trigger trainee_fact_delete after delete on "trainee"
      referencing old table as old_rows for each statement execute function trainee_fact_follow_trainee();`);
    this.addSql(`create function trainee_fact_truncate() returns trigger language plpgsql as $$
      begin
        truncate trainee_fact;
        return null;
      end $$;`);
    this.addSql(`create trigger trainee_fact_truncate after truncate on "trainee" for each statement execute function trainee_fact_truncate();`);

    // A course's start day changed: its trainees' rows again (their order among their courses may change).
    this.addSql(`create function trainee_fact_follow_course() returns trigger language plpgsql as $$
      begin
        ${SKIP_BULK}
        perform refresh_trainee_facts(array(
          select distinct tr.member_id from new_rows n join old_rows o on o.id = n.id join trainee tr on tr.course_id = n.id
          where n.starts_on is distinct from o.starts_on));
        return null;
      end $$;`);
    this.addSql(`create trigger trainee_fact_course_update after update on "training_course"
      referencing old table as old_rows new table as new_rows for each statement execute function trainee_fact_follow_course();`);

    // A member's club, board role or membership dates changed: that member's rows again (none if never trained).
    this.addSql(`create function trainee_fact_follow_member() returns trigger language plpgsql as $$
      begin
        ${SKIP_BULK}
        perform refresh_trainee_facts(array(
          select n.id from new_rows n join old_rows o on o.id = n.id
          where (n.club_id, n.board_role, n.joined_on, n.left_on) is distinct from (o.club_id, o.board_role, o.joined_on, o.left_on)
            and exists (select 1 from trainee_fact f where f.member_id = n.id)));
        return null;
      end $$;`);
    this.addSql(`create trigger trainee_fact_member_update after update on "member"
      referencing old table as old_rows new table as new_rows for each statement execute function trainee_fact_follow_member();`);

    // A club re-dated, moved or given another programme: its trained members' rows again.
    this.addSql(`create function trainee_fact_follow_club() returns trigger language plpgsql as $$
      begin
        ${SKIP_BULK}
        perform refresh_trainee_facts(array(
          select m.id from new_rows n join old_rows o on o.id = n.id join member m on m.club_id = n.id
          where (n.founded_on, n.dissolved_on, n.commune_pre2025_id, n.commune_post2025_id, n.programme)
              is distinct from (o.founded_on, o.dissolved_on, o.commune_pre2025_id, o.commune_post2025_id, o.programme)
            and exists (select 1 from trainee_fact f where f.member_id = m.id)));
        return null;
      end $$;`);
    this.addSql(`create trigger trainee_fact_club_update after update on "club"
      referencing old table as old_rows new table as new_rows for each statement execute function trainee_fact_follow_club();`);

    this.addSql('select rebuild_trainee_facts();');
    this.addSql('analyze trainee_fact;');
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists trainee_fact_club_update on "club";');
    this.addSql('drop trigger if exists trainee_fact_member_update on "member";');
    this.addSql('drop trigger if exists trainee_fact_course_update on "training_course";');
    for (const t of ['insert', 'update', 'delete', 'truncate']) this.addSql(`drop trigger if exists trainee_fact_${t} on "trainee";`);
    for (const fn of ['trainee_fact_follow_club()', 'trainee_fact_follow_member()', 'trainee_fact_follow_course()', 'trainee_fact_truncate()', 'trainee_fact_follow_trainee()', 'refresh_trainee_facts(int[])', 'rebuild_trainee_facts()']) {
      this.addSql(`drop function if exists ${fn};`);
    }
    this.addSql(`drop table if exists "trainee_fact" cascade;`);
  }

}
