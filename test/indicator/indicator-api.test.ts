import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/auth/viewer';
import { UnitDirectory } from '../../src/modules/admin-unit/unit-directory';
import { Club } from '../../src/modules/club/club.entity';
import { BoardRole, PovertyStatus, Sex } from '../../src/modules/member/member.enums';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';

/**
 * The indicator API's contract on a hand-built world: privacy (counts of people rounded for anonymous callers and
 * partners, exact for viewers who may read personal data), errors naming the argument, the CSV and DHIS2 exports, freshness and
 * the number of SQL statements.
 *
 * Kỳ Tiến (PRE 18769 → POST 18775) has a club of 6 members (4 women, 2 men); Hòa Thắng (PRE 24166 → POST
 * 24121) a club of 3.
 */
let hub: TestHub;
let adminKey: string;
let partnerKey: string;
let ministryKey: string;
let kyTien: Club;

const INDICATORS = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'operations', 'indicator', 'Indicators.graphql'), 'utf8');

async function graphql(variables: Record<string, unknown>, key?: string) {
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: INDICATORS, variables }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };
}

async function table(variables: Record<string, unknown>, key?: string) {
  const body = await graphql(variables, key);
  expect(body.errors).toBeUndefined();
  return body.data.indicators as { rows: any[]; suppressedCells: number; structure: string };
}

const exportUrl = (file: string, params: Record<string, string>) => `${hub.url}/exports/${file}?${new URLSearchParams(params)}`;
const get = (url: string, key?: string) => fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {} });
const cell = (rows: any[], id: string, code: string) => rows.find((r) => r.indicatorId === id && r.unit.code === code && r.categoryOptions.length === 0);

beforeAll(async () => {
  hub = await startTestHub();
  const g = given(hub.orm);
  kyTien = await g.club({ pre2025: '18769', post2025: '18775', foundedOn: '2019-06-01' });
  const hoaThang = await g.club({ pre2025: '24166', post2025: '24121', foundedOn: '2021-02-01' });
  const people: Array<[Sex, number, PovertyStatus]> = [
    [Sex.FEMALE, 1950, PovertyStatus.POOR],
    [Sex.FEMALE, 1955, PovertyStatus.NEAR_POOR],
    [Sex.FEMALE, 1958, PovertyStatus.NOT_POOR],
    [Sex.FEMALE, 1975, PovertyStatus.NOT_POOR],
    [Sex.MALE, 1948, PovertyStatus.POOR],
    [Sex.MALE, 1990, PovertyStatus.NOT_POOR],
  ];
  for (const [i, [sex, birthYear, povertyStatus]] of people.entries()) {
    await g.member(kyTien, { sex, birthYear, povertyStatus, joinedOn: '2019-06-01', boardRole: i === 0 ? BoardRole.CHAIR : undefined });
  }
  for (const birthYear of [1952, 1960, 1985]) await g.member(hoaThang, { birthYear, joinedOn: '2021-02-01' });
  const units = await UnitDirectory.load(hub.orm.em.fork());
  adminKey = (await createApiKey(hub.orm.em.fork(), units, { organisation: 'Bộ Y tế, Cục Dân số', role: Role.ADMIN })).key;
  partnerKey = (await createApiKey(hub.orm.em.fork(), units, { organisation: 'WHO Việt Nam', role: Role.PARTNER })).key;
  ministryKey = (await createApiKey(hub.orm.em.fork(), units, { organisation: 'Bộ Y tế', role: Role.MINISTRY })).key;
});

afterAll(async () => {
  await hub?.stop();
});

describe('the catalogue', () => {
  it('lists every indicator with its exact definition, unit, target instrument and dimensions', async () => {
    const res = await hub.operation('indicator/IndicatorDefinitions.graphql');
    const defs = res.data!.indicatorDefinitions as Array<Record<string, any>>;
    expect(defs.length).toBeGreaterThanOrEqual(29);
    expect(new Set(defs.map((d) => d.id)).size).toBe(defs.length);
    for (const d of defs) {
      expect(d.nameVi && d.nameEn && d.definition && d.numerator).toBeTruthy();
      expect(['COUNT', 'PERCENT', 'DONG', 'RATIO']).toContain(d.unit);
      if (d.unit === 'PERCENT' || d.unit === 'RATIO') expect(d.denominator).toBeTruthy();
    }
    expect(defs.find((d) => d.id === 'active_clubs')!.definition).toContain('founded on or before the last day of P and not dissolved before its first day');
    expect(defs.find((d) => d.id === 'members')).toMatchObject({ unit: 'COUNT', disaggregations: ['SEX', 'AGE_BAND', 'POVERTY_STATUS', 'PROGRAMME'] });
    expect(defs.find((d) => d.id === 'province_coverage')).toMatchObject({ unit: 'PERCENT', instrument: 'DECISION_1336' });
    expect(defs.find((d) => d.id === 'training_courses')!.disaggregations).toEqual([]);
  });
});

