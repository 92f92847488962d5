import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { ok } from '../write/support';
import { startTestHub, TestHub } from './hub';
import { keptRowDifferences } from './kept-rows';

/**
 * Rows of place_month and place_month_commune (kept by triggers) that a rebuild from scratch would not write, or
 * would write differently, and the reverse; the rebuild is rolled back.
 */
export function placeMonthDifferences(db: Client): Promise<string[]> {
  return keptRowDifferences(db, ['place_month', 'place_month_commune'], 'select rebuild_place_month()');
}

/**
 * A hub whose keys may ask dozens of tables a minute, a client on its database, and two clubs of the 1336
 * programme: `a` in commune 18769 (PRE_2025 only, founded 2019-06-01) and `b` in 24166 / 24121 (both structures,
 * founded 2021-02-01).
 */
export async function startWithTwoClubs(a: string, b: string): Promise<{ hub: TestHub; db: Client }> {
  const hub = await startTestHub({ config: loadConfig({ RATE_LIMIT_COST_PER_MINUTE: '50000000' }) });
  const db = new Client({ connectionString: hub.orm.config.get('clientUrl') });
  await db.connect();
  const base = { name: 'CLB Liên thế hệ', programme: 'DECISION_1336' };
  ok(await hub.operation('club/CreateClub.graphql', { input: { ...base, code: a, communePre2025: '18769', foundedOn: '2019-06-01' } }));
  ok(await hub.operation('club/CreateClub.graphql', { input: { ...base, code: b, communePre2025: '24166', communePost2025: '24121', foundedOn: '2021-02-01' } }));
  return { hub, db };
}
