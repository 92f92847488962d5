import { Migration } from '@mikro-orm/migrations';

/**
 * unit_placement by unit with every column a roll-up reads (indicator.repository.ts, rolledUp): a statement whose
 * rows are a few hundred units (courses, awards by organiser or club) merges them with one short index-only range
 * instead of hashing a structure's 14,000 placements — the course statement of a national year 5.5 → 2 ms of
 * backend CPU, the award statement 11 → 5 ms (load 10–13).
 */
export class Migration20261208010200_unit_placement_covering extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "unit_placement_rollup_idx" on "unit_placement" ("structure", "unit_id") include ("province_id", "placed_id", "district_id", "placed_level");`);
    this.addSql('analyze unit_placement;');
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "unit_placement_rollup_idx";`);
  }

}