describe('privacy', () => {
  it('rounds counts of people down to a multiple of 5 for viewers who may not read personal data', async () => {
    const t = await table({ periods: ['2023'], ids: ['members', 'older_share', 'active_clubs', 'clubs_50_70_members'], level: 'COMMUNE', under: { structure: 'POST_2025', code: '66' } }, partnerKey);
    // 3 members read as 0, like nobody; the share then has no denominator.
    expect(cell(t.rows, 'members', '24121')).toMatchObject({ value: 0, numerator: 0, denominator: null, suppressed: true });
    expect(cell(t.rows, 'older_share', '24121')).toMatchObject({ value: null, numerator: 0, denominator: 0, suppressed: true });
    // Clubs are not people.
    expect(cell(t.rows, 'active_clubs', '24121')).toMatchObject({ value: 1, suppressed: false });
    expect(cell(t.rows, 'clubs_50_70_members', '24121')).toMatchObject({ value: 0, numerator: 0, denominator: 1, suppressed: false });
    // A cell of nobody looks the same as one of 3: protection is decided by indicator and unit, not by the count.
    const empty = t.rows.find((r) => r.indicatorId === 'members' && r.unit.code !== '24121');
    expect(empty).toMatchObject({ value: 0, suppressed: true });
    expect(t.suppressedCells).toBe(t.rows.filter((r) => r.indicatorId === 'members' || r.indicatorId === 'older_share').length);
  });

  it('rounds small categories and the cell of 6 people they come from alike', async () => {
    const t = await table({ periods: ['2023'], ids: ['members'], units: [{ structure: 'POST_2025', code: '18775' }], disaggregateBy: ['SEX'] }, partnerKey);
    expect(t.rows.map((r) => [r.categoryOptions[0].option, r.value, r.suppressed])).toEqual([
      ['FEMALE', 0, true],
      ['MALE', 0, true],
    ]);
    const total = await table({ periods: ['2023'], ids: ['members', 'older_share', 'women_share'], units: [{ structure: 'POST_2025', code: '18775' }] }, partnerKey);
    // 6 members show as 5; 4 older members and 4 women as 0, so both shares derive from 0 ÷ 5.
    expect(total.rows.map((r) => [r.indicatorId, r.numerator, r.denominator, r.value, r.suppressed])).toEqual([
      ['members', 5, null, 5, true],
      ['older_share', 0, 5, 0, true],
      ['women_share', 0, 5, 0, true],
    ]);
  });

  it('shows every cell to a viewer who may read personal data', async () => {
    const t = await table({ periods: ['2023'], ids: ['members', 'older_share', 'women_share'], units: [{ structure: 'POST_2025', code: '18775' }, { structure: 'POST_2025', code: '24121' }] }, adminKey);
    expect(t.suppressedCells).toBe(0);
    expect(t.rows.map((r) => [r.indicatorId, r.unit.code, r.numerator, r.denominator, r.value])).toEqual([
      ['members', '18775', 6, null, 6],
      ['members', '24121', 3, null, 3],
      ['older_share', '18775', 4, 6, 66.67],
      ['older_share', '24121', 2, 3, 66.67],
      ['women_share', '18775', 4, 6, 66.67],
      ['women_share', '24121', 3, 3, 100],
    ]);
  });
});

describe('bad input', () => {
  it.each([
    [{ ids: ['members', 'nonsense'] }, 'ids', 'Unknown indicator id: nonsense'],
    [{ ids: [] }, 'ids', 'at least one indicator'],
    [{ periods: ['2023Q5'] }, 'periods', 'Period "2023Q5"'],
    [{ level: 'DISTRICT' }, 'level', 'no districts in the POST_2025 structure'],
    [{ under: { structure: 'POST_2025', code: '42' } }, 'level', '"under" needs a "level"'],
    [{ level: 'COMMUNE', under: { structure: 'PRE_2025', code: '42' } }, 'under', 'not in the structure asked for'],
    [{ level: 'PROVINCE', under: { structure: 'POST_2025', code: '18775' } }, 'level', 'There is no province'],
    [{ units: [{ structure: 'POST_2025', code: '99999' }] }, 'units', 'No POST_2025 unit has the code "99999"'],
    [{ units: [{ structure: 'POST_2025', code: '42' }], level: 'PROVINCE' }, 'units', 'not both'],
    [{ structure: 'PRE_2025', level: 'COMMUNE' }, 'level', 'cells'],
  ])('%j is a BAD_USER_INPUT naming "%s"', async (variables, argument, message) => {
    const body = await graphql({ periods: ['2023'], ...variables });
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(body.errors?.[0].message).toContain(message);
  });
});

