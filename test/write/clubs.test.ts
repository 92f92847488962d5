import { Role } from '../../src/auth/viewer';
import { todayInVietnam } from '../../src/time';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { auditOf, DAK_LAK_PRE, errorOf, HA_TINH_PRE, ok, tableState } from './support';

let hub: TestHub;
let haTinh: string;
beforeAll(async () => {
  hub = await startTestHub();
  haTinh = await hub.key(Role.ASSOCIATION, HA_TINH_PRE);
});
afterAll(async () => {
  await hub?.stop();
});

let n = 0;
const code = () => `W-${++n}-${Date.now() % 100000}`;
const newClub = (fields: Record<string, unknown> = {}) => ({
  code: code(),
  name: 'CLB Liên thế hệ thôn Bắc Sơn',
  communePre2025: '18769',
  foundedOn: '2022-03-01',
  programme: 'DECISION_1336',
  ...fields,
});
const create = (input: Record<string, unknown>, key?: string) => hub.operation('club/CreateClub.graphql', { input }, key);
const counts = async () =>
  ok(await hub.graphql('{ province(structure: PRE_2025, code: "42") { clubCount memberCount } }')).province as { clubCount: number; memberCount: number };

describe('createClub', () => {
  it('registers a club, implies its POST_2025 commune from the crosswalk, and counts it in the next request', async () => {
    const before = await counts();
    const input = newClub({ village: '  Thôn   Bắc Sơn ', meetingDay: 10 });
    const { club } = ok(await create(input)).createClub;
    expect(club).toMatchObject({
      code: input.code,
      village: 'Thôn Bắc Sơn',
      status: 'ACTIVE',
      version: 1,
      communeBefore2025: { code: '18769' },
      communeNow: { code: '18775' },
    });
    expect((await counts()).clubCount).toBe(before.clubCount + 1);
    const [entry] = await auditOf(hub, club.id);
    expect(entry).toMatchObject({ operation: 'createClub', entityType: 'Club', role: 'ADMIN', organisation: 'Test ADMIN', before: null });
    expect(entry.after).toMatchObject({ code: input.code, name: input.name, version: 1 });
    expect(entry.units).toEqual(expect.arrayContaining(['PRE_2025:42', 'PRE_2025:447', 'PRE_2025:18769', 'POST_2025:42', 'POST_2025:18775']));
  });

  it('stores Vietnamese text as NFC, trimmed', async () => {
    const decomposed = '  CLB  Liên thế hệ  Kỳ Tiến '.normalize('NFD');
    const { club } = ok(await create(newClub({ name: decomposed }))).createClub;
    expect(club.name).toBe('CLB Liên thế hệ Kỳ Tiến');
    expect(club.name).toBe(club.name.normalize('NFC'));
  });

  it('needs both communes when the PRE_2025 one was split, and checks that they match', async () => {
    errorOf(await create(newClub({ communePre2025: '00007' })), 'BAD_USER_INPUT', 'input.communePost2025');
    errorOf(await create(newClub({ communePre2025: '00007', communePost2025: '18775' })), 'BAD_USER_INPUT', 'input.communePost2025');
    const { club } = ok(await create(newClub({ communePre2025: '00007', communePost2025: '00025' }))).createClub;
    expect([club.communeBefore2025.code, club.communeNow.code]).toEqual(['00007', '00025']);
  });

  it('needs the PRE_2025 commune of an older club unless the new commune came from one old commune', async () => {
    const merged = await create(newClub({ communePre2025: null, communePost2025: '18775' }));
    expect(errorOf(merged, 'BAD_USER_INPUT', 'input.communePre2025').message).toMatch(/PRE_2025 commune/);
    const { club } = ok(await create(newClub({ communePre2025: null, communePost2025: '23788' }))).createClub;
    expect(club.communeBefore2025.code).toBe('23788');
  });

  it('gives a club founded after the reform no PRE_2025 commune', async () => {
    errorOf(await create(newClub({ foundedOn: '2025-09-01', programme: 'DECISION_1648' })), 'BAD_USER_INPUT', 'input.communePre2025');
    const { club } = ok(await create(newClub({ communePre2025: null, communePost2025: '18775', foundedOn: '2025-09-01' }))).createClub;
    expect(club.communeBefore2025).toBeNull();
  });

  it.each([
    ['input.foundedOn', { foundedOn: '2999-01-01' }, /future/],
    ['input.foundedOn', { foundedOn: '1901-01-01' }, /check the year/],
    ['input.name', { name: '   ' }, /required/],
    ['input.meetingDay', { meetingDay: 32 }, /1 to 31/],
    ['input.communePre2025', { communePre2025: '99999' }, /No PRE_2025 commune/],
    ['input.code', { code: 'has space' }, /no spaces/],
  ])('refuses %s (%j)', async (field, fields, message) => {
    const state = await tableState(hub);
    expect(errorOf(await create(newClub(fields)), 'BAD_USER_INPUT', field).message).toMatch(message);
    expect(await tableState(hub)).toEqual(state);
  });

  it('reports every problem of an input at once', async () => {
    const error = errorOf(await create(newClub({ name: '', foundedOn: '1901-01-01', meetingDay: 0 })), 'BAD_USER_INPUT', 'input.name');
    expect(error.extensions!.problems.map((p: any) => p.field)).toEqual(['input.name', 'input.meetingDay', 'input.foundedOn']);
  });

  it('refuses a code that exists', async () => {
    const existing = await given(hub.orm).club({ pre2025: '18769', post2025: '18775' });
    errorOf(await create(newClub({ code: existing.code })), 'BAD_USER_INPUT', 'input.code');
  });
});

