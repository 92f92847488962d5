import { parse } from 'csv-parse/sync';
import { toCsv } from '../../src/csv-output';
import { indicatorCsv } from '../../src/modules/indicator/indicator.export';
import { IndicatorTable } from '../../src/modules/indicator/indicator.types';

describe('CSV output', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const text of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")']) {
      const [[cell]] = parse(toCsv([[text]]), { relax_quotes: false }) as string[][];
      expect(cell).toBe(`'${text}`);
    }
    expect(toCsv([['Câu lạc bộ = tốt']])).toBe('Câu lạc bộ = tốt\n');
  });

  it('writes numbers as numbers, negative ones too, and quotes as RFC 4180 asks', () => {
    expect(toCsv([[-3, -0.5, 12, true, null, undefined, 'a,b', 'say "hi"', 'two\nlines']], { crlf: true })).toBe('-3,-0.5,12,true,,,"a,b","say ""hi""","two\nlines"\r\n');
  });

  it('neutralises the text cells of the indicator export and keeps its figures', () => {
    const table = {
      structure: 'POST_2025',
      rows: [
        {
          indicatorId: 'members',
          unit: { level: 'COMMUNE', code: '18775', fullName: '=cmd|"/c calc"!A1' },
          period: '2023', periodStart: '2023-01-01', periodEnd: '2023-12-31',
          categoryOptions: [],
          value: -12, numerator: null, denominator: null, target: null, achievementPercent: null, suppressed: false,
        },
      ],
    } as unknown as IndicatorTable;
    const [header, row] = parse(indicatorCsv(table), { bom: true }) as string[][];
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('unit_name')).toBe(`'=cmd|"/c calc"!A1`);
    expect(cell('value')).toBe('-12');
  });
});