describe('exports', () => {
  const params = { ids: 'members,poor_near_poor_share,active_clubs', periods: '2023,2024', level: 'COMMUNE', under: 'POST_2025:42' };

  it('CSV: UTF-8 with a byte-order mark, a header, RFC 4180 quoting, the same numbers as GraphQL', async () => {
    const res = await get(exportUrl('indicators.csv', params), adminKey);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('indicators.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFindicator,indicator_name,structure,unit_level,unit_code,unit_name,period,period_start,period_end,value,numerator,denominator,target,achievement_percent,suppressed',
    );
    // A name with a comma is quoted; Vietnamese is intact.
    expect(text).toContain('"Tỷ lệ thành viên thuộc hộ nghèo, hộ cận nghèo"');
    expect(text).toContain('Xã Kỳ Anh');
    const records = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>;
    const gql = await table({ ids: params.ids.split(','), periods: ['2023', '2024'], level: 'COMMUNE', under: { structure: 'POST_2025', code: '42' } }, adminKey);
    expect(records).toHaveLength(gql.rows.length);
    records.forEach((record, i) => {
      const row = gql.rows[i];
      expect([record.indicator, record.unit_code, record.period]).toEqual([row.indicatorId, row.unit.code, row.period]);
      expect(record.value).toBe(row.value === null ? '' : String(row.value));
      expect(record.numerator).toBe(row.numerator === null ? '' : String(row.numerator));
      expect(record.suppressed).toBe(String(row.suppressed));
    });
    const kyTienRow = records.find((r) => r.indicator === 'poor_near_poor_share' && r.unit_code === '18775' && r.period === '2023')!;
    expect(kyTienRow).toMatchObject({ structure: 'POST_2025', unit_level: 'COMMUNE', value: '50', numerator: '3', denominator: '6', period_start: '2023-01-01' });
  });

  it('CSV: one column per dimension applied, and rounding for the Ministry (which reads no personal data)', async () => {
    const res = await get(exportUrl('indicators.csv', { ids: 'members', periods: '2023', units: 'POST_2025:18775', disaggregateBy: 'SEX,PROGRAMME', approvedOnly: 'false' }), ministryKey);
    const records = parse(await res.text(), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records).toHaveLength(2 * 5);
    const women = records.find((r) => r.sex === 'FEMALE' && r.programme === 'DECISION_1336')!;
    expect(women).toMatchObject({ value: '0', numerator: '0', suppressed: 'true' });
    expect(records.find((r) => r.sex === 'MALE' && r.programme === 'NGO_PROJECT')).toMatchObject({ value: '0', suppressed: 'true' });
  });

  it('DHIS2 dataValueSets: keyed by unit codes and period keys, with category option combos', async () => {
    const res = await get(exportUrl('dataValueSets.json', { ids: 'members,active_clubs', periods: '2023Q4', units: 'POST_2025:18775,POST_2025:VN', disaggregateBy: 'SEX' }), adminKey);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { dataValues: Array<Record<string, string>> };
    expect(body.dataValues).toEqual([
      { dataElement: 'members', period: '2023Q4', orgUnit: '18775', categoryOptionCombo: 'FEMALE', value: '4' },
      { dataElement: 'members', period: '2023Q4', orgUnit: '18775', categoryOptionCombo: 'MALE', value: '2' },
      { dataElement: 'members', period: '2023Q4', orgUnit: 'VN', categoryOptionCombo: 'FEMALE', value: '7' },
      { dataElement: 'members', period: '2023Q4', orgUnit: 'VN', categoryOptionCombo: 'MALE', value: '2' },
      { dataElement: 'active_clubs', period: '2023Q4', orgUnit: '18775', value: '1' },
      { dataElement: 'active_clubs', period: '2023Q4', orgUnit: 'VN', value: '2' },
    ]);
    // Viewers who may not read personal data get the rounded counts (4 and 2 women and men read as 0).
    const ministry = (await (await get(exportUrl('dataValueSets.json', { ids: 'members', periods: '2023Q4', units: '18775', disaggregateBy: 'SEX', approvedOnly: 'false' }), ministryKey)).json()) as {
      dataValues: Array<{ value: string }>;
    };
    expect(ministry.dataValues.map((v) => v.value)).toEqual(['0', '0']);
  });

  it('gives callers without a key national and provincial figures only, and no exports', async () => {
    const province = await graphql({ periods: ['2023'], ids: ['members'], level: 'PROVINCE' });
    expect(province.errors).toBeUndefined();
    const commune = await graphql({ periods: ['2023'], ids: ['members'], units: [{ structure: 'POST_2025', code: '18775' }] });
    expect(commune.errors![0].extensions.code).toBe('FORBIDDEN');
    for (const file of ['indicators.csv', 'dataValueSets.json']) {
      const res = await get(exportUrl(file, { ids: 'members', periods: '2023' }));
      expect(res.status).toBe(403);
      expect(((await res.json()) as any).error.code).toBe('FORBIDDEN');
    }
    expect((await get(exportUrl('indicators.csv', { ids: 'members', periods: '2023' }), partnerKey)).status).toBe(403);
  });

  it.each([
    [{ periods: '2023Q9' }, 'periods'],
    [{ periods: '2023', structure: 'POST_2030' }, 'structure'],
    [{ periods: '2023', level: 'VILLAGE' }, 'level'],
    [{ periods: '2023', disaggregateBy: 'SEX,HEIGHT' }, 'disaggregateBy'],
    [{ periods: '2023', under: 'PRE_2025:42', level: 'COMMUNE' }, 'under'],
    [{ periods: '2023', units: 'POST_2025:00000' }, 'units'],
    [{ periods: '2023', ids: 'nonsense' }, 'ids'],
    [{ periods: '2023', colour: 'red' }, 'colour'],
    [{}, 'periods'],
  ])('%j answers 400 with a JSON error naming "%s"', async (query, argument) => {
    for (const file of ['indicators.csv', 'dataValueSets.json']) {
      const res = await get(exportUrl(file, query as Record<string, string>), ministryKey);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toEqual({ error: { code: 'BAD_USER_INPUT', message: expect.any(String), argument } });
    }
  });
});

