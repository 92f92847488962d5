import { LoanStatus } from '../../src/modules/fund/fund.enums';
import { PovertyStatus, Sex } from '../../src/modules/member/member.enums';
import { given } from '../support/given';
import { startTestHub, TestHub } from '../support/hub';
import { ExpectedWorld, TableCheck } from './expected';

/**
 * The person-category splits count memberships, loans and borrowers as intervals of period ends (a birthday
 * moves a person into the next age band, a repayment changes what is owed, a disbursement counts for 12
 * months). These cases sit on the days where an interval could be off by one: birthdays on 29 February in
 * common and leap years, joining or leaving on a period's last day, a borrower's window ending on a month end,
 * repayments beyond the principal, loans due 31 days before a month end. Each split is compared with the
 * independent SQL of expected.ts, month by month, for the nation, the province and the commune.
 */
let hub: TestHub;
let definitions: Array<{ id: string; unit: string; denominator: string | null; disaggregations: string[] }>;
let units: Array<{ structure: 'PRE_2025'; code: string }>;
const SERIES = ['202101..202104', '202201..202204', '202301..202303', '202401..202403'];
const worlds = new Map<string, Promise<ExpectedWorld>>();

/** The month of a YYYYMM key as its first and last day. */
function monthBounds(key: string): [string, string] {
  const [y, m] = [Number(key.slice(0, 4)), Number(key.slice(4))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${y}-${String(m).padStart(2, '0')}-01`, `${y}-${String(m).padStart(2, '0')}-${last}`];
}

beforeAll(async () => {
  hub = await startTestHub();
  const g = given(hub.orm);
  const club = await g.club({ pre2025: '18769', foundedOn: '2020-01-01' });
  const fund = await g.fund(club, { openedOn: '2020-01-01' });
  await g.transaction(fund, { occurredOn: '2020-01-02', amount: 100_000_000n });
  const member = (fields: Parameters<typeof g.member>[1]) => g.member(club, fields);
  // 70 on 1 March 2022 by the rule of the periods (28 February 2022 less 70 years is 28 February 1952).
  const turns70 = await member({ birthDate: '1952-02-29', birthYear: 1952, joinedOn: '2020-06-01', sex: Sex.MALE });
  // 55 on 1 March 2023; joins on a month's last day and leaves on one.
  const joinsAndLeaves = await member({ birthDate: '1968-02-29', birthYear: 1968, joinedOn: '2022-02-28', leftOn: '2023-03-31', povertyStatus: PovertyStatus.POOR });
  // 55 on 28 February 2022, and a year of birth alone (1 January).
  const turns55 = await member({ birthDate: '1967-02-28', birthYear: 1967, joinedOn: '2020-06-01', povertyStatus: PovertyStatus.NEAR_POOR });
  await member({ birthYear: 1962, joinedOn: '2021-03-31', leftOn: '2024-02-29', homeCareVolunteer: true });
  // 60 on 29 February 2024 (a leap year).
  const leapSixty = await member({ birthDate: '1964-02-29', birthYear: 1964, joinedOn: '2021-02-28', sex: Sex.MALE });
  await member({ birthYear: 1941, joinedOn: '2021-01-31', leftOn: '2021-02-01' });
  const leapBorrower = await member({ birthYear: 1958, joinedOn: '2020-01-15', sex: Sex.MALE });

  const repay = (loanId: number, occurredOn: string, amount: bigint) =>
    hub.orm.em.fork().getConnection().execute(`insert into fund_transaction (fund_id, occurred_on, kind, amount, loan_id) values (?, ?, 'REPAYMENT', ?, ?)`, [fund.id, occurredOn, String(amount), loanId]);
  // Overdue 30 days from 28 February 2022; repaid beyond its principal but never closed.
  const overdue = await g.loan(fund, turns70, { disbursedOn: '2021-02-28', dueOn: '2022-01-28', principal: 10_000_000n });
  await repay(overdue.id, '2022-01-31', 3_000_000n);
  await repay(overdue.id, '2022-03-15', 20_000_000n);
  // Disbursed on a leap day: its borrower counts until 28 February 2021 included.
  await g.loan(fund, leapBorrower, { disbursedOn: '2020-02-29', dueOn: '2021-02-28', principal: 5_000_000n, status: LoanStatus.REPAID, closedOn: '2021-02-28' });
  // Disbursed and repaid on the last days of months, on time.
  const onTime = await g.loan(fund, joinsAndLeaves, { disbursedOn: '2022-02-28', dueOn: '2022-03-31', principal: 4_000_000n, status: LoanStatus.REPAID, closedOn: '2022-03-31' });
  await repay(onTime.id, '2022-03-31', 4_000_000n);
  // Two loans within 12 months, the first on 28 February 2021 (its window ends with January 2022).
  await g.loan(fund, turns55, { disbursedOn: '2021-02-28', dueOn: '2021-08-31', principal: 2_000_000n, status: LoanStatus.REPAID, closedOn: '2021-09-15' });
  const late = await g.loan(fund, turns55, { disbursedOn: '2021-12-15', dueOn: '2022-03-01', principal: 6_000_000n, status: LoanStatus.REPAID, closedOn: '2022-04-30' });
  await repay(late.id, '2022-02-28', 1_000_000n);
  await repay(late.id, '2022-04-30', 5_000_000n);
  // 28 February 2023 is more than 12 months before 29 February 2024's window (it starts on 1 March 2023).
  await g.loan(fund, leapSixty, { disbursedOn: '2023-02-28', dueOn: '2024-01-31', principal: 3_000_000n, status: LoanStatus.OVERDUE });

  const [{ path }] = await hub.orm.em.fork().getConnection().execute<Array<{ path: string }>>(`select path from admin_unit where structure = 'PRE_2025' and code = '18769'`);
  units = [{ structure: 'PRE_2025', code: 'VN' }, { structure: 'PRE_2025', code: path.split('/')[0] }, { structure: 'PRE_2025', code: '18769' }];
  definitions = (await hub.operation('indicator/IndicatorDefinitions.graphql')).data!.indicatorDefinitions;
}, 120_000);

afterAll(async () => {
  await hub?.stop();
});

it.each(['SEX', 'AGE_BAND', 'POVERTY_STATUS'])('split by %s over monthly series equals independent SQL on the days intervals turn', async (dimension) => {
  const ids = definitions.filter((d) => d.disaggregations.includes(dimension)).map((d) => d.id);
  // The nation alone reads every club; units below it read only their clubs (another statement for borrowers).
  const tables = await Promise.all([units.slice(0, 1), units.slice(1)].map((asked) => hub.operation('indicator/Indicators.graphql', { structure: 'PRE_2025', units: asked, periods: SERIES, ids, disaggregateBy: [dimension] })));
  expect(tables.map((t) => t.errors)).toEqual([undefined, undefined]);
  const check = new TableCheck(hub.orm, definitions, { bounds: monthBounds, worlds });
  await check.check('PRE_2025', tables.flatMap((t) => t.data!.indicators.rows));
  expect(check.mismatches.slice(0, 20)).toEqual([]);
  expect(check.nonZero).toBeGreaterThan(100);
}, 120_000);
