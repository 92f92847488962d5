import { Role } from '../../src/auth/viewer';
import { lockedClaims } from '../../src/modules/reporting/period-lock';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../../src/modules/admin-unit/admin-unit.types';
import { Club } from '../../src/modules/club/club.entity';
import { given } from '../support/given';
import { approvalState, approve, approved, associationOf, CommunePair, communesWithOneSuccessor, refusal, unapprove } from '../support/given-reporting';
import { startTestHub, TestHub } from '../support/hub';

/**
 * Approval by level, black-box over HTTP. Hà Tĩnh (PRE_2025 42): district D1 has clubs in communes c1 and c2 and
 * none in c4; district D2 has a club in c3. Every test uses months of its own, so none depends on another.
 */
let hub: TestHub;
let P: AdministrativeUnit;
let D1: AdministrativeUnit;
let D2: AdministrativeUnit;
let c1: CommunePair;
let c2: CommunePair;
let c3: CommunePair;
let c4: CommunePair;
let k1: Club;
const keys: Record<string, string> = {};
const VN = (structure: AdminStructure) => hub.units.nation(structure);

beforeAll(async () => {
  hub = await startTestHub();
  P = hub.units.find(AdminStructure.PRE_2025, '42')!;
  const districts = [];
  for (const d of P.children) {
    const pairs = await communesWithOneSuccessor(hub, d, 3);
    if (pairs.length >= 3) districts.push({ d, pairs });
    if (districts.length === 2) break;
  }
  [{ d: D1, pairs: [c1, c2, c4] }, { d: D2, pairs: [c3] }] = districts;
  const g = given(hub.orm);
  k1 = await g.club({ pre2025: c1.pre.code, post2025: c1.post.code, foundedOn: '2021-03-15' });
  await g.club({ pre2025: c2.pre.code, post2025: c2.post.code, foundedOn: '2021-03-15' });
  await g.club({ pre2025: c3.pre.code, post2025: c3.post.code, foundedOn: '2021-03-15' });
  keys.c1 = await associationOf(hub, c1.pre);
  keys.D1 = await associationOf(hub, D1);
  keys.P = await associationOf(hub, P);
  keys.other = await associationOf(hub, hub.units.find(AdminStructure.PRE_2025, '01')!);
  keys.ministry = await hub.key(Role.MINISTRY);
  keys.partner = await hub.key(Role.PARTNER);
}, 60_000);

afterAll(async () => {
  await hub?.stop();
});

const levels = (approvals: Array<{ level: string }>) => approvals.map((a) => a.level);
const messages = (res: { errors?: Array<{ message: string; extensions?: Record<string, any> }> }) =>
  (res.errors?.[0]?.extensions?.problems ?? res.errors ?? []).map((p: { message: string }) => p.message).join(' | ');