describe('fresh and set-based', () => {
  it('sees a committed write in the next query', async () => {
    const vars = { periods: ['2023'], ids: ['members'], units: [{ structure: 'POST_2025', code: '18775' }] };
    expect((await table(vars, adminKey)).rows[0].value).toBe(6);
    await given(hub.orm).member(kyTien, { joinedOn: '2023-05-01' });
    expect((await table(vars, adminKey)).rows[0].value).toBe(7);
  });

  it('answers every indicator for every province in one statement per family, however many units', async () => {
    await table({ periods: ['2023'], level: 'PROVINCE' }, adminKey);
    hub.sql.reset();
    const provinces = await table({ periods: ['2023', '2024'], level: 'PROVINCE', structure: 'PRE_2025' }, adminKey);
    expect(provinces.rows.length).toBeGreaterThan(63 * 29);
    const statements = hub.sql.count;
    hub.sql.reset();
    await table({ periods: ['2023', '2024'], level: 'COMMUNE', under: { structure: 'PRE_2025', code: '42' }, structure: 'PRE_2025' }, adminKey);
    // Seven statements for the eight families (member totals come with the club statement), the targets,
    // and the key read once more.
    expect(statements).toBeLessThanOrEqual(9);
    expect(hub.sql.count).toBe(statements);
  });

  it('reads the clubs for the placement notes only when they are asked for (the reporting page does not)', async () => {
    const vars = { periods: ['202301..202312'], level: 'PROVINCE', structure: 'PRE_2025', ids: ['reporting_completeness'] };
    await table(vars, adminKey);
    hub.sql.reset();
    const withNotes = await table(vars, adminKey);
    const [withCount, withStatements] = [hub.sql.count, hub.sql.statements.join('\n')];
    hub.sql.reset();
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify({ query: fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'operations', 'web', 'WebIndicators.graphql'), 'utf8'), variables: vars }),
    });
    const withoutNotes = ((await res.json()) as { data: { indicators: { rows: any[] } } }).data.indicators;
    expect(withStatements).toContain('"clubsAboveCommune"');
    expect(hub.sql.statements.join('\n')).not.toContain('"clubsAboveCommune"');
    expect(hub.sql.count).toBe(withCount - 1);
    const values = (rows: any[]) => rows.map((r) => [r.unit.code, r.period, r.value]);
    expect(values(withoutNotes.rows)).toEqual(values(withNotes.rows));
  });
});
