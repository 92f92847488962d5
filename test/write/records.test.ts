import { Role } from '../../src/auth/viewer';
import { Club } from '../../src/modules/club/club.entity';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { auditOf, DAK_LAK_PRE, errorOf, HA_TINH_PRE, ok } from './support';

let hub: TestHub;
let club: Club;
let haTinh: string;
beforeAll(async () => {
  hub = await startTestHub();
  club = await given(hub.orm).club({ pre2025: '18769', post2025: '18775', foundedOn: '2015-05-01' });
  haTinh = await hub.key(Role.ASSOCIATION, HA_TINH_PRE);
});
afterAll(async () => {
  await hub?.stop();
});

describe('recordMeeting', () => {
  const meet = (input: Record<string, unknown>, key?: string) =>
    hub.operation('club/RecordMeeting.graphql', { input: { clubCode: club.code, heldOn: '2024-03-10', attendance: 42, ...input } }, key);

  it('records a meeting once a day, within the club\'s life', async () => {
    const res = ok(await meet({ activityAreas: ['HEALTH_CARE', 'LIVELIHOODS', 'HEALTH_CARE'] }));
    expect(res.recordMeeting.meeting).toMatchObject({ heldOn: '2024-03-10', attendance: 42, activityAreas: ['HEALTH_CARE', 'LIVELIHOODS'], club: { code: club.code } });
    expect(errorOf(await meet({}), 'BAD_USER_INPUT', 'input.heldOn').message).toMatch(/already recorded/);
    expect(errorOf(await meet({ heldOn: '2015-04-30' }), 'BAD_USER_INPUT', 'input.heldOn').message).toMatch(/founding/);
    errorOf(await meet({ heldOn: '2999-01-10' }), 'BAD_USER_INPUT', 'input.heldOn');
    errorOf(await meet({ heldOn: '2024-04-10', attendance: -1 }), 'BAD_USER_INPUT', 'input.attendance');
    const meetings = ok(await hub.graphql(`{ club(code: "${club.code}") { meetings { totalCount } } }`)).club.meetings;
    expect(meetings.totalCount).toBe(1);
    expect((await auditOf(hub, res.recordMeeting.meeting.id))[0]).toMatchObject({ operation: 'recordMeeting', entityType: 'Meeting' });
  });

  it('is refused outside the caller\'s area', async () => {
    ok(await meet({ heldOn: '2024-05-10' }, haTinh));
    errorOf(await meet({ heldOn: '2024-06-10' }, await hub.key(Role.ASSOCIATION, DAK_LAK_PRE)), 'FORBIDDEN');
  });
});

describe('training', () => {
  it('creates a course and adds its trainees, once each', async () => {
    const g = given(hub.orm);
    const [a, b] = [await g.member(club, { joinedOn: '2016-01-01' }), await g.member(club, { joinedOn: '2016-01-01' })];
    const late = await g.member(club, { joinedOn: '2024-01-01' });
    const input = { title: ' Tập huấn  quản lý quỹ ', topics: ['Quản lý quỹ', ' Quản lý quỹ', 'Chăm sóc tại nhà'], organiser: { structure: 'PRE_2025', code: '447' }, startsOn: '2023-06-01', endsOn: '2023-06-02' };
    const { course } = ok(await hub.operation('training/CreateTrainingCourse.graphql', { input }, haTinh)).createTrainingCourse;
    expect(course).toMatchObject({ title: 'Tập huấn quản lý quỹ', topics: ['Quản lý quỹ', 'Chăm sóc tại nhà'], organiserLevel: 'DISTRICT', organiser: { code: '447' } });
    const addTrainees = (memberIds: string[]) => hub.operation('training/AddTrainees.graphql', { input: { courseId: course.id, memberIds } }, haTinh);
    expect(ok(await addTrainees([a.globalId, b.globalId, a.globalId])).addTrainees).toMatchObject({ added: 2, course: { trainees: { totalCount: 2 } } });
    expect(ok(await addTrainees([a.globalId])).addTrainees.added).toBe(0);
    expect(errorOf(await addTrainees([late.globalId]), 'BAD_USER_INPUT', 'input.memberIds.0').message).toMatch(/not a member during the course/);
  });

  it('checks dates and the organiser', async () => {
    const create = (input: Record<string, unknown>, key?: string) =>
      hub.operation('training/CreateTrainingCourse.graphql', { input: { title: 'Tập huấn', startsOn: '2023-06-01', endsOn: '2023-06-02', ...input } }, key);
    errorOf(await create({ endsOn: '2023-05-31' }), 'BAD_USER_INPUT', 'input.endsOn');
    errorOf(await create({ startsOn: '2999-01-01', endsOn: '2999-01-02' }), 'BAD_USER_INPUT', 'input.startsOn');
    errorOf(await create({ organiser: { structure: 'PRE_2025', code: '999' } }), 'BAD_USER_INPUT', 'input.organiser');
    // A national course is the national association's (ADMIN); an association writes for its own area.
    expect(ok(await create({})).createTrainingCourse.course).toMatchObject({ organiserLevel: 'NATION', organiser: null });
    errorOf(await create({}, haTinh), 'FORBIDDEN');
    errorOf(await create({ organiser: { structure: 'PRE_2025', code: '66' } }, haTinh), 'FORBIDDEN');
  });
});

