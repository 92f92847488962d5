import { Migration } from '@mikro-orm/migrations';

export class Migration20261204202548_people extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "account" ("id" serial primary key, "email" varchar(254) not null, "display_name" varchar(200) not null, "organisation" varchar(200) not null, "role" text check ("role" in ('ANONYMOUS', 'PARTNER', 'MINISTRY', 'ASSOCIATION', 'ADMIN')) not null, "scope_structure" text check ("scope_structure" in ('PRE_2025', 'POST_2025')) null, "scope_code" varchar(5) null, "active" boolean not null default true, "password_hash" text null, "setup_token_hash" varchar(64) null, "setup_expires_at" timestamptz null, "totp_secret" varchar(64) null, "totp_enabled" boolean not null default false, "totp_last_step" bigint null, "created_at" timestamptz not null default now(), "disabled_at" timestamptz null);`);
    this.addSql(`alter table "account" add constraint "account_email_unique" unique ("email");`);
    this.addSql(`alter table "account" add constraint "account_setup_token_hash_unique" unique ("setup_token_hash");`);

    this.addSql(`create table "account_recovery_code" ("id" serial primary key, "account_id" int not null, "code_hash" varchar(64) not null, "used_at" timestamptz null);`);
    this.addSql(`create index "account_recovery_code_account_id_index" on "account_recovery_code" ("account_id");`);

    this.addSql(`create table "account_session" ("id" serial primary key, "token_hash" varchar(64) not null, "account_id" int not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, "ended_at" timestamptz null, "end_reason" varchar(32) null, "address" varchar(64) null);`);
    this.addSql(`alter table "account_session" add constraint "account_session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "account_session_account_id_index" on "account_session" ("account_id");`);

    this.addSql(`create table "sign_in_failure" ("id" serial primary key, "email" varchar(254) not null, "address" varchar(64) not null, "at" timestamptz not null);`);
    this.addSql(`create index "sign_in_failure_address_at_index" on "sign_in_failure" ("address", "at");`);
    this.addSql(`create index "sign_in_failure_email_at_index" on "sign_in_failure" ("email", "at");`);

    this.addSql(`alter table "account_recovery_code" add constraint "account_recovery_code_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "account_session" add constraint "account_session_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "audit_entry" add column "account_id" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "account_recovery_code" drop constraint "account_recovery_code_account_id_foreign";`);

    this.addSql(`alter table "account_session" drop constraint "account_session_account_id_foreign";`);

    this.addSql(`drop table if exists "account" cascade;`);

    this.addSql(`drop table if exists "account_recovery_code" cascade;`);

    this.addSql(`drop table if exists "account_session" cascade;`);

    this.addSql(`drop table if exists "sign_in_failure" cascade;`);

    this.addSql(`alter table "audit_entry" drop column "account_id";`);
  }

}
