import 'reflect-metadata';
import { Role } from '../../src/auth/viewer';
import { PeopleService } from '../../src/auth/people/people.service';
import { loadConfig } from '../../src/config';
import { toGlobalId } from '../../src/graphql/global-id';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { AuditEntry } from '../../src/modules/audit/audit.entity';
import { Club } from '../../src/modules/club/club.entity';
import { ChangeSet } from '../../src/modules/live/change-set';
import { Browser } from '../support/given-people';
import { given } from '../support/given';
import { approved } from '../support/given-reporting';
import { startTestHub, TestHub } from '../support/hub';
import { ChangeEvent, liveClient, LiveClient, quietFor } from '../support/live-client';
import { errorOf, ok } from '../write/support';

/**
 * Places: Hà Tĩnh (PRE_2025 province 42) with old commune 18769 Kỳ Tiến (now in POST_2025 18775 Kỳ Anh);
 * Nghệ An next door (PRE_2025 province 40) with old commune 16663 (now POST_2025 16681 Thành Vinh).
 */
let hub: TestHub;
const clients: LiveClient[] = [];
let haTinhClub: Club;
let ngheAnClub: Club;

beforeAll(async () => {
  hub = await startTestHub();
  const g = given(hub.orm);
  haTinhClub = await g.club({ pre2025: '18769', post2025: '18775', foundedOn: '2022-01-01' });
  ngheAnClub = await g.club({ pre2025: '16663', post2025: '16681', foundedOn: '2022-01-01' });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await hub?.stop();
});

const open = (options: Parameters<typeof liveClient>[1]) => {
  const client = liveClient(hub.url, options);
  clients.push(client);
  return client;
};
const clubId = (club: Club) => toGlobalId('Club', club.id);
const version = async (club: Club) => ok(await hub.graphql<any>(`{ club(code: "${club.code}") { version } }`)).club.version as number;
const rename = async (club: Club, name: string, key = hub.adminKey) =>
  hub.operation('club/UpdateClub.graphql', { input: { code: club.code, expectedVersion: await version(club), name } }, key);
