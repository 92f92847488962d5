import { parseArgs } from 'node:util';
import { toCsv } from '../csv-output';
import { clientOptionsFrom, HubClient, HubError } from '../client/hub-client';
import { IndicatorReportDocument, type AdminStructure, type IndicatorReportQuery, type UnitLevel } from '../client/gql/graphql';

const USAGE = `usage: npm run report -- --unit STRUCTURE:CODE --period PERIOD [--period …] [--format table|csv|json]
                         [--indicator ID …] [--unapproved] [--url URL] [--key KEY]
  STRUCTURE is PRE_2025 or POST_2025; CODE is an official unit code (VN for the nation).
  PERIOD is a DHIS2-style key: 2023, 2023Q4, 202312, or a range such as 2021..2023.
  --unapproved also shows data not approved yet (a MINISTRY key gets approved data only by default).
  The endpoint and key default to ISHC_URL and ISHC_KEY.`;

type Row = IndicatorReportQuery['total']['rows'][number];

/** The level one below a unit, read from its official code (2 digits: province, 3: district, 5: commune). */
function childLevel(structure: AdminStructure, code: string): UnitLevel | null {
  if (code === 'VN') return 'PROVINCE';
  if (code.length === 2) return structure === 'PRE_2025' ? 'DISTRICT' : 'COMMUNE';
  if (code.length === 3) return 'COMMUNE';
  return null;
}

function render(rows: Row[], names: Map<string, string>, format: string): string {
  const records = rows
    .filter((r) => r.categoryOptions.length === 0)
    .map((r) => ({
      indicator: r.indicatorId,
      name: names.get(r.indicatorId) ?? r.indicatorId,
      unit: r.unit.code,
      unitName: r.unit.fullName,
      period: r.period,
      value: r.value,
      target: r.target,
      achievementPercent: r.achievementPercent,
    }));
  if (format === 'json') return JSON.stringify(records, null, 2);
  const header = ['indicator', 'name', 'unit', 'unitName', 'period', 'value', 'target', 'achievementPercent'] as const;
  if (format === 'csv') return toCsv([header, ...records.map((r) => header.map((h) => r[h]))]).trimEnd();
  const cells = [header as readonly string[], ...records.map((r) => header.map((h) => (r[h] === null || r[h] === undefined ? '' : String(r[h]))))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

/** The Ministry's indicator report for a unit and its children, through the generated client over HTTP. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      unit: { type: 'string' },
      period: { type: 'string', multiple: true },
      indicator: { type: 'string', multiple: true },
      format: { type: 'string', default: 'table' },
      url: { type: 'string' },
      key: { type: 'string' },
      unapproved: { type: 'boolean', default: false },
    },
  });
  const [structure, code] = (values.unit ?? '').split(':') as [AdminStructure, string];
  if (!['PRE_2025', 'POST_2025'].includes(structure) || !code) throw new UsageError('--unit must be STRUCTURE:CODE, e.g. PRE_2025:42');
  if (!values.period?.length) throw new UsageError('--period is required');
  if (!['table', 'csv', 'json'].includes(values.format!)) throw new UsageError('--format must be table, csv or json');

  const client = new HubClient(clientOptionsFrom(values));
  const level = childLevel(structure, code);
  const data = await client.request(IndicatorReportDocument, {
    structure,
    unit: { structure, code },
    childLevel: level,
    withChildren: level !== null,
    periods: values.period,
    ids: values.indicator?.length ? values.indicator : null,
    // Unset: the hub's default for the key (approved data only for MINISTRY).
    approvedOnly: values.unapproved ? false : null,
  });
  const names = new Map(data.indicatorDefinitions.map((d) => [d.id, d.nameVi]));
  console.log(render([...data.total.rows, ...(data.children?.rows ?? [])], names, values.format!));
}

class UsageError extends Error {}

main().catch((err: unknown) => {
  if (err instanceof UsageError) console.error(`${err.message}\n${USAGE}`);
  else if (err instanceof HubError) console.error(`the hub refused the report (${err.codes.join(', ')}): ${err.message}`);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

