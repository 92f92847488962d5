import { createApiKey } from '../../src/auth/api-keys';
import { Role } from '../../src/auth/viewer';
import { toGlobalId } from '../../src/graphql/global-id';
import { UnitDirectory } from '../../src/modules/admin-unit/unit-directory';
import { Club } from '../../src/modules/club/club.entity';
import { Member } from '../../src/modules/member/member.entity';
import { given } from '../support/given';
import { givenHealth } from '../support/given-health';
import { Browser } from '../support/given-people';
import { givenSupervision } from '../support/given-supervision';
import { startTestHub, TestHub } from '../support/hub';
import { errorOf, ok } from '../write/support';

/**
 * Health records are special category: readable and writable only by ADMIN and by an ASSOCIATION (key or account)
 * holding the health permission inside its scope; every read is written to the audit log in the reading request,
 * one INSERT per page. Each path is tried: fields, node(id:), federation _entities, the audit log's snapshots,
 * the mutations, the imports and their error reports.
 */
let hub: TestHub;
const keys: Record<'health' | 'plain' | 'otherHealth' | 'partner', string> = {} as never;
let club: Club;
let otherClub: Club;
let alice: Member;
let binh: Member;
let volunteer: Member;
let outsider: Member;
let aliceCheck: number;
let visit: number;

const HT = { structure: 'PRE_2025' as never, code: '42' };
const DL = { structure: 'PRE_2025' as never, code: '66' };
const id = (type: string, n: number) => toGlobalId(type, n);
const conn = () => hub.orm.em.fork().getConnection();

beforeAll(async () => {
  hub = await startTestHub();
  keys.health = await hub.key(Role.ASSOCIATION, HT, { health: true });
  keys.plain = await hub.key(Role.ASSOCIATION, HT);
  keys.otherHealth = await hub.key(Role.ASSOCIATION, DL, { health: true });
  keys.partner = await hub.key(Role.PARTNER);
  const g = given(hub.orm);
  const pair = await givenSupervision(hub.orm).communePair('18769');
  club = await g.club({ pre2025: pair.pre, post2025: pair.post, foundedOn: '2020-01-10' });
  const dl = (await conn().execute(`select code from admin_unit where structure = 'POST_2025' and level = 'COMMUNE' and path like '66/%' order by code limit 1`))[0].code;
  otherClub = await g.club({ post2025: dl, foundedOn: '2025-08-01' });
  alice = await g.member(club, { joinedOn: '2020-02-01', birthYear: 1950, externalRef: 'TV-1' });
  binh = await g.member(club, { joinedOn: '2020-02-01', birthYear: 1948, sex: 'MALE' as never, externalRef: 'TV-2' });
  volunteer = await g.member(club, { joinedOn: '2020-02-01', birthYear: 1975, homeCareVolunteer: true, externalRef: 'TV-3' });
  outsider = await g.member(otherClub, { joinedOn: '2025-08-01', externalRef: 'X-1' });
  const h = givenHealth(hub.orm);
  aliceCheck = await h.check(alice, '2025-03-04', { systolic: 150, diastolic: 95, cognition: 'POSITIVE', referred: true, referralLevel: 'DISTRICT' });
  await h.check(binh, '2025-03-04', { systolic: 120, diastolic: 80 });
  visit = await h.visit(volunteer, alice, '2025-03-10', 'PERSONAL_CARE');
  await h.check(outsider, '2025-09-04', { systolic: 130, diastolic: 85 });
}, 60_000);

afterAll(async () => {
  await hub?.stop();
});

const memberHealth = (member: Member, key: string) => hub.operation('health/MemberHealth.graphql', { id: id('Member', member.id) }, key);

