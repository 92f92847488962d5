import { Role } from '../../src/auth/viewer';
import { buildHubSchema } from '../../src/graphql/schema';
import { startTestHub, TestHub } from '../support/hub';
import { DAK_LAK_PRE, errorOf, HA_TINH_PRE, ok } from './support';

let hub: TestHub;
let haTinh: string;
const codes = { haTinh: 'AU-HT-1', dakLak: 'AU-DL-1' };
beforeAll(async () => {
  hub = await startTestHub();
  haTinh = await hub.key(Role.ASSOCIATION, HA_TINH_PRE);
  const base = { name: 'CLB Liên thế hệ', foundedOn: '2022-01-01', programme: 'DECISION_1336' };
  ok(await hub.operation('club/CreateClub.graphql', { input: { ...base, code: codes.haTinh, communePre2025: '18769' } }));
  ok(await hub.operation('club/CreateClub.graphql', { input: { ...base, code: codes.dakLak, communePre2025: '24166', communePost2025: '24121' } }));
  ok(await hub.operation('club/UpdateClub.graphql', { input: { code: codes.haTinh, expectedVersion: 1, name: 'CLB Liên thế hệ Kỳ Tiến' } }, haTinh));
});
afterAll(async () => {
  await hub?.stop();
});

const log = (vars: Record<string, unknown>, key?: string) => hub.operation('audit/AuditLog.graphql', { first: 50, ...vars }, key);
const clubCodes = (data: any) => data.auditLog.edges.map((e: any) => e.node.after.code);

describe('the audit log', () => {
  it('is append-only in the database itself', async () => {
    const conn = hub.orm.em.fork().getConnection();
    await expect(conn.execute(`update audit_entry set operation = 'x'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(conn.execute('delete from audit_entry')).rejects.toThrow(/append-only: DELETE/);
    await expect(conn.execute('truncate audit_entry')).rejects.toThrow(/append-only: TRUNCATE/);
    const schema = await buildHubSchema();
    expect(Object.keys(schema.getMutationType()!.getFields()).filter((name) => /audit/i.test(name))).toEqual([]);
  });

  it('is read by unit: ADMIN anywhere, an association in its area', async () => {
    expect(clubCodes(ok(await log({ under: { structure: 'PRE_2025', code: '42' } })))).toEqual([codes.haTinh, codes.haTinh]);
    expect(clubCodes(ok(await log({ under: { structure: 'POST_2025', code: '66' } })))).toEqual([codes.dakLak]);
    expect(clubCodes(ok(await log({})))).toEqual([codes.haTinh, codes.dakLak, codes.haTinh]);
    // An association sees its own area only, whatever it asks.
    expect(clubCodes(ok(await log({}, haTinh)))).toEqual([codes.haTinh, codes.haTinh]);
    expect(clubCodes(ok(await log({ under: { structure: 'PRE_2025', code: 'VN' } }, haTinh)))).toEqual([codes.haTinh, codes.haTinh]);
    errorOf(await log({ under: { structure: 'PRE_2025', code: '66' } }, haTinh), 'FORBIDDEN');
    const dakLak = await hub.key(Role.ASSOCIATION, DAK_LAK_PRE);
    expect(clubCodes(ok(await log({}, dakLak)))).toEqual([codes.dakLak]);
    errorOf(await log({ under: { structure: 'PRE_2025', code: '42' } }, dakLak), 'FORBIDDEN');
    for (const key of [null, await hub.key(Role.PARTNER), await hub.key(Role.MINISTRY)]) errorOf(await log({}, key as string), 'FORBIDDEN');
  });

  it('says who wrote, in which request, and pages newest first', async () => {
    // The clubs' entries (the keys this file issued have theirs too, under ApiKey).
    const first = ok(await log({ first: 1, entityType: 'Club' })).auditLog;
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.edges[0].node).toMatchObject({ operation: 'updateClub', role: 'ASSOCIATION', organisation: 'Test ASSOCIATION', entityType: 'Club' });
    expect(first.edges[0].node.requestId).toEqual(expect.any(String));
    expect(Date.parse(first.edges[0].node.at)).not.toBeNaN();
    const rest = ok(await log({ first: 5, entityType: 'Club', after: first.pageInfo.endCursor })).auditLog;
    expect(rest.edges.map((e: any) => e.node.operation)).toEqual(['createClub', 'createClub']);
  });

  it('gets no entry for a write that changes nothing', async () => {
    const club = ok(await hub.graphql(`{ club(code: "${codes.dakLak}") { id name version } }`)).club;
    const res = ok(await hub.operation('club/UpdateClub.graphql', { input: { code: codes.dakLak, expectedVersion: club.version, name: club.name } }));
    expect(res.updateClub.club.version).toBe(club.version);
    expect(ok(await log({ entityId: club.id })).auditLog.totalCount).toBe(1);
  });

  it('checks its arguments', async () => {
    errorOf(await log({ entityId: 'bm9wZQ' }), 'BAD_USER_INPUT', 'entityId');
    errorOf(await log({ under: { structure: 'PRE_2025', code: '999' } }), 'BAD_USER_INPUT', 'under');
  });
});
