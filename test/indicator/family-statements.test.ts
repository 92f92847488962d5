import { startTestHub, TestHub } from '../support/hub';
import { AdminStructure, UnitLevel } from '../../src/modules/admin-unit/admin-unit.enums';
import { Disaggregation } from '../../src/modules/indicator/indicator.enums';
import { familyStatements } from '../../src/modules/indicator/indicator.repository';
import { IndicatorRequest, planRequest } from '../../src/modules/indicator/indicator.request';
import { familyRequests } from '../../src/modules/indicator/indicator.service';

/** Which statements a table runs: the club statement, its riders, and the placement notes on demand. */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const statements = (request: Omit<IndicatorRequest, 'structure' | 'level'>, placement: boolean) => {
  const plan = planRequest(hub.units, { structure: AdminStructure.PRE_2025, level: UnitLevel.PROVINCE, ...request });
  return familyStatements(plan.structure, plan.level, plan.periods, familyRequests(plan.indicators), { placement }).map((s) => s.requests.map((r) => r.family).join('+'));
};

it('answers member totals of whole months with the club statement, with or without the placement notes', () => {
  const request = { ids: ['members'], periods: ['2023'] };
  expect(statements(request, true)).toEqual(['club+member']);
  expect(statements(request, false)).toEqual(['club+member']);
});

it('runs the club statement for the placement notes alone only when they are wanted', () => {
  // A split by sex counts the memberships themselves: nothing rides on the club statement.
  const split = { ids: ['members'], periods: ['2023'], disaggregateBy: [Disaggregation.SEX] };
  expect(statements(split, true)).toEqual(['club', 'member']);
  expect(statements(split, false)).toEqual(['member']);
  // So does a range of days.
  const days = { ids: ['members'], periods: ['2023-03-10..2023-04-20'] };
  expect(statements(days, true)).toEqual(['club', 'member']);
  expect(statements(days, false)).toEqual(['member']);
  // A club indicator needs the club statement either way.
  expect(statements({ ids: ['active_clubs'], periods: ['2023'] }, false)).toEqual(['club']);
});
