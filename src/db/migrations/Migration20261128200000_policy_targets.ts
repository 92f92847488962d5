import { Migration } from '@mikro-orm/migrations';

/**
 * National policy targets, as data (unit_id null: the nation). Indicator ids are those of the catalogue
 * (src/modules/indicator/indicator.catalogue.ts); values are in the indicator's unit (counts, percentages).
 */
const TARGETS: Array<[instrument: string, indicator: string, start: string, end: string, value: number]> = [
  // Decision 1336/QĐ-TTg (31 Aug 2020): by 2025, at least 3,000 new clubs with 150,000 members, of whom more
  // than 100,000 older people (stored as 100,000: reaching it exactly reads 100 %); clubs in at least 95 % of
  // provinces; at least 70 % of clubs fully active; at least 50 % of members borrowing; every club with both funds.
  ['DECISION_1336', 'new_clubs_1336', '2020-08-31', '2025-12-31', 3000],
  ['DECISION_1336', 'members_new_clubs_1336', '2020-08-31', '2025-12-31', 150000],
  ['DECISION_1336', 'older_members_new_clubs_1336', '2020-08-31', '2025-12-31', 100000],
  ['DECISION_1336', 'province_coverage', '2020-08-31', '2025-12-31', 95],
  ['DECISION_1336', 'clubs_fully_active', '2020-08-31', '2025-12-31', 70],
  ['DECISION_1336', 'members_borrowed_12m', '2020-08-31', '2025-12-31', 50],
  ['DECISION_1336', 'clubs_both_funds', '2020-08-31', '2025-12-31', 100],
  // Decision 1648/QĐ-TTg (1 Aug 2025): at least 6,000 new clubs and 300,000 older members by 2030, 12,000 new
  // clubs by 2035. Its coverage target is 100 % of lowland and 70 % of mountain, border and island communes;
  // telling them apart needs commune terrain data the hub does not hold, so one national commune-coverage
  // target is stored at the floor every commune group must reach (70 %).
  ['DECISION_1648', 'new_clubs_1648', '2025-08-01', '2030-12-31', 6000],
  ['DECISION_1648', 'new_clubs_1648', '2025-08-01', '2035-12-31', 12000],
  ['DECISION_1648', 'older_members', '2025-08-01', '2030-12-31', 300000],
  ['DECISION_1648', 'commune_coverage', '2025-08-01', '2030-12-31', 70],
];

export class Migration20261128200000_policy_targets extends Migration {
  override async up(): Promise<void> {
    const values = TARGETS.map(([instrument, indicator, start, end, value]) => `('${instrument}', '${indicator}', null, '${start}', '${end}', ${value})`);
    this.addSql(`insert into "target" ("instrument", "indicator_id", "unit_id", "period_start", "period_end", "value") values ${values.join(', ')};`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "target" where "unit_id" is null and "instrument" in ('DECISION_1336', 'DECISION_1648');`);
  }
}
