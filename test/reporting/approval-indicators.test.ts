import { parse } from 'csv-parse/sync';
import { Role } from '../../src/auth/viewer';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../../src/modules/admin-unit/admin-unit.types';
import { Club } from '../../src/modules/club/club.entity';
import { given } from '../support/given';
import { approved, CommunePair, communesWithOneSuccessor } from '../support/given-reporting';
import { startTestHub, TestHub } from '../support/hub';

/**
 * Approved data only: indicator cells are served when every month of their period is approved for their unit, and
 * MINISTRY keys get that by default. Hà Tĩnh (PRE_2025 42): district D1 with clubs in communes c1 (three members)
 * and c2 (one member), and none elsewhere.
 */
let hub: TestHub;
let P: AdministrativeUnit;
let D1: AdministrativeUnit;
let c1: CommunePair;
let c2: CommunePair;
let k1: Club;
let ministry: string;

beforeAll(async () => {
  hub = await startTestHub();
  P = hub.units.find(AdminStructure.PRE_2025, '42')!;
  for (const d of P.children) {
    const pairs = await communesWithOneSuccessor(hub, d, 2);
    if (pairs.length === 2) {
      [D1, [c1, c2]] = [d, pairs];
      break;
    }
  }
  const g = given(hub.orm);
  k1 = await g.club({ pre2025: c1.pre.code, post2025: c1.post.code, foundedOn: '2021-03-15' });
  const k2 = await g.club({ pre2025: c2.pre.code, post2025: c2.post.code, foundedOn: '2021-03-15' });
  for (const birthYear of [1950, 1955, 1990]) await g.member(k1, { birthYear, joinedOn: '2021-04-01' });
  await g.member(k2, { joinedOn: '2021-04-01' });
  ministry = await hub.key(Role.MINISTRY);
}, 60_000);

afterAll(async () => {
  await hub?.stop();
});

const code = (u: AdministrativeUnit) => ({ structure: u.structure, code: u.code });

