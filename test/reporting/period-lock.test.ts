import { MikroORM } from '@mikro-orm/postgresql';
import { lockedClaims } from '../../src/modules/reporting/period-lock';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';

let hub: TestHub;
let orm: MikroORM;
beforeAll(async () => {
  hub = await startTestHub();
  orm = hub.orm;
});
afterAll(async () => {
  await hub?.stop();
});

const approve = (structure: string, code: string, month: string) =>
  orm.em.getConnection().execute(`insert into approval (structure, unit_code, level, month, approved_by) values (?, ?, 'COMMUNE', ?, 'test')`, [structure, code, month]);
const communeCode = async (id: number) => (await orm.em.getConnection().execute(`select code from admin_unit where id = ?`, [id]))[0].code as string;

describe('the period lock', () => {
  it('locks a month where the club was at its end, in the structure in force, and follows the club across moves', async () => {
    const [pair] = await orm.em.getConnection().execute(
      `select o.code as pre, n.code as post from admin_unit_crosswalk x join admin_unit o on o.id = x.old_unit_id join admin_unit n on n.id = x.new_unit_id
       where x.level = 'COMMUNE' and o.code = '18769'`,
    );
    const club = await given(orm).club({ pre2025: pair.pre, post2025: pair.post, foundedOn: '2021-01-10' });
    const [row] = await orm.em.getConnection().execute(`select commune_pre2025_id as pre, commune_post2025_id as post from club where id = ?`, [club.id]);
    const pre = await communeCode(row.pre);
    const post = await communeCode(row.post);
    await approve('PRE_2025', pre, '2024-03-01');
    await approve('POST_2025', post, '2025-08-01');
    const em = orm.em.fork();

    expect(await lockedClaims(em, [{ clubId: club.id, from: '2024-02-10', to: '2024-02-29' }])).toEqual([]);
    const [march] = await lockedClaims(em, [{ clubId: club.id, from: '2024-01-05' }]);
    expect(march).toMatchObject({ index: 0, clubCode: club.code, month: '2024-03-01', unit: `PRE_2025:${pre}`, approvedBy: 'test' });
    const august = await lockedClaims(em, [{ clubId: club.id, from: '2025-04-01' }, { clubId: club.id, from: '2025-08-31', to: '2025-08-31' }, { clubId: club.id, from: '2025-09-01' }]);
    expect(august).toMatchObject([
      { index: 0, month: '2025-08-01', unit: `POST_2025:${post}` },
      { index: 1, month: '2025-08-01', unit: `POST_2025:${post}` },
    ]);

    // The club moves on 2025-09-15 to another commune: its August stays where it was, and stays locked.
    const [other] = await orm.em.getConnection().execute(`select id from admin_unit where structure = 'POST_2025' and level = 'COMMUNE' and id <> ? limit 1`, [row.post]);
    await orm.em.getConnection().execute(`update club set commune_post2025_id = ?, commune_pre2025_id = null, placed_on = '2025-09-15' where id = ?`, [other.id, club.id]);
    const history = await orm.em.getConnection().execute(`select valid_from::text, valid_until::text, commune_post2025_id as post from club_place_history where club_id = ?`, [club.id]);
    expect(history).toEqual([{ valid_from: '-infinity', valid_until: '2025-09-15', post: row.post }]);
    expect((await lockedClaims(em, [{ clubId: club.id, from: '2025-08-01', to: '2025-08-01' }])).map((l) => l.unit)).toEqual([`POST_2025:${post}`]);
    // Its new commune's approval of September holds where the club was at September's end.
    await approve('POST_2025', await communeCode(other.id), '2025-09-01');
    expect((await lockedClaims(em, [{ clubId: club.id, from: '2025-09-01', to: '2025-09-01' }])).map((l) => l.month)).toEqual(['2025-09-01']);

    // A province approved while one of its communes had no club locks a club that arrives there later.
    const [province] = await orm.em.getConnection().execute(`select p.code from admin_unit c join admin_unit p on p.id = c.parent_id where c.id = ?`, [other.id]);
    await orm.em.getConnection().execute(`insert into approval (structure, unit_code, level, month, approved_by) values ('POST_2025', ?, 'PROVINCE', '2025-10-01', 'test')`, [province.code]);
    expect((await lockedClaims(em, [{ clubId: club.id, from: '2025-10-01', to: '2025-10-31' }])).map((l) => l.unit)).toEqual([`POST_2025:${province.code}`]);
  });
});
