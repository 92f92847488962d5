import { Migration } from '@mikro-orm/migrations';

/** Every change to a key (revocation, expiry, deletion) is announced, so hubs drop it from memory (VerifiedKeys). */
export class Migration20261128212000_api_key_notify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function api_key_notify() returns trigger language plpgsql as $$
      begin
        perform pg_notify('api_key_changed', old.prefix);
        return null;
      end $$;`);
    this.addSql(`create trigger api_key_changed after update or delete on "api_key" for each row execute function api_key_notify();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists api_key_changed on "api_key";');
    this.addSql('drop function if exists api_key_notify();');
  }
}