async function table(variables: Record<string, unknown>, key: string = hub.adminKey) {
  const res = await hub.operation('indicator/Indicators.graphql', { structure: 'PRE_2025', ids: ['active_clubs', 'members'], ...variables }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.indicators as { rows: any[]; approvedOnly: boolean; withheldCells: number };
}
const cell = (rows: any[], id: string, unit: AdministrativeUnit, period: string) => rows.find((r) => r.indicatorId === id && r.unit.code === unit.code && r.period === period);

describe('approved data only', () => {
  it('serves a cell when every month of its period is approved for its unit, and withholds the others', async () => {
    await approved(hub, hub.adminKey, c1.pre, '2024-06');
    const vars = { units: [code(c1.pre), code(D1)], periods: ['202406', '202407', '2024Q2'] };
    const all = await table(vars);
    expect(all).toMatchObject({ approvedOnly: false, withheldCells: 0 });
    expect(all.rows.every((r) => r.approval === null)).toBe(true);

    const only = await table({ ...vars, approvedOnly: true });
    expect(only.approvedOnly).toBe(true);
    expect(cell(only.rows, 'members', c1.pre, '202406')).toMatchObject({ approval: 'APPROVED', value: 3, numerator: 3 });
    expect(cell(only.rows, 'members', c1.pre, '202406')).toEqual({ ...cell(all.rows, 'members', c1.pre, '202406'), approval: 'APPROVED' });
    expect(cell(only.rows, 'members', c1.pre, '202407')).toMatchObject({ approval: 'NOT_APPROVED', value: null, numerator: null, denominator: null, achievementPercent: null });
    // A quarter needs all three months; a district needs its own approval, not just one of its communes.
    expect(cell(only.rows, 'active_clubs', c1.pre, '2024Q2')).toMatchObject({ approval: 'NOT_APPROVED', value: null });
    expect(cell(only.rows, 'active_clubs', D1, '202406')).toMatchObject({ approval: 'NOT_APPROVED', value: null });
    expect(only.withheldCells).toBe(only.rows.filter((r) => r.approval === 'NOT_APPROVED').length);
    expect(only.withheldCells).toBe(2 * 2 * 3 - 2);

    await approved(hub, hub.adminKey, c2.pre, '2024-06');
    await approved(hub, hub.adminKey, D1, '2024-06');
    const district = await table({ ...vars, approvedOnly: true });
    expect(cell(district.rows, 'members', D1, '202406')).toMatchObject({ approval: 'APPROVED', value: 4 });
  });

  it('is what MINISTRY keys get by default (they may ask for everything), and the exports say so', async () => {
    await approved(hub, hub.adminKey, c1.pre, '2024-09');
    const vars = { units: [code(c1.pre)], periods: ['202409', '202410'], ids: ['active_clubs'] };
    const byDefault = await table(vars, ministry);
    expect(byDefault).toMatchObject({ approvedOnly: true, withheldCells: 1 });
    expect(byDefault.rows.map((r) => [r.period, r.approval, r.value])).toEqual([
      ['202409', 'APPROVED', 1],
      ['202410', 'NOT_APPROVED', null],
    ]);
    const everything = await table({ ...vars, approvedOnly: false }, ministry);
    expect(everything).toMatchObject({ approvedOnly: false, withheldCells: 0 });
    expect(everything.rows.map((r) => [r.period, r.approval, r.value])).toEqual([
      ['202409', null, 1],
      ['202410', null, 1],
    ]);
    expect((await table(vars)).approvedOnly).toBe(false);

    const query = new URLSearchParams({ ids: 'active_clubs', periods: '202409,202410', units: `PRE_2025:${c1.pre.code}`, structure: 'PRE_2025' });
    const csv = await fetch(`${hub.url}/exports/indicators.csv?${query}`, { headers: { authorization: `Bearer ${ministry}` } });
    expect(csv.headers.get('x-approved-only')).toBe('true');
    const records = parse(await csv.text(), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => [r.period, r.approval, r.value])).toEqual([
      ['202409', 'APPROVED', '1'],
      ['202410', 'NOT_APPROVED', ''],
    ]);
    const dhis2 = await fetch(`${hub.url}/exports/dataValueSets.json?${query}`, { headers: { authorization: `Bearer ${ministry}` } });
    expect(dhis2.headers.get('x-approved-only')).toBe('true');
    expect(((await dhis2.json()) as any).dataValues.map((v: any) => v.period)).toEqual(['202409']);
    const admin = await fetch(`${hub.url}/exports/indicators.csv?${query}`, { headers: { authorization: `Bearer ${hub.adminKey}` } });
    expect(admin.headers.get('x-approved-only')).toBe('false');
    expect(Object.keys((parse(await admin.text(), { bom: true, columns: true }) as any[])[0])).not.toContain('approval');
    query.set('approvedOnly', 'maybe');
    const bad = await fetch(`${hub.url}/exports/indicators.csv?${query}`, { headers: { authorization: `Bearer ${ministry}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.argument).toBe('approvedOnly');
  });

  it('reads approvals of the structure in force when the table is in the other one', async () => {
    for (const unit of [c1.pre, c2.pre, D1, P, hub.units.nation(AdminStructure.PRE_2025)]) await approved(hub, hub.adminKey, unit, '2024-11');
    const post = await table({ structure: 'POST_2025', units: [{ structure: 'POST_2025', code: 'VN' }], periods: ['202411', '202412'], ids: ['active_clubs'], approvedOnly: true });
    expect(post.rows.map((r) => [r.period, r.approval, r.value])).toEqual([
      ['202411', 'APPROVED', 2],
      ['202412', 'NOT_APPROVED', null],
    ]);
  });
});

describe('approved figures stay put', () => {
  it('refuses writes into an approved month, and its figures stay byte for byte the same', async () => {
    for (const unit of [c1.pre, c2.pre, D1]) await approved(hub, hub.adminKey, unit, '2024-01');
    const vars = { structure: 'PRE_2025', ids: null, units: [code(c1.pre), code(D1)], periods: ['202401'], approvedOnly: true };
    const ask = async () => JSON.stringify((await hub.operation('indicator/Indicators.graphql', vars)).data);
    const before = await ask();
    expect(JSON.parse(before).indicators.withheldCells).toBe(0);

    const attempts = [
      // A member who joined in January: January's member counts would change.
      await hub.operation('member/AddMember.graphql', {
        input: { clubCode: k1.code, fullName: 'Lê Thị Muộn', sex: 'FEMALE', birthYear: 1950, povertyStatus: 'NEAR_POOR', joinedOn: '2024-01-20' },
      }),
      // A meeting held in January.
      await hub.operation('club/RecordMeeting.graphql', { input: { clubCode: k1.code, heldOn: '2024-01-25', attendance: 25 } }),
      // A member joined before January: every later month's stock changes, January included.
      await hub.operation('member/AddMember.graphql', {
        input: { clubCode: k1.code, fullName: 'Lê Văn Sớm', sex: 'MALE', birthYear: 1949, povertyStatus: 'POOR', joinedOn: '2023-12-10' },
      }),
    ];
    for (const res of attempts) expect(res.errors?.[0]?.extensions?.code).toBe('PERIOD_LOCKED');
    expect(await ask()).toBe(before);

    // Unapproving opens the month again (and the district above it, with the reason in the audit log).
    const open = await hub.operation('approval/UnapproveData.graphql', { input: { structure: 'PRE_2025', unitCode: c1.pre.code, period: '2024-01', reason: 'Bổ sung thành viên' } });
    expect(open.data!.unapproveData.removed.map((a: { level: string }) => a.level)).toEqual(['COMMUNE', 'DISTRICT']);
    // (A member joining in January would still be refused: it claims every later month, and c1's 2024-02, -06, -09
    // and -11 stay approved in this file.)
    const reopened = JSON.parse(await ask()).indicators;
    expect(reopened.withheldCells).toBe(reopened.rows.length);
  });

  it('serves the same bytes on every later query, whatever is written afterwards outside the approved months', async () => {
    for (const unit of [c1.pre, c2.pre, D1]) await approved(hub, hub.adminKey, unit, '2024-02');
    const vars = { structure: 'PRE_2025', ids: null, units: [code(c1.pre), code(D1)], periods: ['202402'], approvedOnly: true };
    const ask = async () => JSON.stringify((await hub.operation('indicator/Indicators.graphql', vars)).data);
    const before = await ask();
    expect(JSON.parse(before).indicators.withheldCells).toBe(0);

    // Writes that the period lock lets through: dated after every month approved in this file (a member's joining
    // claims every month from it on).
    const added = await hub.operation('member/AddMember.graphql', {
      input: { clubCode: k1.code, fullName: 'Trần Văn Mới', sex: 'MALE', birthYear: 1952, povertyStatus: 'POOR', joinedOn: '2024-12-05' },
    });
    expect(added.errors).toBeUndefined();
    const meeting = await hub.operation('club/RecordMeeting.graphql', { input: { clubCode: k1.code, heldOn: '2024-12-12', attendance: 30 } });
    expect(meeting.errors).toBeUndefined();

    expect(await ask()).toBe(before);
    // The write did land: the month after shows it.
    const december = await table({ units: [code(c1.pre)], periods: ['202412'], ids: ['members'] });
    expect(december.rows[0].value).toBe(4);
  });
});
