import { Migration } from '@mikro-orm/migrations';

export class Migration20261207141325_health extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "home_care_visit" ("id" serial primary key, "club_id" int not null, "volunteer_id" int not null, "visited_id" int not null, "visited_on" date not null, "help" text check ("help" in ('COMPANIONSHIP', 'PERSONAL_CARE', 'HOUSEWORK', 'HEALTH_MONITORING', 'ESCORT', 'OTHER')) not null, "version" int not null default 1, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "home_care_visit_visited_id_visited_on_index" on "home_care_visit" ("visited_id", "visited_on");`);
    this.addSql(`create index "home_care_visit_club_id_visited_on_index" on "home_care_visit" ("club_id", "visited_on");`);
    this.addSql(`alter table "home_care_visit" add constraint "home_care_visit_volunteer_id_visited_id_visited_on_unique" unique ("volunteer_id", "visited_id", "visited_on");`);

    this.addSql(`create table "health_check" ("id" serial primary key, "club_id" int not null, "member_id" int not null, "checked_on" date not null, "systolic" smallint null, "diastolic" smallint null, "weight_kg" real null, "height_cm" smallint null, "cognition" text check ("cognition" in ('POSITIVE', 'NEGATIVE', 'NOT_DONE')) not null default 'NOT_DONE', "mobility" text check ("mobility" in ('POSITIVE', 'NEGATIVE', 'NOT_DONE')) not null default 'NOT_DONE', "nutrition" text check ("nutrition" in ('POSITIVE', 'NEGATIVE', 'NOT_DONE')) not null default 'NOT_DONE', "vision" text check ("vision" in ('POSITIVE', 'NEGATIVE', 'NOT_DONE')) not null default 'NOT_DONE', "hearing" text check ("hearing" in ('POSITIVE', 'NEGATIVE', 'NOT_DONE')) not null default 'NOT_DONE', "mood" text check ("mood" in ('POSITIVE', 'NEGATIVE', 'NOT_DONE')) not null default 'NOT_DONE', "referred" boolean not null default false, "referral_level" text check ("referral_level" in ('COMMUNE_HEALTH_STATION', 'DISTRICT', 'PROVINCIAL', 'CENTRAL')) null, "version" int not null default 1, "created_at" timestamptz not null default now());`);
    this.addSql(`create index "health_check_club_id_checked_on_index" on "health_check" ("club_id", "checked_on");`);
    this.addSql(`alter table "health_check" add constraint "health_check_member_id_checked_on_unique" unique ("member_id", "checked_on");`);

    this.addSql(`alter table "home_care_visit" add constraint "home_care_visit_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "home_care_visit" add constraint "home_care_visit_volunteer_id_foreign" foreign key ("volunteer_id") references "member" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "home_care_visit" add constraint "home_care_visit_visited_id_foreign" foreign key ("visited_id") references "member" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "health_check" add constraint "health_check_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "health_check" add constraint "health_check_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "account" add column "health_records" boolean not null default false;`);

    this.addSql(`alter table "api_key" add column "health_records" boolean not null default false;`);

    this.addSql(`alter table "audit_entry" add column "subject_member_id" int null;`);
    this.addSql(`create index "audit_entry_subject_idx" on "audit_entry" ("subject_member_id") where "subject_member_id" is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "home_care_visit" cascade;`);

    this.addSql(`drop table if exists "health_check" cascade;`);

    this.addSql(`alter table "account" drop column "health_records";`);

    this.addSql(`alter table "api_key" drop column "health_records";`);

    this.addSql(`drop index "audit_entry_subject_idx";`);
    this.addSql(`alter table "audit_entry" drop column "subject_member_id";`);
  }

}
