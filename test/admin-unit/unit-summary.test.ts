import { todayInVietnam } from '../../src/time';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { ok } from '../write/support';

/**
 * Today's unit counts come from commune_summary (and, for provinces, province_summary over it), kept by
 * triggers through club_summary. After every kind of
 * write the summaries must equal a recomputation from clubs and members, and today's counts must equal the
 * counts at today's date computed from clubs and memberships.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const query = <T = any>(sql: string, params: unknown[] = []) => hub.orm.em.fork().getConnection().execute<T[]>(sql, params);

/** Rows of commune_summary that differ from the sums recomputed from scratch (zero rows may linger). */
async function summaryDrift(): Promise<unknown[]> {
  return query(`
    with expected as (
      select c.commune_id, count(*) filter (where k.dissolved_on is null)::int as clubs,
             coalesce(sum(m.n) filter (where k.dissolved_on is null), 0)::int as members
      from club k
      cross join lateral (values (k.commune_pre2025_id), (k.commune_post2025_id)) as c(commune_id)
      left join lateral (select count(*) as n from member where club_id = k.id and left_on is null) m on true
      where c.commune_id is not null group by 1
    )
    select coalesce(e.commune_id, s.commune_id) as commune_id, e.clubs as expected_clubs, s.clubs, e.members as expected_members, s.members
    from expected e full join commune_summary s on s.commune_id = e.commune_id
    where coalesce(e.clubs, 0) <> coalesce(s.clubs, 0) or coalesce(e.members, 0) <> coalesce(s.members, 0)
    union all
    select s.club_id, null, null, null, null from club_summary s join club k on k.id = s.club_id
    where (s.commune_pre2025_id, s.commune_post2025_id, s.open) is distinct from (k.commune_pre2025_id, k.commune_post2025_id, k.dissolved_on is null)
    union all
    select k.id, null, null, null, null from club k where not exists (select 1 from club_summary s where s.club_id = k.id)
    union all
    select coalesce(e.province_id, p.province_id), e.clubs, p.clubs, e.members, p.members
    from (select province_id, sum(clubs)::int as clubs, sum(members)::int as members, (count(*) filter (where clubs > 0))::int as communes
          from commune_summary group by 1) e
    full join province_summary p on p.province_id = e.province_id
    where coalesce(e.clubs, 0) <> coalesce(p.clubs, 0) or coalesce(e.members, 0) <> coalesce(p.members, 0)
       or coalesce(e.communes, 0) <> coalesce(p.communes_with_clubs, 0)`);
}

const COUNTS = `query($asOf: Date) {
  pre: provinces(structure: PRE_2025) { code clubCount(asOf: $asOf) memberCount(asOf: $asOf) communesWithClubCount(asOf: $asOf) }
  post: provinces(structure: POST_2025) { code clubCount(asOf: $asOf) memberCount(asOf: $asOf) communesWithClubCount(asOf: $asOf) }
  nation { clubCount(asOf: $asOf) memberCount(asOf: $asOf) communesWithClubCount(asOf: $asOf) }
  district(code: "436") { clubCount(asOf: $asOf) memberCount(asOf: $asOf) communesWithClubCount(asOf: $asOf) }
  commune(structure: POST_2025, code: "18775") { clubCount(asOf: $asOf) memberCount(asOf: $asOf) communesWithClubCount(asOf: $asOf) }
}`;

/** Today's counts (summaries) next to the counts at today's date (clubs and memberships). */
async function todayAndAtToday() {
  const today = ok(await hub.graphql(COUNTS));
  const atToday = ok(await hub.graphql(COUNTS, { asOf: todayInVietnam() }));
  return { today, atToday };
}

const province42 = async () => ok(await hub.graphql('{ province(structure: PRE_2025, code: "42") { clubCount memberCount } }')).province;

