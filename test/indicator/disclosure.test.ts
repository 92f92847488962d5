import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/auth/viewer';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { UnitDirectory } from '../../src/modules/admin-unit/unit-directory';
import { PovertyStatus, Sex } from '../../src/modules/member/member.enums';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';

/**
 * Small cells (README, "Small cells"): the differencing attack of issue #14 repeated by a PARTNER, who must not
 * recover a cell of 1–4 people; exact cells for an association in its own area only; its exports stay there.
 *
 * Commune X of Hà Tĩnh (42) has 16 members in 2024 by sex × poverty: women 4 poor, 3 near-poor; men 2 poor, 7
 * not poor. Its neighbour Y has 1 poor woman and 5 men not poor; W has 4 women and 4 men, none poor, in one
 * club. Commune Z of Nghệ An (40) has 2 poor women.
 */
let hub: TestHub;
let partnerKey: string;
let adminKey: string;
let associationKey: string;
let x: string;
let y: string;
let z: string;
let w: string;

const SEXES = [Sex.FEMALE, Sex.MALE];
const POVERTY = [PovertyStatus.POOR, PovertyStatus.NEAR_POOR, PovertyStatus.NOT_POOR];
const X_TRUE: Record<string, number> = { 'FEMALE/POOR': 4, 'FEMALE/NEAR_POOR': 3, 'FEMALE/NOT_POOR': 0, 'MALE/POOR': 2, 'MALE/NEAR_POOR': 0, 'MALE/NOT_POOR': 7 };
const Y_TRUE: Record<string, number> = { 'FEMALE/POOR': 1, 'MALE/NOT_POOR': 5 };

const INDICATORS = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'operations', 'indicator', 'Indicators.graphql'), 'utf8');

interface Row {
  unit: { code: string };
  categoryOptions: Array<{ dimension: string; option: string }>;
  value: number | null;
  numerator: number | null;
  suppressed: boolean;
}

async function members(key: string, variables: Record<string, unknown>): Promise<Row[]> {
  const res = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: INDICATORS, variables: { ids: ['members'], periods: ['2024'], structure: 'POST_2025', ...variables } }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data.indicators.rows;
}

const post = (code: string) => ({ structure: 'POST_2025', code });
const exportGet = (file: string, params: Record<string, string>, key: string) =>
  fetch(`${hub.url}/exports/${file}?${new URLSearchParams({ ids: 'members', periods: '2024', ...params })}`, { headers: { authorization: `Bearer ${key}` } });

/** What a released cell tells the attacker about its true count: exact, 1–4 (suppressed, no value), or the README's rounding. */
function interval(row: Row): [number, number] {
  if (!row.suppressed) return [row.value!, row.value!];
  return row.value === null ? [1, 4] : [row.value, row.value + 4];
}

/** A released figure: the cells (sex/poverty keys) it sums, and what it tells. */
interface Fact {
  cells: string[];
  range: [number, number];
}

const CELLS = SEXES.flatMap((s) => POVERTY.map((p) => `${s}/${p}`));

/** Every released figure of one unit: the total, both margins and the cross table. */
async function facts(key: string, unit: string): Promise<Fact[]> {
  const ask = (disaggregateBy: string[]) => members(key, { units: [post(unit)], disaggregateBy });
  const [total, bySex, byPoverty, cross] = await Promise.all([ask([]), ask(['SEX']), ask(['POVERTY_STATUS']), ask(['SEX', 'POVERTY_STATUS'])]);
  const option = (row: Row, d: string) => row.categoryOptions.find((o) => o.dimension === d)?.option;
  return [
    { cells: CELLS, range: interval(total[0]) },
    ...bySex.map((r) => ({ cells: CELLS.filter((c) => c.startsWith(`${option(r, 'SEX')}/`)), range: interval(r) })),
    ...byPoverty.map((r) => ({ cells: CELLS.filter((c) => c.endsWith(`/${option(r, 'POVERTY_STATUS')}`)), range: interval(r) })),
    ...cross.map((r) => ({ cells: [`${option(r, 'SEX')}/${option(r, 'POVERTY_STATUS')}`], range: interval(r) })),
  ];
}

/** Every table of the six cells that agrees with the facts (each cell tried over what its own figure allows). */
function consistentTables(known: Fact[]): Array<Record<string, number>> {
  const own = (cell: string) => known.find((f) => f.cells.length === 1 && f.cells[0] === cell)!.range;
  const tables: Array<Record<string, number>> = [];
  const fill = (i: number, table: Record<string, number>) => {
    if (i === CELLS.length) {
      if (known.every((f) => within(f.cells.reduce((s, c) => s + table[c], 0), f.range))) tables.push({ ...table });
      return;
    }
    const [lo, hi] = own(CELLS[i]);
    for (let v = lo; v <= hi; v++) fill(i + 1, { ...table, [CELLS[i]]: v });
  };
  fill(0, {});
  return tables;
}

