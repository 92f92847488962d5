import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { AdminStructure } from '../admin-unit/admin-unit.enums';
import { Programme } from '../club/club.enums';

/**
 * Monthly reports per month, place and programme: the clubs expected to report there (active in the month and
 * placed there at its end), their reports received, and those first submitted by the month's end + d for each
 * deadline day d (on_time[d], 1–28: REPORT_DEADLINE_DAY is a process setting). Kept in the write's transaction
 * by triggers on club, club_report and club_place_history (see the report_tally migration); read, never written,
 * by the hub. A place is the club's pair of communes (0: none), each structure taking its own (report-tally.ts).
 */
@Entity({ tableName: 'report_tally' })
@Index({ name: 'report_tally_empty_idx', expression: 'create index "report_tally_empty_idx" on "report_tally" ("month") where "expected" = 0' })
export class ReportTally {
  /** The first day of the month. */
  @PrimaryKey({ type: 'date' })
  month!: string;

  @PrimaryKey({ type: 'integer', fieldName: 'commune_pre2025_id' })
  communePre2025Id!: number;

  @PrimaryKey({ type: 'integer', fieldName: 'commune_post2025_id' })
  communePost2025Id!: number;

  @Enum({ items: () => Programme, primary: true })
  programme!: Programme;

  @Property({ type: 'integer' })
  expected!: number;

  @Property({ type: 'integer' })
  received!: number;

  @Property({ columnType: 'smallint[]' })
  onTime!: number[];
}

/** The month up to which report_tally has rows; a later month has the same expectations and no report. */
@Entity({ tableName: 'report_tally_horizon' })
export class ReportTallyHorizon {
  @PrimaryKey({ type: 'date' })
  month!: string;
}

/**
 * report_tally summed per structure, month, province and programme: the province a tally row's place rolls up to
 * in that structure (unit_placement, as indicator tables roll up; 0: no province, the nation only). Kept by
 * statement-level triggers on report_tally and unit_placement (migration report_tally_province), as
 * province_summary is kept from commune_summary, so a table by province or of the nation reads a few hundred
 * rows a month instead of every place's.
 */
@Entity({ tableName: 'report_tally_province' })
@Index({ name: 'report_tally_province_empty_idx', expression: 'create index "report_tally_province_empty_idx" on "report_tally_province" ("month") where "expected" = 0' })
export class ReportTallyProvince {
  @Enum({ items: () => AdminStructure, primary: true })
  structure!: AdminStructure;

  /** The first day of the month. */
  @PrimaryKey({ type: 'date' })
  month!: string;

  /** The province (of `structure`) the rows roll up to; 0: none. */
  @PrimaryKey({ type: 'integer', fieldName: 'province_id' })
  provinceId!: number;

  @Enum({ items: () => Programme, primary: true })
  programme!: Programme;

  @Property({ type: 'integer' })
  expected!: number;

  @Property({ type: 'integer' })
  received!: number;

  @Property({ columnType: 'int[]' })
  onTime!: number[];
}