describe('the order of levels', () => {
  it('before the reform: commune, then district, then province, then nation; units without clubs need no approval', async () => {
    const early = await approve(hub, keys.P, P, '2024-03');
    expect(refusal(early)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.period' });
    expect(messages(early)).toContain(`(PRE_2025:${D1.code})`);
    expect(messages(early)).toContain(`(PRE_2025:${D2.code})`);

    const district = await approve(hub, keys.P, D1, '2024-03');
    expect(refusal(district).code).toBe('BAD_USER_INPUT');
    expect(messages(district)).toContain(c1.pre.code);
    expect(messages(district)).toContain(c2.pre.code);
    expect(messages(district)).not.toContain(c4.pre.code);

    const commune = await approved(hub, keys.c1, c1.pre, '2024-03');
    expect(commune.approved).toEqual([expect.objectContaining({ structure: 'PRE_2025', unitCode: c1.pre.code, level: 'COMMUNE', month: '2024-03', approvedBy: expect.stringContaining('Test ASSOCIATION') })]);
    expect(messages(await approve(hub, keys.D1, D1, '2024-03'))).not.toContain(c1.pre.code);
    await approved(hub, keys.P, c2.pre, '2024-03');
    expect(levels((await approved(hub, keys.D1, D1, '2024-03')).approved)).toEqual(['DISTRICT']);

    expect(messages(await approve(hub, keys.P, P, '2024-03'))).toContain(`(PRE_2025:${D2.code})`);
    await approved(hub, keys.P, c3.pre, '2024-03');
    await approved(hub, keys.P, D2, '2024-03');
    expect(levels((await approved(hub, keys.P, P, '2024-03')).approved)).toEqual(['PROVINCE']);
    expect(refusal(await approve(hub, keys.P, VN(AdminStructure.PRE_2025), '2024-03')).code).toBe('FORBIDDEN');
    expect(levels((await approved(hub, hub.adminKey, VN(AdminStructure.PRE_2025), '2024-03')).approved)).toEqual(['NATION']);

    const [feb, march] = await approvalState(hub, keys.partner, D1, '2024-02', '2024-03');
    expect(feb).toMatchObject({ month: '2024-02', structureInForce: 'PRE_2025', approved: false, approval: null, reportsExpected: 2, unitsBelowExpected: 2, unitsBelowApproved: 0, ready: false });
    expect(march).toMatchObject({
      month: '2024-03',
      approved: true,
      approval: { level: 'DISTRICT', unitCode: D1.code, approvedBy: expect.stringContaining('Test ASSOCIATION'), approvedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      unitsBelowExpected: 2,
      unitsBelowApproved: 2,
      ready: false,
    });
    expect(levels(march.approvedAbove)).toEqual(['PROVINCE', 'NATION']);
  });

  it('after the reform: commune, then province (no districts); each month in its own structure only', async () => {
    const provinceAfter = hub.units.find(AdminStructure.POST_2025, c1.post.path.split('/')[0])!;
    const refused = await approve(hub, hub.adminKey, provinceAfter, '2025-08');
    expect(refusal(refused)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.period' });
    expect(messages(refused)).toContain(c1.post.code);

    expect(refusal(await approve(hub, hub.adminKey, c1.pre, '2025-08'))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.structure' });
    expect(refusal(await approve(hub, hub.adminKey, c1.post, '2024-08'))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.structure' });
    expect(refusal(await approve(hub, hub.adminKey, D1, '2025-08'))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.structure' });

    const posts = [...new Set([c1.post, c2.post, c3.post])];
    for (const post of posts.filter((p) => p.path.startsWith(`${provinceAfter.code}/`))) await approved(hub, hub.adminKey, post, '2025-08');
    const province = await approve(hub, hub.adminKey, provinceAfter, '2025-08');
    // Clubs of the old province may now lie in another province: those must be approved there, not here.
    expect(province.errors).toBeUndefined();
    expect(province.data!.approveData.approved).toEqual([expect.objectContaining({ structure: 'POST_2025', level: 'PROVINCE', month: '2025-08' })]);
    const [aug] = await approvalState(hub, keys.ministry, provinceAfter, '2025-08', '2025-08');
    expect(aug).toMatchObject({ structureInForce: 'POST_2025', approved: true, unitsBelowExpected: posts.filter((p) => p.path.startsWith(`${provinceAfter.code}/`)).length });
  });

  it('approves a quarter or a year as all its months, and refuses months that have not ended or unknown periods', async () => {
    const year = await approved(hub, keys.c1, c1.pre, '2023');
    expect(year.approved.map((a: { month: string }) => a.month)).toEqual(['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12']);
    await approved(hub, keys.c1, c1.pre, '2022-02');
    const quarter = await approved(hub, keys.c1, c1.pre, '2022-Q1');
    expect(quarter.approved.map((a: { month: string }) => a.month)).toEqual(['2022-01', '2022-03']);
    expect(quarter.alreadyApproved).toEqual(['2022-02']);

    const district = await approve(hub, keys.D1, D1, '2022-Q1');
    expect(district.errors![0].extensions!.problems.map((p: { message: string }) => p.message.match(/\d{4}-\d\d/)![0])).toEqual(['2022-01', '2022-02', '2022-03']);
    await approved(hub, keys.D1, c2.pre, '2022-Q1');
    expect((await approved(hub, keys.D1, D1, '2022-Q1')).approved).toHaveLength(3);

    expect(refusal(await approve(hub, hub.adminKey, c1.post, '2099-01'))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.period' });
    const thisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()).slice(0, 7);
    const unended = await approve(hub, hub.adminKey, c1.post, thisMonth);
    expect(refusal(unended)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.period' });
    expect(messages(unended)).toContain('has not ended');
    expect(refusal(await approve(hub, keys.c1, c1.pre, '2022-W1'))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.period' });
    expect(refusal(await approve(hub, keys.c1, c1.pre, '2022-01-01..2022-01-31'))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.period' });
  });
});

describe('unapproving', () => {
  it('needs a reason and the same level or higher, and withdraws the levels above in one write, each audited with the reason', async () => {
    for (const [key, unit] of [[keys.c1, c1.pre], [keys.P, c2.pre], [keys.P, c3.pre], [keys.D1, D1], [keys.P, D2], [keys.P, P], [hub.adminKey, VN(AdminStructure.PRE_2025)]] as const) {
      await approved(hub, key, unit, '2024-05');
    }
    expect(refusal(await unapprove(hub, keys.c1, c1.pre, '2024-05', '   '))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    // A commune's association is below the district and the province.
    expect(refusal(await unapprove(hub, keys.c1, D1, '2024-05', 'Sai số liệu')).code).toBe('FORBIDDEN');
    expect(refusal(await unapprove(hub, keys.other, c1.pre, '2024-05', 'Sai số liệu')).code).toBe('FORBIDDEN');
    expect(refusal(await unapprove(hub, keys.ministry, c1.pre, '2024-05', 'Sai số liệu')).code).toBe('FORBIDDEN');

    const res = await unapprove(hub, keys.c1, c1.pre, '2024-05', 'Báo cáo tháng 5 của CLB bị nhập sai');
    expect(res.errors).toBeUndefined();
    expect(res.data!.unapproveData.removed.map((a: { level: string; unitCode: string }) => `${a.level}:${a.unitCode}`)).toEqual([
      `COMMUNE:${c1.pre.code}`,
      `DISTRICT:${D1.code}`,
      `PROVINCE:42`,
      'NATION:VN',
    ]);
    // The sibling commune and the other district stay approved.
    expect((await approvalState(hub, keys.P, c2.pre, '2024-05', '2024-05'))[0].approved).toBe(true);
    expect((await approvalState(hub, keys.P, D2, '2024-05', '2024-05'))[0].approved).toBe(true);
    const [pState] = await approvalState(hub, keys.P, P, '2024-05', '2024-05');
    expect(pState).toMatchObject({ approved: false, unitsBelowExpected: 2, unitsBelowApproved: 1, ready: false });
    expect(refusal(await unapprove(hub, keys.c1, c1.pre, '2024-05', 'again'))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.period' });

    // A higher level may unapprove a unit below it.
    const byDistrict = await unapprove(hub, keys.D1, c2.pre, '2024-05', 'Kiểm tra lại');
    expect(byDistrict.data!.unapproveData.removed.map((a: { level: string }) => a.level)).toEqual(['COMMUNE']);

    const audit = await hub.operation('approval/ApprovalAudit.graphql', { first: 100 });
    const entries = audit.data!.auditLog.edges.map((e: { node: any }) => e.node).filter((n: any) => n.before?.month === '2024-05-01' || n.after?.month === '2024-05-01');
    const removals = entries.filter((n: any) => n.operation === 'unapproveData');
    expect(removals).toHaveLength(5);
    for (const r of removals) expect(r).toMatchObject({ entityType: 'Approval', after: null, before: expect.objectContaining({ month: '2024-05-01', approvedBy: expect.any(String) }), reason: expect.any(String) });
    expect(removals.find((r: any) => r.before.level === 'NATION')).toMatchObject({ reason: 'Báo cáo tháng 5 của CLB bị nhập sai', role: 'ASSOCIATION', units: ['PRE_2025:VN'] });
    const approvals = entries.filter((n: any) => n.operation === 'approveData');
    // The province's association reads its area's entries, the nation's (above its scope) not.
    const provincial = await hub.operation('approval/ApprovalAudit.graphql', { first: 100 }, keys.P);
    const seen = provincial.data!.auditLog.edges.map((e: { node: any }) => e.node.units);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toContainEqual(['PRE_2025:42', 'PRE_2025:VN']);
    expect(seen).not.toContainEqual(['PRE_2025:VN']);
    expect(approvals.map((n: any) => n.after.level).sort()).toEqual(['COMMUNE', 'COMMUNE', 'COMMUNE', 'DISTRICT', 'DISTRICT', 'NATION', 'PROVINCE']);
    for (const a of approvals) expect(a).toMatchObject({ before: null, reason: null });
  });
});

describe('who may approve', () => {
  it('an association inside its scope, ADMIN anywhere; never MINISTRY, PARTNER or callers without a key', async () => {
    expect(refusal(await approve(hub, keys.other, c1.pre, '2024-07')).code).toBe('FORBIDDEN');
    expect(refusal(await approve(hub, keys.c1, c2.pre, '2024-07')).code).toBe('FORBIDDEN');
    expect(refusal(await approve(hub, keys.c1, D1, '2024-07')).code).toBe('FORBIDDEN');
    expect(refusal(await approve(hub, keys.ministry, c1.pre, '2024-07')).code).toBe('FORBIDDEN');
    expect(refusal(await approve(hub, keys.partner, c1.pre, '2024-07')).code).toBe('FORBIDDEN');
    expect(refusal(await approve(hub, null, c1.pre, '2024-07')).code).toBe('FORBIDDEN');
    expect((await approvalState(hub, keys.ministry, c1.pre, '2024-07', '2024-07'))[0].approved).toBe(false);
    const anonymous = await hub.operation('approval/Approvals.graphql', { structure: 'PRE_2025', unitCode: c1.pre.code, from: '2024-07', to: '2024-07' }, null);
    expect(refusal(anonymous).code).toBe('FORBIDDEN');
    // The province's association approves anything inside it; the district's, its communes.
    await approved(hub, keys.D1, c1.pre, '2024-07');
    await approved(hub, keys.P, c2.pre, '2024-07');
    expect(await hub.orm.em.getConnection().execute(`select count(*)::int as n from approval where month = '2024-07-01'`)).toEqual([{ n: 2 }]);
  });

  it('reads the state of many months in a fixed number of statements', async () => {
    hub.sql.reset();
    await approvalState(hub, keys.partner, P, '2022-01', '2024-12');
    const few = hub.sql.count;
    hub.sql.reset();
    await approvalState(hub, keys.partner, P, '2024-12', '2024-12');
    expect(few).toBe(hub.sql.count);
    expect(few).toBeLessThanOrEqual(3);
  });
});

describe('an approval made before the reform', () => {
  it('stays valid and queryable afterwards, in its own structure and seen from the new one', async () => {
    await approved(hub, keys.c1, c1.pre, '2025-03');
    const months = await approvalState(hub, keys.partner, c1.pre, '2025-03', '2025-08');
    expect(months.map((m) => [m.month, m.structureInForce, m.approved])).toEqual([
      ['2025-03', 'PRE_2025', true],
      ['2025-04', 'PRE_2025', false],
      ['2025-05', 'PRE_2025', false],
      ['2025-06', 'PRE_2025', false],
      ['2025-07', 'POST_2025', false],
      ['2025-08', 'POST_2025', false],
    ]);
    expect(months[0].approval).toMatchObject({ structure: 'PRE_2025', level: 'COMMUNE', month: '2025-03' });
    const [post] = await approvalState(hub, keys.partner, c1.post, '2025-03', '2025-03');
    expect(post).toMatchObject({ structureInForce: 'PRE_2025', approved: false, ready: false });
    // Its club's March stays locked for writes (the period lock reads the same row).
    expect((await lockedClaims(hub.orm.em.fork(), [{ clubId: k1.id, from: '2025-03-10', to: '2025-03-10' }])).map((l) => l.unit)).toEqual([`PRE_2025:${c1.pre.code}`]);
  });
});