describe('reading health records', () => {
  it('gives an association with the health permission its members’ records and writes who read whose record', async () => {
    const before = await givenHealth(hub.orm).readCount();
    const res = await memberHealth(alice, keys.health);
    const node = ok(res).node;
    expect(node.healthChecks).toEqual([
      expect.objectContaining({ id: id('HealthCheck', aliceCheck), checkedOn: '2025-03-04', systolic: 150, diastolic: 95, cognition: 'POSITIVE', screened: true, referred: true, referralLevel: 'DISTRICT' }),
    ]);
    expect(node.homeCareVisits).toEqual([{ id: id('HomeCareVisit', visit), visitedOn: '2025-03-10', help: 'PERSONAL_CARE', volunteer: { id: id('Member', volunteer.id) } }]);
    expect(node.homeCareVisitsMade).toEqual([]);
    const reads = (await givenHealth(hub.orm).reads()).slice(before);
    const [keyId] = (await conn().execute(`select id from api_key where health_records order by id limit 1`)).map((r: any) => r.id);
    expect(reads.map((r) => [r.operation, r.entity_type, r.entity_id, r.subject_member_id, r.key_id])).toEqual([
      ['read:Member.healthChecks', 'HealthCheck', aliceCheck, alice.id, keyId],
      ['read:Member.homeCareVisits', 'HomeCareVisit', visit, alice.id, keyId],
    ]);
    expect(new Set(reads.map((r) => r.request_id)).size).toBe(1);
    expect(reads[0].units).toContain('PRE_2025:42');
    // The association reads its area's read entries through the audit log: who, whose, when.
    const log = ok(await hub.operation('health/HealthReads.graphql', { entityId: id('HealthCheck', aliceCheck), first: 10 }, keys.health)).auditLog;
    expect(log.edges[0].node).toMatchObject({ operation: 'read:Member.healthChecks', subjectId: id('Member', alice.id), keyId });
    expect(Date.now() - Date.parse(log.edges[0].node.at)).toBeLessThan(60_000);
  });

  it('refuses every other viewer with FORBIDDEN at the field, reading no health record and logging no read', async () => {
    const before = await givenHealth(hub.orm).readCount();
    hub.sql.reset();
    const plain = await memberHealth(alice, keys.plain);
    expect(plain.data!.node).toEqual({ id: id('Member', alice.id), healthChecks: null, homeCareVisits: null, homeCareVisitsMade: null });
    expect(plain.errors!.map((e) => [e.path!.join('.'), e.extensions!.code])).toEqual([
      ['node.healthChecks', 'FORBIDDEN'],
      ['node.homeCareVisits', 'FORBIDDEN'],
      ['node.homeCareVisitsMade', 'FORBIDDEN'],
    ]);
    expect(hub.sql.statements.filter((s) => /health_check|home_care_visit/.test(s))).toEqual([]);
    // Another province's health permission does not reach Hà Tĩnh (the member itself is personal data there).
    const other = await hub.graphql(`query($id: ID!) { club(code: "${club.code}") { members(first: 5) { edges { node { healthChecks { id } } } } } }`, { id: '' }, keys.otherHealth);
    expect(other.data?.club ?? null).toBeNull();
    // A partner sees the club, never a member's health.
    const partner = await hub.graphql(`{ club(code: "${club.code}") { code members(first: 5) { edges { node { healthChecks { id } } } } } }`, {}, keys.partner);
    expect(partner.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(await givenHealth(hub.orm).readCount()).toBe(before);
  });

  it('logs a page of members’ records with one INSERT, after one read of the records', async () => {
    hub.sql.reset();
    const res = ok(await hub.operation('health/ClubMembersHealth.graphql', { code: club.code, first: 10 }, keys.health));
    const checks = res.club.members.edges.flatMap((e: any) => e.node.healthChecks);
    expect(checks).toHaveLength(2);
    expect(hub.sql.statements.filter((s) => s.includes('insert into audit_entry'))).toHaveLength(1);
    expect(hub.sql.statements.filter((s) => s.includes('from "health_check"') || s.includes('from health_check'))).toHaveLength(1);
  });

  it('applies the same rule and read entry to node(id:)', async () => {
    const before = await givenHealth(hub.orm).readCount();
    const allowed = ok(await hub.operation('health/HealthRecord.graphql', { id: id('HealthCheck', aliceCheck) }, keys.health));
    expect(allowed.node).toMatchObject({ checkedOn: '2025-03-04', systolic: 150, member: { id: id('Member', alice.id) } });
    const visitNode = ok(await hub.operation('health/HealthRecord.graphql', { id: id('HomeCareVisit', visit) }));
    expect(visitNode.node).toMatchObject({ help: 'PERSONAL_CARE', visited: { id: id('Member', alice.id) } });
    const reads = (await givenHealth(hub.orm).reads()).slice(before);
    expect(reads.map((r) => [r.operation, r.entity_type, r.subject_member_id])).toEqual([
      ['read:node', 'HealthCheck', alice.id],
      ['read:node', 'HomeCareVisit', alice.id],
    ]);
    for (const key of [keys.plain, keys.otherHealth, keys.partner, null]) {
      const denied = await hub.operation('health/HealthRecord.graphql', { id: id('HealthCheck', aliceCheck) }, key);
      expect(denied.data!.node).toBeNull();
      expect(denied.errors![0]).toMatchObject({ path: ['node'], extensions: { code: 'FORBIDDEN' } });
    }
    expect(await givenHealth(hub.orm).readCount()).toBe(before + 2);
  });

  it('applies it through federation entities', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Club { code members(first: 5) { edges { node { healthChecks { systolic } } } } } } }`;
    const r = [{ __typename: 'Club', code: club.code }];
    const before = await givenHealth(hub.orm).readCount();
    const denied = await hub.graphql(query, { r }, keys.plain);
    expect(denied.errors!.every((e) => e.extensions!.code === 'FORBIDDEN' && e.path!.includes('healthChecks'))).toBe(true);
    expect(JSON.stringify(denied.data)).not.toContain('150');
    expect(await givenHealth(hub.orm).readCount()).toBe(before);
    const allowed = ok(await hub.graphql(query, { r }, keys.health));
    expect(allowed._entities[0].members.edges.flatMap((e: any) => e.node.healthChecks.map((c: any) => c.systolic)).sort()).toEqual([120, 150]);
    expect((await givenHealth(hub.orm).reads()).slice(before).map((r) => r.operation)).toEqual(['read:Member.healthChecks', 'read:Member.healthChecks']);
  });
});

describe('writing health records', () => {
  const record = (input: Record<string, unknown>, key?: string | null) => hub.operation('health/RecordHealthCheck.graphql', { input: { memberId: id('Member', binh.id), ...input } }, key);

  it('records a check for an association with the health permission, audited, and replaces the same day', async () => {
    const created = ok(await record({ checkedOn: '2025-06-02', systolic: 145, diastolic: 88, mood: 'POSITIVE', referred: true, referralLevel: 'COMMUNE_HEALTH_STATION' }, keys.health));
    expect(created.recordHealthCheck).toMatchObject({ action: 'CREATED', healthCheck: { systolic: 145, mood: 'POSITIVE', screened: true, version: 1 } });
    const again = ok(await record({ checkedOn: '2025-06-02', systolic: 145, diastolic: 88, mood: 'POSITIVE', referred: true, referralLevel: 'COMMUNE_HEALTH_STATION' }, keys.health));
    expect(again.recordHealthCheck.action).toBe('UNCHANGED');
    const replaced = ok(await record({ checkedOn: '2025-06-02', systolic: 135, diastolic: 85 }, keys.health));
    expect(replaced.recordHealthCheck).toMatchObject({ action: 'REPLACED', healthCheck: { systolic: 135, mood: 'NOT_DONE', referred: false, version: 2 } });
    const entries = await conn().execute(`select operation, before, after from audit_entry where entity_type = 'HealthCheck' and operation = 'recordHealthCheck' order by id`);
    expect(entries.map((e: any) => [e.before?.systolic ?? null, e.after.systolic])).toEqual([[null, 145], [145, 135]]);
  });

  it('refuses writers without the health permission, outside their area, and invalid checks', async () => {
    const input = { checkedOn: '2025-06-03', systolic: 130, diastolic: 80 };
    errorOf(await record(input, keys.plain), 'FORBIDDEN');
    errorOf(await record(input, keys.partner), 'FORBIDDEN');
    // Another area's member answers as a missing one.
    const other = errorOf(await record(input, keys.otherHealth), 'BAD_USER_INPUT', 'input.memberId');
    expect(other.message).toBe('No member has this id');
    const bad = errorOf(await record({ checkedOn: '2019-06-03', systolic: 80, diastolic: 90, weightKg: 500, referred: true }, keys.health), 'BAD_USER_INPUT');
    expect(bad.extensions!.problems.map((p: any) => p.field).sort()).toEqual(['input.checkedOn', 'input.referralLevel', 'input.systolic', 'input.weightKg']);
    errorOf(await record({ checkedOn: '2025-06-03' }, keys.health), 'BAD_USER_INPUT', 'input.checkedOn');
    errorOf(await record({ checkedOn: '2099-01-01', systolic: 120, diastolic: 80 }, keys.health), 'BAD_USER_INPUT', 'input.checkedOn');
  });

  it('is refused in an approved month (the reporting cycle’s lock)', async () => {
    const s = givenSupervision(hub.orm);
    const commune = (await conn().execute(`select u.code from admin_unit u where u.id = ?`, [club.communePre2025!.id]))[0].code;
    await s.approve('PRE_2025', commune, '2024-05-01');
    const locked = await record({ checkedOn: '2024-05-20', systolic: 130, diastolic: 80 }, keys.health);
    errorOf(locked, 'PERIOD_LOCKED', 'input.checkedOn');
    const visitLocked = await hub.operation(
      'health/RecordHomeCareVisit.graphql',
      { input: { volunteerId: id('Member', volunteer.id), visitedId: id('Member', binh.id), visitedOn: '2024-05-21', help: 'HOUSEWORK' } },
      keys.health,
    );
    errorOf(visitLocked, 'PERIOD_LOCKED', 'input.visitedOn');
  });

  it('records home-care visits within a club, by a volunteer', async () => {
    const visitInput = (input: Record<string, unknown>, key = keys.health) =>
      hub.operation('health/RecordHomeCareVisit.graphql', { input: { volunteerId: id('Member', volunteer.id), visitedId: id('Member', binh.id), visitedOn: '2025-07-01', help: 'HOUSEWORK', ...input } }, key);
    expect(ok(await visitInput({})).recordHomeCareVisit).toMatchObject({ action: 'CREATED', visit: { help: 'HOUSEWORK', visited: { id: id('Member', binh.id) } } });
    errorOf(await visitInput({ volunteerId: id('Member', alice.id) }), 'BAD_USER_INPUT', 'input.volunteerId');
    errorOf(await visitInput({ visitedId: id('Member', volunteer.id) }), 'BAD_USER_INPUT', 'input.visitedId');
    errorOf(await visitInput({}, keys.plain), 'FORBIDDEN');
  });
});

describe('the monthly club report', () => {
  it('derives its home-care visits and health checks from the records (counts only, no health permission needed)', async () => {
    const submitted = ok(await hub.operation('reporting/SubmitClubReport.graphql', { input: { clubCode: club.code, month: '2025-03' } }, keys.plain)).submitClubReport;
    expect(submitted.report).toMatchObject({ source: 'DERIVED', homeCareVisits: 1, healthChecks: 2 });
  });
});

describe('the audit log of health writes', () => {
  it('shows a health record’s before and after only with the health permission, and logs that read', async () => {
    const entityId = id('HealthCheck', aliceCheck);
    await conn().execute(`insert into audit_entry (role, operation, entity_type, entity_id, units, before, after) values ('ADMIN', 'recordHealthCheck', 'HealthCheck', ?, ?, null, ?::jsonb)`, [
      aliceCheck,
      '{PRE_2025:42}',
      JSON.stringify({ id: aliceCheck, club: club.id, member: alice.id, systolic: 150 }),
    ]);
    const plain = await hub.operation('health/HealthAuditLog.graphql', { entityId, first: 10 }, keys.plain);
    const writes = plain.data!.auditLog.edges.filter((e: any) => e.node.operation === 'recordHealthCheck');
    expect(writes[0].node.after).toBeNull();
    expect(plain.errors!.some((e) => e.extensions!.code === 'FORBIDDEN' && e.path!.includes('after'))).toBe(true);
    expect(JSON.stringify(plain.data)).not.toContain('150');
    const before = await givenHealth(hub.orm).readCount();
    const health = ok(await hub.operation('health/HealthAuditLog.graphql', { entityId, first: 10 }, keys.health));
    expect(health.auditLog.edges.find((e: any) => e.node.operation === 'recordHealthCheck').node.after.systolic).toBe(150);
    expect((await givenHealth(hub.orm).reads()).slice(before).map((r) => r.operation)).toContain('read:auditLog');
  });
});

describe('imports of health records', () => {
  const upload = async (kind: string, body: string, key: string, dryRun = false) => {
    const res = await fetch(`${hub.url}/imports/${kind}${dryRun ? '?dryRun=true' : ''}`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` }, body });
    return { status: res.status, body: (await res.json()) as any };
  };
  const HEADER = 'club_code,member_ref,checked_on,systolic,diastolic,weight_kg,height_cm,cognition,mobility,nutrition,vision,hearing,mood,referred,referral_level';

  it('checks, writes and re-reads a file with the mutation’s rules; a dry run writes nothing', async () => {
    const file = [HEADER, `${club.code},TV-1,05/08/2025,142,91,"52,5",150,âm tính,+,-,NOT_DONE,,,có,DISTRICT`, `${club.code},TV-2,2025-08-05,118,76,,,,,,,,,,`].join('\n');
    const dry = await upload('health-checks', file, keys.health, true);
    expect(dry).toMatchObject({ status: 200, body: { applied: false, created: 2, problems: [] } });
    const count = async () => Number((await conn().execute(`select count(*) as n from health_check where checked_on = '2025-08-05'`))[0].n);
    expect(await count()).toBe(0);
    const real = await upload('health-checks', file, keys.health);
    expect(real).toMatchObject({ status: 200, body: { applied: true, created: 2, auditEntries: 2 } });
    const [row] = await conn().execute(`select systolic, weight_kg, cognition, mobility, nutrition, referred, referral_level from health_check where member_id = ? and checked_on = '2025-08-05'`, [alice.id]);
    expect(row).toEqual({ systolic: 142, weight_kg: 52.5, cognition: 'NEGATIVE', mobility: 'POSITIVE', nutrition: 'NEGATIVE', referred: true, referral_level: 'DISTRICT' });
    expect((await upload('health-checks', file, keys.health)).body).toMatchObject({ applied: true, created: 0, unchanged: 2, auditEntries: 0 });
  });

  it('reports problems by row and column, never a stored value, and refuses rows outside the health area first', async () => {
    const bad = [HEADER, `${club.code},TV-1,2025-08-05,300,91,,,,,,,,,,`, `${club.code},NOPE,2025-08-06,120,80,,,,,,,,,,`, `${club.code},TV-2,2025-08-07,,,,,,,,,,,yes,`].join('\n');
    const res = await upload('health-checks', bad, keys.health, true);
    expect(res.status).toBe(422);
    expect(res.body.problems.map((p: any) => [p.row, p.column, p.code])).toEqual([
      [2, 'systolic', 'INVALID'],
      [3, 'member_ref', 'INVALID'],
      [4, 'checked_on', 'INVALID'],
      [4, 'referral_level', 'INVALID'],
    ]);
    // Row 2 names a day already stored with other values: the report says what is wrong with the file, not what is stored.
    // (The request id is left out: a random UUID can hold "142".)
    expect(JSON.stringify({ ...res.body, requestId: undefined })).not.toMatch(/142|52\.5/);
    const plain = await upload('health-checks', bad, keys.plain, true);
    expect(plain.status).toBe(403);
    expect(plain.body.problems.map((p: any) => [p.row, p.column, p.code])).toEqual([
      [2, 'club_code', 'FORBIDDEN'],
      [3, 'club_code', 'FORBIDDEN'],
      [4, 'club_code', 'FORBIDDEN'],
    ]);
    const partner = await upload('health-checks', bad, keys.partner, true);
    expect(partner.status).toBe(403);
    expect(JSON.stringify({ ...partner.body, requestId: undefined })).not.toMatch(/TV-|142/);
  });

  it('imports home-care visits', async () => {
    const file = ['club_code,volunteer_ref,visited_ref,visited_on,help', `${club.code},TV-3,TV-1,2025-08-09,companionship`, `${club.code},TV-1,TV-2,2025-08-09,OTHER`].join('\n');
    const res = await upload('home-care-visits', file, keys.health, true);
    expect(res.status).toBe(422);
    expect(res.body.problems.map((p: any) => [p.row, p.column])).toEqual([[3, 'volunteer_ref']]);
    const good = await upload('home-care-visits', file.split('\n').slice(0, 2).join('\n'), keys.health);
    expect(good.body).toMatchObject({ applied: true, created: 1 });
  });
});