const within = (n: number, [lo, hi]: [number, number]) => n >= lo && n <= hi;
const cellOf = (rows: Row[], code: string, sex: string, poverty: string) =>
  rows.find((r) => r.unit.code === code && r.categoryOptions.some((o) => o.option === sex) && r.categoryOptions.some((o) => o.option === poverty))!;

beforeAll(async () => {
  hub = await startTestHub();
  const g = given(hub.orm);
  const units = await UnitDirectory.load(hub.orm.em.fork());
  const [hx, hy, hw] = units.communesUnder(units.find(AdminStructure.POST_2025, '42')!);
  const [nz] = units.communesUnder(units.find(AdminStructure.POST_2025, '40')!);
  [x, y, z, w] = [hx.code, hy.code, nz.code, hw.code];
  const people = async (commune: string, counts: Record<string, number>) => {
    const club = await g.club({ post2025: commune, foundedOn: '2020-01-01' });
    for (const [cell, n] of Object.entries(counts)) {
      const [sex, povertyStatus] = cell.split('/') as [Sex, PovertyStatus];
      for (let i = 0; i < n; i++) await g.member(club, { sex, povertyStatus, joinedOn: '2020-02-01' });
    }
  };
  await people(x, X_TRUE);
  await people(y, Y_TRUE);
  await people(z, { 'FEMALE/POOR': 2 });
  await people(w, { 'FEMALE/NOT_POOR': 4, 'MALE/NOT_POOR': 4 });
  const key = (role: Role, scope?: { structure: AdminStructure; code: string }) =>
    createApiKey(hub.orm.em.fork(), units, { organisation: `Disclosure tests ${role}`, role, scope }).then((k) => k.key);
  partnerKey = await key(Role.PARTNER);
  adminKey = await key(Role.ADMIN);
  associationKey = await key(Role.ASSOCIATION, { structure: AdminStructure.POST_2025, code: '42' });
});

afterAll(async () => {
  await hub?.stop();
});