const about = (club: Club, kind: string) => (e: ChangeEvent) => e.clubId === clubId(club) && e.kind === kind;
const HEADER = 'club_code,month,meetings_held,attendance,activity_areas,new_members,members_left,home_care_visits,health_checks,fund_capital';
const importReports = async (lines: string[], key = hub.adminKey) => {
  const res = await fetch(`${hub.url}/imports/club-reports`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${key}` },
    body: `${[HEADER, ...lines].join('\r\n')}\r\n`,
  });
  return (await res.json()) as Record<string, any>;
};

describe('a write made by another client arrives as ids within 2 s', () => {
  it('a mutation: the kind, the operation, the club and its communes, nothing else', async () => {
    const watcher = open({ key: await hub.key(Role.PARTNER) }).subscribe();
    await quietFor(100); // the subscription is registered once the server has the subscribe message
    ok(await rename(haTinhClub, 'CLB Kỳ Tiến mới'));
    const event = await watcher.next(about(haTinhClub, 'CLUB'), 2000);
    expect(event).toEqual({
      kind: 'CLUB',
      operation: 'updateClub',
      clubId: clubId(haTinhClub),
      month: null,
      units: [
        { structure: 'POST_2025', code: '18775' },
        { structure: 'PRE_2025', code: '18769' },
      ],
    });
    expect(JSON.stringify(event)).not.toContain('Kỳ Tiến');
  });

  it('an import: one event per club and month, named after the import, when the file commits; a file with a problem sends nothing', async () => {
    const watcher = open({ key: hub.adminKey }).subscribe({ filter: { kinds: ['CLUB_REPORT'] } });
    await quietFor(100);
    const refused = await importReports([`${haTinhClub.code},2023-01,1,40,,0,0,0,0,0`, `NOPE,2023-01,1,40,,0,0,0,0,0`]);
    expect(refused.applied).toBe(false);
    const written = await importReports([`${haTinhClub.code},2023-01,1,40,,0,0,0,0,0`, `${haTinhClub.code},2023-02,1,41,,0,0,0,0,0`, `${ngheAnClub.code},2023-01,1,30,,0,0,0,0,0`]);
    expect(written).toMatchObject({ applied: true, created: 3 });
    const seen = [
      await watcher.next((e) => e.clubId === clubId(haTinhClub) && e.month === '2023-01'),
      await watcher.next((e) => e.clubId === clubId(haTinhClub) && e.month === '2023-02'),
      await watcher.next((e) => e.clubId === clubId(ngheAnClub) && e.month === '2023-01'),
    ];
    expect(seen.map((e) => [e.kind, e.operation])).toEqual(Array(3).fill(['CLUB_REPORT', 'import:club-reports']));
    await quietFor(200);
    expect(watcher.events).toEqual([]); // the refused file sent nothing, the written one nothing twice
  });

  it('an approval: the unit approved and the month', async () => {
    const watcher = open({ key: hub.adminKey }).subscribe({ filter: { kinds: ['APPROVAL'] } });
    await quietFor(100);
    await approved(hub, hub.adminKey, hub.units.find(AdminStructure.PRE_2025, '18769')!, '2023-03');
    const event = await watcher.next((e) => e.kind === 'APPROVAL');
    expect(event).toEqual({ kind: 'APPROVAL', operation: 'approveData', clubId: null, month: '2023-03', units: [{ structure: 'PRE_2025', code: '18769' }] });
  });
});

describe('nothing is announced that was not committed', () => {
  it('a refused write (a stale version) sends nothing', async () => {
    const watcher = open({ key: hub.adminKey }).subscribe({ filter: { kinds: ['CLUB'] } });
    await quietFor(100);
    const stale = (await version(ngheAnClub)) - 1;
    errorOf(await hub.operation('club/UpdateClub.graphql', { input: { code: ngheAnClub.code, expectedVersion: stale, name: 'Không' } }), 'CONFLICT');
    await quietFor(500);
    expect(watcher.events).toEqual([]);
  });

  it('the announcement is part of the transaction: none while it is open, none when it rolls back, one when it commits', async () => {
    const watcher = open({ key: hub.adminKey }).subscribe({ filter: { kinds: ['MEMBER'] } });
    await quietFor(100);
    const announce = () => {
      const changes = new ChangeSet(hub.units, 'test');
      changes.add(Object.assign(new AuditEntry(), { entityType: 'Member', entityId: 1, units: ['PRE_2025:18769'], after: { club: haTinhClub.id } }));
      return changes;
    };
    await expect(
      hub.orm.em.fork().transactional(async (em) => {
        await announce().publish(em);
        throw new Error('the write failed after announcing');
      }),
    ).rejects.toThrow('the write failed');
    await hub.orm.em.fork().transactional(async (em) => {
      await announce().publish(em);
      await quietFor(300);
      expect(watcher.events).toEqual([]);
    });
    const event = await watcher.next((e) => e.kind === 'MEMBER');
    expect(event).toMatchObject({ operation: 'test', clubId: clubId(haTinhClub) });
    await quietFor(200);
    expect(watcher.events).toEqual([]);
  });
});

describe('scope', () => {
  it("an association hears of its own area only, a partner of what its filter names; kinds filter; a unit outside the association's area is FORBIDDEN", async () => {
    const haTinh = await hub.key(Role.ASSOCIATION, { structure: AdminStructure.PRE_2025, code: '42' });
    const association = open({ key: haTinh }).subscribe();
    const partner = open({ key: await hub.key(Role.PARTNER) }).subscribe({ filter: { structure: 'POST_2025', unitCode: '16681' } });
    const approvalsOnly = open({ key: hub.adminKey }).subscribe({ filter: { kinds: ['APPROVAL'] } });
    const outside = open({ key: haTinh }).subscribe({ filter: { structure: 'PRE_2025', unitCode: '40' } });
    await quietFor(100);

    ok(await rename(ngheAnClub, 'CLB Thành Vinh'));
    ok(await rename(haTinhClub, 'CLB Kỳ Tiến'));
    await association.next(about(haTinhClub, 'CLUB'));
    await partner.next(about(ngheAnClub, 'CLUB'));
    await quietFor(300);
    // Nghệ An's write committed first, so it would have arrived before Hà Tĩnh's.
    expect(association.events.filter((e) => e.clubId === clubId(ngheAnClub))).toEqual([]);
    expect(partner.events.filter((e) => e.clubId === clubId(haTinhClub))).toEqual([]);
    expect(approvalsOnly.events).toEqual([]);
    await outside.ended();
    expect(outside.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('who may subscribe', () => {
  it('anonymous: UNAUTHENTICATED; a wrong key: the socket closes with 4401; an unknown unit: BAD_USER_INPUT', async () => {
    const anonymous = open({}).subscribe();
    await anonymous.ended();
    expect(anonymous.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });

    const wrong = open({ key: 'ishc_live_notakey' });
    wrong.subscribe();
    await quietFor(300);
    expect(wrong.closes[0]).toMatchObject({ code: 4401 });
    expect(wrong.closes[0].reason).toMatch(/^UNAUTHENTICATED/);

    const unknown = open({ key: hub.adminKey }).subscribe({ filter: { structure: 'PRE_2025', unitCode: '99999' } });
    await unknown.ended();
    expect(unknown.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('subscriptions only (queries stay on HTTP), within the query limits; a persisted-operations key runs the published Changes only', async () => {
    const admin = open({ key: hub.adminKey });
    const query = admin.subscribe({}, '{ provinces(structure: PRE_2025) { code } }');
    await query.ended();
    expect(query.errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST' });
    const aliases = admin.subscribe({}, `subscription { changes { ${Array.from({ length: 40 }, (_, i) => `a${i}: kind`).join(' ')} } }`);
    await aliases.ended();
    expect(aliases.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });

    const persisted = await hub.key(Role.PARTNER, undefined, { persistedOperationsOnly: true });
    const adHoc = open({ key: persisted }).subscribe({}, 'subscription { changes { kind } }');
    await adHoc.ended();
    expect(adHoc.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const published = open({ key: persisted }).subscribe();
    await quietFor(100);
    ok(await rename(haTinhClub, 'CLB Kỳ Tiến 2'));
    await published.next(about(haTinhClub, 'CLUB'));
    expect(published.errors).toEqual([]);
  });

  it("a signed-in person's cookie works from the hub's own pages; from another site's page the socket closes with 4403", async () => {
    const people = new PeopleService(hub.orm.em, hub.units, loadConfig({}).people);
    const admin = { role: Role.ADMIN, organisation: 'test', keyId: null, accountId: null, scope: null, mayReadPersonalData: true, persistedOperationsOnly: false };
    const { token } = await people.invite(
      { email: 'live@ishc.example.vn', displayName: 'Trần Thị Live', organisation: 'Hội NCT Hà Tĩnh', role: Role.ASSOCIATION, scope: { structure: AdminStructure.PRE_2025, code: '42' } },
      admin,
    );
    const browser = new Browser(hub.url);
    expect((await browser.postJson('/auth/set-password', { token, password: 'a long enough passphrase for live' })).status).toBe(200);

    const own = open({ cookie: browser.cookie!, origin: hub.url }).subscribe();
    const foreign = open({ cookie: browser.cookie!, origin: 'https://evil.example' });
    foreign.subscribe();
    await quietFor(200);
    ok(await rename(haTinhClub, 'CLB Kỳ Tiến 3'));
    await own.next(about(haTinhClub, 'CLUB'));
    expect(foreign.closes[0]).toMatchObject({ code: 4403 });
  });
});

describe('over HTTP', () => {
  it('a subscription sent over HTTP is refused with a code, not run', async () => {
    const res = await hub.graphql('subscription { changes { kind } }');
    expect(res.errors?.[0]).toMatchObject({ message: expect.stringContaining('WebSocket'), extensions: { code: 'BAD_REQUEST' } });
  });
});

describe('large writes', () => {
  it('more than 100 changes are announced by kind and province, every notification under the 8000-byte limit', () => {
    const communes = hub.units.communesUnder(hub.units.find(AdminStructure.PRE_2025, '42')!).slice(0, 150);
    const changes = new ChangeSet(hub.units, 'import:members');
    communes.forEach((commune, i) =>
      changes.add(Object.assign(new AuditEntry(), { entityType: 'Member', entityId: i + 1, units: [`PRE_2025:${commune.code}`, 'PRE_2025:42', 'PRE_2025:VN'], after: { club: 1000 + i } })),
    );
    expect(changes.size).toBe(150);
    expect(changes.messages()).toEqual([{ o: 'import:members', c: [['MEMBER', null, null, ['PRE_2025:42']]] }]);

    const few = new ChangeSet(hub.units, 'import:club-reports');
    for (let i = 0; i < 100; i++) few.add(Object.assign(new AuditEntry(), { entityType: 'ClubReport', entityId: i + 1, units: ['PRE_2025:18769', 'POST_2025:18775'], after: { club: 100_000 + i, month: '2023-01-01' } }));
    const messages = few.messages();
    expect(messages.flatMap((m) => m.c)).toHaveLength(100);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(Buffer.byteLength(JSON.stringify(m))).toBeLessThan(8000);
  });
});
