import { Migration } from '@mikro-orm/migrations';

export class Migration20261204200544_audit_reason extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "audit_entry" add column "reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "audit_entry" drop column "reason";`);
  }

}