describe('the differencing attack, as a PARTNER', () => {
  it('cannot rebuild the small cells of a commune from its total and one-way tables', async () => {
    const known = await facts(partnerKey, x);
    // The attacker's arithmetic of the issue, on the figures shown: men less their other cells, and so on.
    const shown = (cells: string[]) => known.find((f) => f.cells.length === cells.length && f.cells.every((c) => cells.includes(c)))!.range[0];
    const of = (prefix: string) => CELLS.filter((c) => c.startsWith(prefix) || c.endsWith(prefix));
    const poorMen = shown(of('MALE/')) - shown(['MALE/NEAR_POOR']) - shown(['MALE/NOT_POOR']);
    const poorWomen = shown(of('/POOR')) - poorMen;
    const nearPoorWomen = shown(of('FEMALE/')) - poorWomen - shown(['FEMALE/NOT_POOR']);
    expect([poorWomen, nearPoorWomen, poorMen]).not.toEqual([4, 3, 2]);
    // Every table that fits all of it, not just these subtractions: each small cell keeps several possible values.
    const tables = consistentTables(known);
    expect(tables).toContainEqual(X_TRUE);
    for (const cell of ['FEMALE/POOR', 'FEMALE/NEAR_POOR', 'MALE/POOR']) {
      expect([cell, new Set(tables.map((t) => t[cell])).size > 1]).toEqual([cell, true]);
    }
  });

  it('cannot subtract the neighbouring commune from the province, in any level or period', async () => {
    const [province, communes, quarter] = await Promise.all([
      members(partnerKey, { units: [post('42')], disaggregateBy: ['SEX', 'POVERTY_STATUS'] }),
      members(partnerKey, { level: 'COMMUNE', under: post('42'), disaggregateBy: ['SEX', 'POVERTY_STATUS'] }),
      members(partnerKey, { units: [post(x)], periods: ['2024Q4', '202412'], disaggregateBy: ['SEX', 'POVERTY_STATUS'] }),
    ]);
    for (const [sex, poverty] of [['FEMALE', 'POOR'], ['FEMALE', 'NEAR_POOR'], ['MALE', 'POOR']]) {
      const others = communes.filter((r) => r.unit.code !== x).filter((r) => r.categoryOptions[0].option === sex && r.categoryOptions[1].option === poverty);
      const guess = cellOf(province, '42', sex, poverty).value! - others.reduce((s, r) => s + r.value!, 0);
      expect(guess).not.toBe(X_TRUE[`${sex}/${poverty}`]);
      // The same count asked another way is the same figure: nothing to average.
      const direct = cellOf(communes, x, sex, poverty);
      expect(quarter.filter((r) => r.categoryOptions[0].option === sex && r.categoryOptions[1].option === poverty).map((r) => r.value)).toEqual([direct.value, direct.value]);
    }
    // Every count shown is a multiple of 5, small ones as 0 like nobody, none flagged apart.
    for (const row of [...province, ...communes]) expect([row.value! % 5, row.suppressed]).toEqual([0, true]);
    expect(cellOf(communes, y, 'FEMALE', 'POOR').value).toBe(0);
    expect(cellOf(communes, y, 'FEMALE', 'NOT_POOR').value).toBe(0);
  });

  it('cannot pin a split of a commune or a club against its member count', async () => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${partnerKey}` },
      body: JSON.stringify({ query: `{ commune(structure: POST_2025, code: "${w}") { memberCount clubs(first: 5) { edges { node { memberCount } } } } }` }),
    });
    const { data } = (await res.json()) as any;
    const bySex = await members(partnerKey, { units: [post(w)], disaggregateBy: ['SEX'] });
    // Were the count exact (8), two splits shown as 0 (each 0–4) would have to be 4 and 4.
    const counts = [data.commune.memberCount, data.commune.clubs.edges[0].node.memberCount];
    expect(counts).toEqual([5, 5]);
    const [women, men] = bySex.map((r) => interval(r));
    const splits = [];
    for (let f = women[0]; f <= women[1]; f++) for (let m = men[0]; m <= men[1]; m++) if (within(f + m, [counts[0], counts[0] + 4])) splits.push(f);
    expect(splits).toContain(4);
    expect(new Set(splits).size).toBeGreaterThan(1);
  });
});

describe('who sees exact small cells', () => {
  it('an association sees them inside its province and protected figures elsewhere', async () => {
    const own = await members(associationKey, { units: [post(x)], disaggregateBy: ['SEX', 'POVERTY_STATUS'] });
    expect(cellOf(own, x, 'FEMALE', 'POOR')).toMatchObject({ value: 4, suppressed: false });
    expect(cellOf(own, x, 'MALE', 'POOR')).toMatchObject({ value: 2, suppressed: false });
    // Communes of another province are closed to it; the province and the nation are open, and protected.
    const elsewhere = await members(associationKey, { units: [post('40'), post('VN'), post('42')], disaggregateBy: ['SEX', 'POVERTY_STATUS'] });
    expect(cellOf(elsewhere, '40', 'FEMALE', 'POOR')).toMatchObject({ value: 0, suppressed: true });
    expect(cellOf(elsewhere, 'VN', 'FEMALE', 'POOR')).toMatchObject({ value: 5, suppressed: true });
    expect(cellOf(elsewhere, '42', 'FEMALE', 'POOR')).toMatchObject({ value: 5, suppressed: false });
  });

  it('ADMIN sees exact figures everywhere', async () => {
    const rows = await members(adminKey, { units: [post(x), post(z), post('VN')], disaggregateBy: ['SEX', 'POVERTY_STATUS'] });
    expect([cellOf(rows, x, 'FEMALE', 'NEAR_POOR').value, cellOf(rows, z, 'FEMALE', 'POOR').value, cellOf(rows, 'VN', 'FEMALE', 'POOR').value]).toEqual([3, 2, 7]);
    expect(rows.every((r) => !r.suppressed)).toBe(true);
  });
});

describe("an association's exports", () => {
  it('cover its own area when no unit is named', async () => {
    for (const params of [{}, { level: 'COMMUNE' }] as Array<Record<string, string>>) {
      const res = await exportGet('indicators.csv', params, associationKey);
      expect(res.status).toBe(200);
      const records = parse(await res.text(), { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(records.length).toBeGreaterThan(0);
      const codes = new Set(records.map((r) => r.unit_code));
      if ('level' in params) expect(codes.has(x) && !codes.has(z)).toBe(true);
      else expect([...codes]).toEqual(['42']);
      expect(records.every((r) => r.suppressed === 'false')).toBe(true);
    }
    const dhis2 = (await (await exportGet('dataValueSets.json', {}, associationKey)).json()) as { dataValues: Array<{ orgUnit: string }> };
    expect(dhis2.dataValues.map((v) => v.orgUnit)).toEqual(['42']);
  });

  it('refuse units outside it with 403', async () => {
    for (const params of [{ units: 'POST_2025:40' }, { units: `POST_2025:${x},POST_2025:${z}` }, { units: 'POST_2025:VN' }, { level: 'PROVINCE', under: 'POST_2025:VN' }] as Array<Record<string, string>>) {
      for (const file of ['indicators.csv', 'dataValueSets.json']) {
        const res = await exportGet(file, params, associationKey);
        expect(res.status).toBe(403);
        expect(((await res.json()) as any).error.code).toBe('FORBIDDEN');
      }
    }
  });
});