describe('updateClub', () => {
  it('changes the fields given, clears with null, and logs before and after', async () => {
    const { club } = ok(await create(newClub({ village: 'Thôn 1', foundingDecision: '12/QĐ-UBND' }))).createClub;
    const res = ok(await hub.operation('club/UpdateClub.graphql', { input: { code: club.code, expectedVersion: 1, name: 'CLB Đoàn Kết', village: null } }));
    expect(res.updateClub.club).toMatchObject({ name: 'CLB Đoàn Kết', village: null, foundingDecision: '12/QĐ-UBND', version: 2 });
    const [update] = await auditOf(hub, club.id);
    expect(update).toMatchObject({ operation: 'updateClub', before: { name: club.name, village: 'Thôn 1', version: 1 }, after: { name: 'CLB Đoàn Kết', village: null, version: 2 } });
  });

  it('fails with CONFLICT on a stale version and changes nothing', async () => {
    const { club } = ok(await create(newClub())).createClub;
    ok(await hub.operation('club/UpdateClub.graphql', { input: { code: club.code, expectedVersion: 1, name: 'Tên mới' } }));
    const state = await tableState(hub);
    const stale = await hub.operation('club/UpdateClub.graphql', { input: { code: club.code, expectedVersion: 1, name: 'Tên khác' } });
    expect(errorOf(stale, 'CONFLICT').extensions!.currentVersion).toBe(2);
    expect(await tableState(hub)).toEqual(state);
  });

  it('two concurrent updates with the same expected version: exactly one CONFLICT', async () => {
    const { club } = ok(await create(newClub())).createClub;
    const results = await Promise.all(
      ['Tên A', 'Tên B'].map((name) => hub.operation('club/UpdateClub.graphql', { input: { code: club.code, expectedVersion: 1, name } })),
    );
    const codes = results.map((r) => r.errors?.[0].extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const winner = results.find((r) => !r.errors)!.data!.updateClub.club.name;
    const now = ok(await hub.graphql(`{ club(code: "${club.code}") { name version } }`)).club;
    expect(now).toEqual({ name: winner, version: 2 });
    expect((await auditOf(hub, club.id)).map((e) => e.operation)).toEqual(['updateClub', 'createClub']);
  });

  it('will not move the founding date after the club\'s first records', async () => {
    const club = await given(hub.orm).club({ pre2025: '18769', post2025: '18775', foundedOn: '2020-01-01' });
    await given(hub.orm).member(club, { joinedOn: '2020-02-01' });
    const res = await hub.operation('club/UpdateClub.graphql', { input: { code: club.code, expectedVersion: 1, foundedOn: '2021-01-01' } });
    expect(errorOf(res, 'BAD_USER_INPUT', 'input.foundedOn').message).toMatch(/joined on 2020-02-01/);
  });

  it('names an unknown club', async () => {
    errorOf(await hub.operation('club/UpdateClub.graphql', { input: { code: 'NO-SUCH', expectedVersion: 1, name: 'x' } }), 'BAD_USER_INPUT', 'input.code');
  });
});

describe('suspendClub and dissolveClub', () => {
  it('suspends an active club once', async () => {
    const { club } = ok(await create(newClub())).createClub;
    const res = ok(await hub.operation('club/SuspendClub.graphql', { input: { code: club.code, expectedVersion: 1, suspendedOn: '2024-01-01' } }));
    expect(res.suspendClub.club).toMatchObject({ status: 'SUSPENDED', suspendedOn: '2024-01-01', version: 2 });
    errorOf(await hub.operation('club/SuspendClub.graphql', { input: { code: club.code, expectedVersion: 2, suspendedOn: '2024-02-01' } }), 'BAD_USER_INPUT', 'input.code');
  });

  it('dissolves a club, closing its open memberships on that day; counts follow at once', async () => {
    const g = given(hub.orm);
    const club = await g.club({ pre2025: '18769', post2025: '18775', foundedOn: '2020-01-01' });
    const members = [await g.member(club, { joinedOn: '2020-01-01' }), await g.member(club, { joinedOn: '2021-01-01' })];
    await g.member(club, { joinedOn: '2020-01-01', leftOn: '2022-01-01', leaveReason: 'MOVED_AWAY' as never });
    const before = await counts();
    const res = ok(await hub.operation('club/DissolveClub.graphql', { input: { code: club.code, expectedVersion: 1, dissolvedOn: '2024-06-30' } }));
    expect(res.dissolveClub).toEqual({ club: { code: club.code, status: 'DISSOLVED', dissolvedOn: '2024-06-30', version: 2, memberCount: 0 }, closedMemberships: 2 });
    expect(await counts()).toEqual({ clubCount: before.clubCount - 1, memberCount: before.memberCount - 2 });
    const [closed] = await auditOf(hub, members[0].globalId);
    expect(closed).toMatchObject({ operation: 'dissolveClub', before: { leftOn: null, leaveReason: null }, after: { leftOn: '2024-06-30', leaveReason: 'CLUB_DISSOLVED' } });
    // A dissolved club's records are closed.
    const add = await hub.operation('member/AddMember.graphql', {
      input: { clubCode: club.code, fullName: 'Lê Thị Hồng', sex: 'FEMALE', birthYear: 1950, povertyStatus: 'POOR', joinedOn: '2024-07-01' },
    });
    errorOf(add, 'BAD_USER_INPUT', 'input.clubCode');
  });

  it('refuses a dissolution date before a current member joined, or in the future', async () => {
    const g = given(hub.orm);
    const club = await g.club({ pre2025: '18769', post2025: '18775', foundedOn: '2020-01-01' });
    await g.member(club, { joinedOn: '2023-01-01' });
    const dissolve = (dissolvedOn: string) => hub.operation('club/DissolveClub.graphql', { input: { code: club.code, expectedVersion: 1, dissolvedOn } });
    expect(errorOf(await dissolve('2022-12-31'), 'BAD_USER_INPUT', 'input.dissolvedOn').message).toMatch(/joined after 2022-12-31/);
    expect(errorOf(await dissolve('2999-01-01'), 'BAD_USER_INPUT', 'input.dissolvedOn').message).toContain(todayInVietnam());
  });
});

describe('moveClub', () => {
  it('moves a club in both structures and logs both places', async () => {
    const { club } = ok(await create(newClub())).createClub;
    const res = ok(await hub.operation('club/MoveClub.graphql', { input: { code: club.code, expectedVersion: 1, communePre2025: '18766' } }));
    expect(res.moveClub.club).toMatchObject({ version: 2, communeBefore2025: { code: '18766' }, communeNow: { code: '18766' } });
    const [move] = await auditOf(hub, club.id);
    expect(move.units).toEqual(expect.arrayContaining(['PRE_2025:18769', 'PRE_2025:18766', 'POST_2025:18775', 'POST_2025:18766']));
  });
});

describe('who may write clubs', () => {
  it('refuses keys without the right: anonymous, partner, ministry', async () => {
    for (const key of [null, await hub.key(Role.PARTNER), await hub.key(Role.MINISTRY)]) {
      errorOf(await create(newClub(), key as string), 'FORBIDDEN');
    }
  });

  it('lets an association write inside its scope only, old and new place alike', async () => {
    const { club } = ok(await create(newClub(), haTinh)).createClub;
    expect(club.communeNow.code).toBe('18775');
    errorOf(await create(newClub({ communePre2025: '24166' }), haTinh), 'FORBIDDEN');
    errorOf(await hub.operation('club/MoveClub.graphql', { input: { code: club.code, expectedVersion: 1, communePre2025: '24166' } }, haTinh), 'FORBIDDEN');
    const daklak = await given(hub.orm).club({ pre2025: '24166', post2025: '24121' });
    errorOf(await hub.operation('club/UpdateClub.graphql', { input: { code: daklak.code, expectedVersion: 1, name: 'x' } }, haTinh), 'FORBIDDEN');
    const other = await hub.key(Role.ASSOCIATION, DAK_LAK_PRE);
    ok(await hub.operation('club/UpdateClub.graphql', { input: { code: daklak.code, expectedVersion: 1, name: 'CLB Buôn Ea Tu' } }, other));
  });
});