describe('commune summaries behind today’s counts', () => {
  it('follow clubs and members written through the API', async () => {
    const before = await province42();
    const created = ok(
      await hub.operation('club/CreateClub.graphql', {
        input: { code: 'SUM-1', name: 'CLB Liên thế hệ thôn Đông', communePre2025: '18769', foundedOn: '2022-03-01', programme: 'DECISION_1336' },
      }),
    ).createClub.club;
    const add = (fullName: string) =>
      hub.operation('member/AddMember.graphql', {
        input: { clubCode: 'SUM-1', fullName, sex: 'FEMALE', birthYear: 1950, povertyStatus: 'POOR', joinedOn: '2022-04-01' },
      });
    const first = ok(await add('Lê Thị Một')).addMember.member;
    ok(await add('Lê Thị Hai'));
    expect(await province42()).toEqual({ clubCount: before.clubCount + 1, memberCount: before.memberCount + 2 });

    ok(await hub.operation('member/RecordMemberLeaving.graphql', { input: { id: first.id, leftOn: '2024-01-01', reason: 'MOVED_AWAY', expectedVersion: first.version } }));
    expect(await province42()).toEqual({ clubCount: before.clubCount + 1, memberCount: before.memberCount + 1 });
    expect(await summaryDrift()).toEqual([]);

    // Moved to a commune of another province (PRE 24166 is in Đắk Lắk): both provinces change.
    const dakLak = async () => ok(await hub.graphql('{ province(structure: PRE_2025, code: "66") { clubCount memberCount } }')).province;
    const dakLakBefore = await dakLak();
    const moved = ok(await hub.operation('club/MoveClub.graphql', { input: { code: 'SUM-1', communePre2025: '24166', expectedVersion: created.version } })).moveClub.club;
    expect(await province42()).toEqual(before);
    expect(await dakLak()).toEqual({ clubCount: dakLakBefore.clubCount + 1, memberCount: dakLakBefore.memberCount + 1 });
    expect(await summaryDrift()).toEqual([]);

    ok(await hub.operation('club/DissolveClub.graphql', { input: { code: 'SUM-1', dissolvedOn: '2024-06-30', expectedVersion: moved.version } }));
    expect(await dakLak()).toEqual(dakLakBefore);
    expect(await summaryDrift()).toEqual([]);
  });

  it('follow bulk statements and deletes that cascade', async () => {
    const g = given(hub.orm);
    const club = await g.club({ pre2025: '18769', post2025: '18775' });
    for (let i = 0; i < 3; i++) await g.member(club);
    await query(`update member set left_on = '2024-02-01' where club_id = ? and id = (select min(id) from member where club_id = ?)`, [club.id, club.id]);
    await query(`update club set commune_post2025_id = (select id from admin_unit where structure = 'POST_2025' and code = '24121') where id = ?`, [club.id]);
    expect(await summaryDrift()).toEqual([]);
    await query('delete from member where club_id = ?', [club.id]);
    expect(await summaryDrift()).toEqual([]);
    await query('delete from club where id = ?', [club.id]); // its club_summary row goes by cascade
    expect(await summaryDrift()).toEqual([]);
  });

  it('give today’s figures even for clubs dated after today', async () => {
    const g = given(hub.orm);
    const [year, month, day] = todayInVietnam().split('-').map(Number);
    const later = new Date(Date.UTC(year, month - 1, day + 10)).toISOString().slice(0, 10);
    // Not yet founded (open, but not active today) and dissolved only later (active today, not open).
    const future = await g.club({ pre2025: '18769', post2025: '18775', foundedOn: later });
    await g.member(future);
    const leaving = await g.club({ pre2025: '18769', post2025: '18775', dissolvedOn: later });
    await g.member(leaving);
    await g.member(leaving);
    const { today, atToday } = await todayAndAtToday();
    expect(today).toEqual(atToday);
    expect(today.commune.clubCount).toBeGreaterThan(0);
  });

  it('are rebuilt from scratch by refresh_club_summary()', async () => {
    await query('update commune_summary set clubs = clubs + 7');
    await query('update province_summary set members = members + 3');
    expect((await summaryDrift()).length).toBeGreaterThan(0);
    await query('select refresh_club_summary()');
    expect(await summaryDrift()).toEqual([]);
    const { today, atToday } = await todayAndAtToday();
    expect(today).toEqual(atToday);
  });
});
