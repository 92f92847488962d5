import { Migration } from '@mikro-orm/migrations';

/**
 * Extensions for accent-insensitive, typo-tolerant search of Vietnamese names. `unaccent()` is only STABLE,
 * so an IMMUTABLE wrapper with the dictionary named explicitly lets it be used in expression indexes.
 */
export class Migration20261128000000_extensions extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists unaccent;');
    this.addSql('create extension if not exists pg_trgm;');
    this.addSql(`create or replace function immutable_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, replace(replace($1, 'đ', 'd'), 'Đ', 'D')) $$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists immutable_unaccent(text);');
    this.addSql('drop extension if exists pg_trgm;');
    this.addSql('drop extension if exists unaccent;');
  }
}