describe('the health permission', () => {
  it('is an association’s to hold, for keys and accounts, and the viewer says so', async () => {
    const units = await UnitDirectory.load(hub.orm.em.fork());
    await expect(createApiKey(hub.orm.em.fork(), units, { organisation: 'x', role: Role.PARTNER, health: true })).rejects.toThrow(/ASSOCIATION/);
    const viewerOf = async (key: string) => ok(await hub.operation('health/HealthViewer.graphql', {}, key)).viewer.may;
    expect(await viewerOf(keys.health)).toEqual({ readPersonalData: true, readHealthRecords: true });
    expect(await viewerOf(keys.plain)).toEqual({ readPersonalData: true, readHealthRecords: false });
    expect(await viewerOf(keys.partner)).toEqual({ readPersonalData: false, readHealthRecords: false });

    const refused = await hub.operation('health/InviteHealthAccount.graphql', { input: { email: 'p@hub.example.vn', displayName: 'P', organisation: 'Bộ Y tế', role: 'MINISTRY', health: true } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'health' });
    const invited = ok(
      await hub.operation('health/InviteHealthAccount.graphql', { input: { email: 'yte@hub.example.vn', displayName: 'Cán bộ y tế', organisation: 'Hội NCT Hà Tĩnh', role: 'ASSOCIATION', scope: HT, health: true } }),
    ).inviteAccount;
    expect(invited.account.healthRecords).toBe(true);
    const browser = new Browser(hub.url);
    expect((await browser.postJson('/auth/set-password', { token: invited.token, password: 'a quiet commune by the sea' })).status).toBe(200);
    if (!browser.cookie) expect((await browser.signIn('yte@hub.example.vn', 'a quiet commune by the sea')).status).toBe(200);
    const before = await givenHealth(hub.orm).readCount();
    const res = await browser.graphql(`query($id: ID!) { node(id: $id) { ... on Member { healthChecks { systolic } } } }`, { id: id('Member', alice.id) });
    expect(res.body.data.node.healthChecks.map((c: any) => c.systolic)).toContain(150);
    const reads = (await givenHealth(hub.orm).reads()).slice(before);
    expect(reads[0]).toMatchObject({ operation: 'read:Member.healthChecks', account_id: invited.account.id, key_id: null });
  });
});
