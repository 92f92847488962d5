import { Migration } from '@mikro-orm/migrations';

export class Migration20261128222014_member_club_open_name_index extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "member_club_open_name_idx" on "member" ("club_id", "full_name", "id") where "left_on" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "member_club_open_name_idx";`);
  }

}
