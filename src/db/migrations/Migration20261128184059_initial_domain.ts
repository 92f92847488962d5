import { Migration } from '@mikro-orm/migrations';

export class Migration20261128184059_initial_domain extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "admin_unit" ("id" serial primary key, "structure" text check ("structure" in ('PRE_2025', 'POST_2025')) not null, "code" varchar(5) not null, "name" varchar(100) not null, "type" text check ("type" in ('QUOC_GIA', 'TINH', 'THANH_PHO_TRUNG_UONG', 'QUAN', 'HUYEN', 'THI_XA', 'THANH_PHO', 'XA', 'PHUONG', 'THI_TRAN', 'DAC_KHU')) not null, "level" text check ("level" in ('NATION', 'PROVINCE', 'DISTRICT', 'COMMUNE')) not null, "parent_id" int null, "path" varchar(20) not null, "valid_from" date null, "valid_to" date null);`);
    this.addSql(`create index "admin_unit_parent_id_index" on "admin_unit" ("parent_id");`);
    this.addSql(`create index "admin_unit_name_trgm_idx" on "admin_unit" using gin (immutable_unaccent(lower("name")) gin_trgm_ops);`);
    this.addSql(`create index "admin_unit_path_prefix_idx" on "admin_unit" ("path" text_pattern_ops);`);
    this.addSql(`alter table "admin_unit" add constraint "admin_unit_structure_code_unique" unique ("structure", "code");`);

    this.addSql(`create table "admin_unit_crosswalk" ("id" serial primary key, "old_unit_id" int not null, "new_unit_id" int not null, "level" text check ("level" in ('NATION', 'PROVINCE', 'DISTRICT', 'COMMUNE')) not null, "partial" boolean not null default false);`);
    this.addSql(`create index "admin_unit_crosswalk_new_unit_id_index" on "admin_unit_crosswalk" ("new_unit_id");`);
    this.addSql(`alter table "admin_unit_crosswalk" add constraint "admin_unit_crosswalk_old_unit_id_new_unit_id_unique" unique ("old_unit_id", "new_unit_id");`);

    this.addSql(`create table "club" ("id" serial primary key, "code" varchar(32) not null, "name" varchar(200) not null, "village" varchar(200) null, "commune_pre2025_id" int null, "commune_post2025_id" int null, "founded_on" date not null, "founding_decision" varchar(100) null, "programme" text check ("programme" in ('DECISION_1533', 'DECISION_1336', 'DECISION_1648', 'NGO_PROJECT', 'LOCAL_INITIATIVE')) not null, "status" text check ("status" in ('ACTIVE', 'SUSPENDED', 'DISSOLVED')) not null default 'ACTIVE', "suspended_on" date null, "dissolved_on" date null, "meeting_day" smallint null, "version" int not null default 1, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now());`);
    this.addSql(`alter table "club" add constraint "club_code_unique" unique ("code");`);
    this.addSql(`create index "club_commune_pre2025_id_index" on "club" ("commune_pre2025_id");`);
    this.addSql(`create index "club_commune_post2025_id_index" on "club" ("commune_post2025_id");`);
    this.addSql(`create index "club_programme_index" on "club" ("programme");`);
    this.addSql(`create index "club_dissolved_on_index" on "club" ("dissolved_on");`);
    this.addSql(`create index "club_name_trgm_idx" on "club" using gin (immutable_unaccent(lower("name")) gin_trgm_ops);`);

    this.addSql(`create table "fund" ("id" serial primary key, "club_id" int not null, "kind" text check ("kind" in ('INCOME_GENERATION', 'ACTIVITY', 'OTHER')) not null, "opened_on" date not null, "version" int not null default 1);`);
    this.addSql(`create index "fund_club_id_index" on "fund" ("club_id");`);

    this.addSql(`create table "meeting" ("id" serial primary key, "club_id" int not null, "held_on" date not null, "attendance" smallint not null, "activity_areas" text[] not null default '{}');`);
    this.addSql(`create index "meeting_club_id_held_on_index" on "meeting" ("club_id", "held_on");`);

    this.addSql(`create table "member" ("id" serial primary key, "club_id" int not null, "full_name" varchar(150) not null, "sex" text check ("sex" in ('FEMALE', 'MALE')) not null, "birth_year" smallint not null, "birth_date" date null, "ethnicity" varchar(50) not null default 'Kinh', "poverty_status" text check ("poverty_status" in ('POOR', 'NEAR_POOR', 'NOT_POOR')) not null, "poverty_year" smallint null, "disability" boolean not null default false, "health_insurance" boolean not null default false, "joined_on" date not null, "left_on" date null, "leave_reason" text check ("leave_reason" in ('DECEASED', 'MOVED_AWAY', 'HEALTH', 'PERSONAL', 'CLUB_DISSOLVED', 'OTHER')) null, "board_role" text check ("board_role" in ('CHAIR', 'VICE_CHAIR', 'TREASURER', 'SECRETARY', 'BOARD_MEMBER')) null, "home_care_volunteer" boolean not null default false, "livelihood_mentor" boolean not null default false, "version" int not null default 1);`);
    this.addSql(`create index "member_club_id_joined_on_index" on "member" ("club_id", "joined_on");`);

    this.addSql(`create table "loan" ("id" serial primary key, "fund_id" int not null, "borrower_id" int not null, "principal" bigint not null, "disbursed_on" date not null, "due_on" date not null, "instalments" smallint not null default 1, "status" text check ("status" in ('CURRENT', 'OVERDUE', 'REPAID', 'WRITTEN_OFF')) not null, "closed_on" date null, "version" int not null default 1, constraint loan_due_after_disbursed check (due_on >= disbursed_on), constraint loan_principal_positive check (principal > 0));`);
    this.addSql(`create index "loan_fund_id_index" on "loan" ("fund_id");`);
    this.addSql(`create index "loan_borrower_id_index" on "loan" ("borrower_id");`);

    this.addSql(`create table "fund_transaction" ("id" serial primary key, "fund_id" int not null, "occurred_on" date not null, "kind" text check ("kind" in ('CONTRIBUTION', 'MEMBER_FEE', 'INTEREST', 'LOAN_DISBURSEMENT', 'REPAYMENT', 'EXPENSE')) not null, "source" text check ("source" in ('MEMBERS', 'COMMUNE_BUDGET', 'ASSOCIATION', 'DONOR_OR_PROJECT', 'FUNDRAISING')) null, "amount" bigint not null, "loan_id" int null, "member_id" int null, "note" varchar(500) null, constraint fund_transaction_amount_positive check (amount > 0));`);
    this.addSql(`create index "fund_transaction_loan_id_index" on "fund_transaction" ("loan_id");`);
    this.addSql(`create index "fund_transaction_fund_id_occurred_on_index" on "fund_transaction" ("fund_id", "occurred_on");`);

    this.addSql(`create table "award" ("id" serial primary key, "kind" text check ("kind" in ('BANG_KHEN', 'GIAY_KHEN', 'KY_NIEM_CHUONG', 'OTHER')) not null, "issuer" varchar(300) not null, "decision_number" varchar(100) null, "granted_on" date not null, "recipient_kind" text check ("recipient_kind" in ('CLUB', 'MEMBER', 'ASSOCIATION')) not null, "club_id" int null, "member_id" int null, "association_unit_id" int null, "reason" varchar(1000) null, constraint award_one_recipient check ((recipient_kind = 'CLUB' and club_id is not null and member_id is null and association_unit_id is null)
    or (recipient_kind = 'MEMBER' and member_id is not null and club_id is null and association_unit_id is null)
    or (recipient_kind = 'ASSOCIATION' and association_unit_id is not null and club_id is null and member_id is null)));`);
    this.addSql(`create index "award_granted_on_index" on "award" ("granted_on");`);
    this.addSql(`create index "award_club_id_index" on "award" ("club_id");`);
    this.addSql(`create index "award_member_id_index" on "award" ("member_id");`);
    this.addSql(`create index "award_association_unit_id_index" on "award" ("association_unit_id");`);

    this.addSql(`create table "target" ("id" serial primary key, "instrument" text check ("instrument" in ('DECISION_1336', 'DECISION_1648', 'PROVINCIAL_PLAN')) not null, "indicator_id" varchar(64) not null, "unit_id" int null, "period_start" date not null, "period_end" date not null, "value" numeric(20,4) not null);`);

    this.addSql(`create table "training_course" ("id" serial primary key, "title" varchar(300) not null, "topics" text[] not null default '{}', "organiser_level" text check ("organiser_level" in ('NATION', 'PROVINCE', 'DISTRICT', 'COMMUNE')) not null, "organiser_unit_id" int null, "starts_on" date not null, "ends_on" date not null);`);
    this.addSql(`create index "training_course_organiser_unit_id_index" on "training_course" ("organiser_unit_id");`);
    this.addSql(`create index "training_course_starts_on_index" on "training_course" ("starts_on");`);

    this.addSql(`create table "trainee" ("id" serial primary key, "course_id" int not null, "member_id" int not null);`);
    this.addSql(`create index "trainee_member_id_index" on "trainee" ("member_id");`);
    this.addSql(`alter table "trainee" add constraint "trainee_course_id_member_id_unique" unique ("course_id", "member_id");`);

    this.addSql(`alter table "admin_unit" add constraint "admin_unit_parent_id_foreign" foreign key ("parent_id") references "admin_unit" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "admin_unit_crosswalk" add constraint "admin_unit_crosswalk_old_unit_id_foreign" foreign key ("old_unit_id") references "admin_unit" ("id") on update cascade;`);
    this.addSql(`alter table "admin_unit_crosswalk" add constraint "admin_unit_crosswalk_new_unit_id_foreign" foreign key ("new_unit_id") references "admin_unit" ("id") on update cascade;`);

    this.addSql(`alter table "club" add constraint "club_commune_pre2025_id_foreign" foreign key ("commune_pre2025_id") references "admin_unit" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "club" add constraint "club_commune_post2025_id_foreign" foreign key ("commune_post2025_id") references "admin_unit" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "fund" add constraint "fund_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade;`);

    this.addSql(`alter table "meeting" add constraint "meeting_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade;`);

    this.addSql(`alter table "member" add constraint "member_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade;`);

    this.addSql(`alter table "loan" add constraint "loan_fund_id_foreign" foreign key ("fund_id") references "fund" ("id") on update cascade;`);
    this.addSql(`alter table "loan" add constraint "loan_borrower_id_foreign" foreign key ("borrower_id") references "member" ("id") on update cascade;`);

    this.addSql(`alter table "fund_transaction" add constraint "fund_transaction_fund_id_foreign" foreign key ("fund_id") references "fund" ("id") on update cascade;`);
    this.addSql(`alter table "fund_transaction" add constraint "fund_transaction_loan_id_foreign" foreign key ("loan_id") references "loan" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "fund_transaction" add constraint "fund_transaction_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "award" add constraint "award_club_id_foreign" foreign key ("club_id") references "club" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "award" add constraint "award_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "award" add constraint "award_association_unit_id_foreign" foreign key ("association_unit_id") references "admin_unit" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "target" add constraint "target_unit_id_foreign" foreign key ("unit_id") references "admin_unit" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "training_course" add constraint "training_course_organiser_unit_id_foreign" foreign key ("organiser_unit_id") references "admin_unit" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "trainee" add constraint "trainee_course_id_foreign" foreign key ("course_id") references "training_course" ("id") on update cascade;`);
    this.addSql(`alter table "trainee" add constraint "trainee_member_id_foreign" foreign key ("member_id") references "member" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "admin_unit" drop constraint "admin_unit_parent_id_foreign";`);

    this.addSql(`alter table "admin_unit_crosswalk" drop constraint "admin_unit_crosswalk_old_unit_id_foreign";`);

    this.addSql(`alter table "admin_unit_crosswalk" drop constraint "admin_unit_crosswalk_new_unit_id_foreign";`);

    this.addSql(`alter table "club" drop constraint "club_commune_pre2025_id_foreign";`);

    this.addSql(`alter table "club" drop constraint "club_commune_post2025_id_foreign";`);

    this.addSql(`alter table "award" drop constraint "award_association_unit_id_foreign";`);

    this.addSql(`alter table "target" drop constraint "target_unit_id_foreign";`);

    this.addSql(`alter table "training_course" drop constraint "training_course_organiser_unit_id_foreign";`);

    this.addSql(`alter table "fund" drop constraint "fund_club_id_foreign";`);

    this.addSql(`alter table "meeting" drop constraint "meeting_club_id_foreign";`);

    this.addSql(`alter table "member" drop constraint "member_club_id_foreign";`);

    this.addSql(`alter table "award" drop constraint "award_club_id_foreign";`);

    this.addSql(`alter table "loan" drop constraint "loan_fund_id_foreign";`);

    this.addSql(`alter table "fund_transaction" drop constraint "fund_transaction_fund_id_foreign";`);

    this.addSql(`alter table "loan" drop constraint "loan_borrower_id_foreign";`);

    this.addSql(`alter table "fund_transaction" drop constraint "fund_transaction_member_id_foreign";`);

    this.addSql(`alter table "award" drop constraint "award_member_id_foreign";`);

    this.addSql(`alter table "trainee" drop constraint "trainee_member_id_foreign";`);

    this.addSql(`alter table "fund_transaction" drop constraint "fund_transaction_loan_id_foreign";`);

    this.addSql(`alter table "trainee" drop constraint "trainee_course_id_foreign";`);

    this.addSql(`drop table if exists "admin_unit" cascade;`);

    this.addSql(`drop table if exists "admin_unit_crosswalk" cascade;`);

    this.addSql(`drop table if exists "club" cascade;`);

    this.addSql(`drop table if exists "fund" cascade;`);

    this.addSql(`drop table if exists "meeting" cascade;`);

    this.addSql(`drop table if exists "member" cascade;`);

    this.addSql(`drop table if exists "loan" cascade;`);

    this.addSql(`drop table if exists "fund_transaction" cascade;`);

    this.addSql(`drop table if exists "award" cascade;`);

    this.addSql(`drop table if exists "target" cascade;`);

    this.addSql(`drop table if exists "training_course" cascade;`);

    this.addSql(`drop table if exists "trainee" cascade;`);
  }

}
