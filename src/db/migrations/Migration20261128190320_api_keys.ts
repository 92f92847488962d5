import { Migration } from '@mikro-orm/migrations';

export class Migration20261128190320_api_keys extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_key" ("id" serial primary key, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "organisation" varchar(200) not null, "role" text check ("role" in ('ANONYMOUS', 'PARTNER', 'MINISTRY', 'ASSOCIATION', 'ADMIN')) not null, "scope_structure" text check ("scope_structure" in ('PRE_2025', 'POST_2025')) null, "scope_code" varchar(5) null, "persisted_operations_only" boolean not null default false, "created_at" timestamptz not null default now(), "expires_at" timestamptz null, "revoked_at" timestamptz null);`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);
    this.addSql(`create index "api_key_expires_at_index" on "api_key" ("expires_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);
  }

}
