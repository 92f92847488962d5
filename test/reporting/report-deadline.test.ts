import { loadConfig } from '../../src/config';
import { given } from '../support/given';
import { givenReporting } from '../support/given-reports';
import { startTestHub, TestHub } from '../support/hub';
import { ok } from '../write/support';

/** REPORT_DEADLINE_DAY moves the deadline of timeliness and of the late list; completeness does not depend on it. */
let hub: TestHub;
let code: string;
beforeAll(async () => {
  hub = await startTestHub({ config: loadConfig({ REPORT_DEADLINE_DAY: '25' }) });
  const club = await given(hub.orm).club({ pre2025: '18769', foundedOn: '2023-01-01' });
  code = club.code;
  const r = givenReporting(hub.orm);
  await r.report(club, '2024-01', { firstSubmittedOn: '2024-02-20' });
  await r.report(club, '2024-02', { firstSubmittedOn: '2024-03-26' });
  await r.report(club, '2024-03', { firstSubmittedOn: '2024-04-25' });
});
afterAll(async () => {
  await hub?.stop();
});

describe('REPORT_DEADLINE_DAY', () => {
  it('is a day of the month, 10 by default, at most 28', () => {
    expect(loadConfig({}).reportDeadlineDay).toBe(10);
    expect(loadConfig({ REPORT_DEADLINE_DAY: '5' }).reportDeadlineDay).toBe(5);
    expect(() => loadConfig({ REPORT_DEADLINE_DAY: '31' })).toThrow(/REPORT_DEADLINE_DAY/);
    expect(() => loadConfig({ REPORT_DEADLINE_DAY: '0' })).toThrow(/REPORT_DEADLINE_DAY/);
  });

  it('sets the deadline of timeliness (the day itself is on time) and of the late list', async () => {
    const rows = ok(await hub.operation('indicator/Indicators.graphql', { ids: ['reporting_completeness', 'reporting_timeliness'], structure: 'PRE_2025', periods: ['2024Q1'] })).indicators.rows;
    const value = (id: string) => rows.find((r: any) => r.indicatorId === id);
    expect(value('reporting_completeness')).toMatchObject({ numerator: 3, denominator: 3, value: 100 });
    // With the default (the 10th) none would be on time; with the 25th, January and March are (February's 26 March is late).
    expect(value('reporting_timeliness')).toMatchObject({ numerator: 2, denominator: 3, value: 66.67 });
    const late = ok(await hub.operation('reporting/MissingReports.graphql', { structure: 'PRE_2025', from: '2024-01', to: '2024-03' })).missingReports;
    expect(late.edges.map((e: any) => e.node)).toEqual([expect.objectContaining({ clubCode: code, month: '2024-02-01', status: 'LATE', deadline: '2024-03-25', submittedOn: '2024-03-26' })]);
  });
});
