import { toCsv } from '../../csv-output';
import { findIndicator } from './indicator.catalogue';
import { Disaggregation } from './indicator.enums';
import { IndicatorRow, IndicatorTable } from './indicator.types';

/**
 * The indicator table as files for other systems: CSV (UTF-8 with a byte-order mark, so spreadsheet tools
 * read Vietnamese correctly; RFC 4180: CRLF line ends; see toCsv) and DHIS2 dataValueSets JSON.
 */
const DIMENSION_ORDER = Object.values(Disaggregation);

/** Dimensions that appear in any row, in canonical order: one column each. */
function dimensionsOf(rows: readonly IndicatorRow[]): Disaggregation[] {
  const seen = new Set(rows.flatMap((r) => r.categoryOptions.map((o) => o.dimension)));
  return DIMENSION_ORDER.filter((d) => seen.has(d));
}

export function indicatorCsv(table: IndicatorTable): string {
  const dimensions = dimensionsOf(table.rows);
  const header = [
    'indicator', 'indicator_name', 'structure', 'unit_level', 'unit_code', 'unit_name', 'period', 'period_start', 'period_end',
    ...dimensions.map((d) => d.toLowerCase()),
    'value', 'numerator', 'denominator', 'target', 'achievement_percent', 'suppressed',
    // An approved-only file says so in a column of its own (and the x-approved-only header).
    ...(table.approvedOnly ? ['approval'] : []),
  ];
  const lines = table.rows.map((row) => {
    const option = (d: Disaggregation) => row.categoryOptions.find((o) => o.dimension === d)?.option ?? '';
    return [
      row.indicatorId, findIndicator(row.indicatorId)?.nameVi ?? '', table.structure, row.unit.level, row.unit.code, row.unit.fullName,
      row.period, row.periodStart, row.periodEnd,
      ...dimensions.map(option),
      row.value, row.numerator, row.denominator, row.target, row.achievementPercent, row.suppressed,
      ...(table.approvedOnly ? [row.approval] : []),
    ];
  });
  return toCsv([header, ...lines], { bom: true, crlf: true });
}

export interface DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo?: string;
  value: string;
}

/**
 * DHIS2's import format, keyed by codes (import with dataElementIdScheme=CODE, orgUnitIdScheme=CODE,
 * categoryOptionComboIdScheme=CODE): data elements are indicator ids, org units are unit codes of the
 * structure asked for (the nation is "VN"), combos are the options joined by "_" (e.g. FEMALE_AGE_60_69).
 * Cells without a value (a zero denominator, money withheld, or not approved in an approved-only table) are left
 * out, as DHIS2 expects.
 */
export function dataValueSets(table: IndicatorTable): { dataValues: DataValue[] } {
  const dataValues: DataValue[] = [];
  for (const row of table.rows) {
    if (row.value === null) continue;
    dataValues.push({
      dataElement: row.indicatorId,
      period: row.period,
      orgUnit: row.unit.code,
      ...(row.categoryOptions.length ? { categoryOptionCombo: row.categoryOptions.map((o) => o.option).join('_') } : {}),
      value: String(row.value),
    });
  }
  return { dataValues };
}
