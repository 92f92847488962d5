import { startTestHub, TestHub } from '../support/hub';
import { AdminStructure } from '../../src/modules/admin-unit/admin-unit.enums';
import { Disaggregation } from '../../src/modules/indicator/indicator.enums';
import { tablePrice } from '../../src/modules/indicator/indicator.price';
import { familyStatements } from '../../src/modules/indicator/indicator.repository';
import { IndicatorRequest, planRequest } from '../../src/modules/indicator/indicator.request';
import { familyRequests, statementScope } from '../../src/modules/indicator/indicator.service';

/** The price of a table follows the part of the country its statements read (statementScope). */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const structure = AdminStructure.PRE_2025;
const price = (request: Omit<IndicatorRequest, 'structure'>) => {
  const plan = planRequest(hub.units, { structure, ...request });
  return tablePrice(plan, familyStatements(plan.structure, plan.level, plan.periods, familyRequests(plan.indicators), { within: statementScope(plan, hub.units) }));
};
const split = (code: string) => ({
  ids: ['members', 'loans_outstanding', 'members_borrowed_12m', 'reporting_completeness'],
  periods: ['202401..202512'],
  disaggregateBy: [Disaggregation.SEX],
  units: [{ structure, code }],
});

it('charges a split of a province or a commune for the clubs it reads, not for the whole country', () => {
  const nation = price(split('VN'));
  const province = price(split('42'));
  const commune = price(split('18769'));
  expect(province).toBeLessThan(nation / 10);
  expect(commune).toBeLessThan(province);
  // The completeness statement reads every place whatever the units: its price stays.
  expect(commune).toBeGreaterThan(price({ ...split('18769'), ids: ['members', 'loans_outstanding', 'members_borrowed_12m'] }) + 24 * 300 - 1);
});

it('charges a table of every province as the nation: its statements read every club', () => {
  const provinces = statementScope(planRequest(hub.units, { structure, periods: ['2023'], level: 'PROVINCE' as never }), hub.units);
  expect(provinces).toBeNull();
  const hatinh = statementScope(planRequest(hub.units, { structure, periods: ['2023'], units: [{ structure, code: '42' }] }), hub.units)!;
  expect(hatinh.communes.length).toBeGreaterThan(100);
  expect(hatinh.share).toBeLessThan(0.05);
});