describe('grantAward', () => {
  const grant = (input: Record<string, unknown>, key?: string) =>
    hub.operation('award/GrantAward.graphql', { input: { kind: 'GIAY_KHEN', issuer: 'UBND huyện Kỳ Anh', grantedOn: '2023-11-20', ...input } }, key);

  it('grants to a club, a member or an association', async () => {
    const member = await given(hub.orm).member(club);
    expect(ok(await grant({ clubCode: club.code, decisionNumber: '12/QĐ-UBND' })).grantAward.award).toMatchObject({ recipientKind: 'CLUB', club: { code: club.code } });
    const toMember = ok(await grant({ memberId: member.globalId }, haTinh)).grantAward.award;
    expect(toMember).toMatchObject({ recipientKind: 'MEMBER', club: null });
    expect((await auditOf(hub, toMember.id, haTinh))[0].after).toMatchObject({ recipientKind: 'MEMBER', member: member.id });
    expect(ok(await grant({ association: { structure: 'PRE_2025', code: '447' } }, haTinh)).grantAward.award).toMatchObject({ recipientKind: 'ASSOCIATION', association: { code: '447' } });
  });

  it('needs exactly one recipient, a past date, and the caller\'s area', async () => {
    errorOf(await grant({}), 'BAD_USER_INPUT', 'input.clubCode');
    errorOf(await grant({ clubCode: club.code, association: { structure: 'PRE_2025', code: '447' } }), 'BAD_USER_INPUT', 'input.clubCode');
    errorOf(await grant({ clubCode: club.code, grantedOn: '2999-01-01' }), 'BAD_USER_INPUT', 'input.grantedOn');
    errorOf(await grant({ clubCode: club.code, issuer: '' }), 'BAD_USER_INPUT', 'input.issuer');
    errorOf(await grant({ association: { structure: 'PRE_2025', code: '66' } }, haTinh), 'FORBIDDEN');
  });
});

describe('setTarget', () => {
  const set = (input: Record<string, unknown>, key?: string) =>
    hub.operation('indicator/SetTarget.graphql', {
      input: { instrument: 'PROVINCIAL_PLAN', indicatorId: 'active_clubs', unit: { structure: 'POST_2025', code: '42' }, periodStart: '2026-01-01', periodEnd: '2030-12-31', value: 250, ...input },
    }, key);

  it('sets a target, and setting it again replaces the value', async () => {
    const ministry = await hub.key(Role.MINISTRY);
    const first = ok(await set({}, ministry)).setTarget;
    expect(first).toMatchObject({ created: true, target: { indicatorId: 'active_clubs', value: 250, unit: { code: '42', structure: 'POST_2025' } } });
    const second = ok(await set({ value: 300 }, ministry)).setTarget;
    expect(second).toMatchObject({ created: false, target: { id: first.target.id, value: 300 } });
    const entries = await auditOf(hub, first.target.id);
    expect(entries.map((e) => [e.operation, e.role, e.before?.value ?? null, e.after.value])).toEqual([
      ['setTarget', 'MINISTRY', '250.0000', '300'],
      ['setTarget', 'MINISTRY', null, '250'],
    ]);
  });

  it('checks the indicator, unit, period and value; only MINISTRY and ADMIN keys may', async () => {
    errorOf(await set({ indicatorId: 'no_such' }), 'BAD_USER_INPUT', 'input.indicatorId');
    errorOf(await set({ unit: { structure: 'POST_2025', code: '99' } }), 'BAD_USER_INPUT', 'input.unit');
    errorOf(await set({ periodEnd: '2025-12-31' }), 'BAD_USER_INPUT', 'input.periodEnd');
    errorOf(await set({ value: -1 }), 'BAD_USER_INPUT', 'input.value');
    errorOf(await set({ value: 2.5 }), 'BAD_USER_INPUT', 'input.value');
    errorOf(await set({}, haTinh), 'FORBIDDEN');
    errorOf(await set({}, await hub.key(Role.PARTNER)), 'FORBIDDEN');
  });
});
