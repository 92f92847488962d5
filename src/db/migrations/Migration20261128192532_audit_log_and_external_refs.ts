import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log (append-only: a trigger refuses UPDATE, DELETE and TRUNCATE of its rows, whoever asks) and
 * the submitters' own ids of members and fund transactions, unique per club and per fund, which make
 * re-uploading a CSV file idempotent.
 */
export class Migration20261128192532_audit_log_and_external_refs extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "audit_entry" ("id" serial primary key, "at" timestamptz not null default now(), "role" text check ("role" in ('ANONYMOUS', 'PARTNER', 'MINISTRY', 'ASSOCIATION', 'ADMIN')) not null, "organisation" varchar(200) null, "key_id" int null, "request_id" varchar(64) null, "operation" varchar(64) not null, "entity_type" varchar(32) not null, "entity_id" int not null, "units" text[] not null, "before" jsonb null, "after" jsonb null);`);
    this.addSql(`create index "audit_entry_units_idx" on "audit_entry" using gin ("units");`);
    this.addSql(`create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`);

    this.addSql(`alter table "member" add column "external_ref" varchar(64) null;`);
    this.addSql(`create unique index "member_club_external_ref_unique" on "member" ("club_id", "external_ref") where "external_ref" is not null;`);

    this.addSql(`alter table "fund_transaction" add column "external_ref" varchar(64) null;`);
    this.addSql(`create unique index "fund_transaction_fund_external_ref_unique" on "fund_transaction" ("fund_id", "external_ref") where "external_ref" is not null;`);

    // Written by hand: history is never rewritten, not even by the hub's own database role.
    this.addSql(`create function audit_entry_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_entry is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_entry_no_update_or_delete before update or delete on "audit_entry"
      for each row execute function audit_entry_append_only();`);
    this.addSql(`create trigger audit_entry_no_truncate before truncate on "audit_entry"
      for each statement execute function audit_entry_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_entry_no_truncate on "audit_entry";`);
    this.addSql(`drop trigger if exists audit_entry_no_update_or_delete on "audit_entry";`);
    this.addSql(`drop function if exists audit_entry_append_only();`);
    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop index if exists "fund_transaction_fund_external_ref_unique";`);
    this.addSql(`alter table "fund_transaction" drop column "external_ref";`);

    this.addSql(`drop index if exists "member_club_external_ref_unique";`);
    this.addSql(`alter table "member" drop column "external_ref";`);
  }

}
