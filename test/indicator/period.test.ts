import { parsePeriod, parsePeriods } from '../../src/modules/indicator/period';

const keys = (text: string) => parsePeriod(text).map((p) => p.key);

describe('period keys', () => {
  it('reads years, quarters and months as DHIS2 does', () => {
    expect(parsePeriod('2023')).toEqual([{ key: '2023', type: 'YEAR', start: '2023-01-01', end: '2023-12-31' }]);
    expect(parsePeriod('2023Q4')).toEqual([{ key: '2023Q4', type: 'QUARTER', start: '2023-10-01', end: '2023-12-31' }]);
    expect(parsePeriod('2024Q1')[0]).toMatchObject({ start: '2024-01-01', end: '2024-03-31' });
    expect(parsePeriod('202402')).toEqual([{ key: '202402', type: 'MONTH', start: '2024-02-01', end: '2024-02-29' }]);
    expect(parsePeriod('202302')[0].end).toBe('2023-02-28');
    expect(parsePeriod(' 202312 ')[0]).toMatchObject({ key: '202312', start: '2023-12-01', end: '2023-12-31' });
  });

  it('expands ranges of one kind to every period in them, across years', () => {
    expect(keys('2021..2023')).toEqual(['2021', '2022', '2023']);
    expect(keys('2023Q1..2023Q4')).toEqual(['2023Q1', '2023Q2', '2023Q3', '2023Q4']);
    expect(keys('2023Q3..2024Q2')).toEqual(['2023Q3', '2023Q4', '2024Q1', '2024Q2']);
    expect(keys('202311..202402')).toEqual(['202311', '202312', '202401', '202402']);
    expect(keys('2023..2023')).toEqual(['2023']);
  });

  it('keeps a range of days as one period', () => {
    expect(parsePeriod('2023-01-01..2023-06-30')).toEqual([{ key: '2023-01-01..2023-06-30', type: 'DAYS', start: '2023-01-01', end: '2023-06-30' }]);
    expect(parsePeriod('2024-02-29..2024-02-29')[0].end).toBe('2024-02-29');
  });

  it('drops duplicates, keeping the order of first appearance', () => {
    expect(parsePeriods(['2023Q2', '2023Q1..2023Q3', '2023']).map((p) => p.key)).toEqual(['2023Q2', '2023Q1', '2023Q3', '2023']);
  });

  it.each([
    ['2023Q5', 'is not a period key'],
    ['202313', 'is not a period key'],
    ['23', 'is not a period key'],
    ['2023W1', 'is not a period key'],
    ['1800', 'is not a period key'],
    ['2023..2023Q1', 'mixes kinds of period'],
    ['2024..2023', 'ends before it starts'],
    ['2023-02-30..2023-03-01', 'is not a period key'],
    ['2023-06-30..2023-01-01', 'ends before it starts'],
    ['2023..', 'is not a period key'],
    ['2000..2200', 'is not a period key'],
    ['200001..201012', 'holds more than 120 periods'],
  ])('refuses %s with BAD_USER_INPUT on "periods"', (key, why) => {
    let error: any;
    try {
      parsePeriods([key]);
    } catch (e) {
      error = e;
    }
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'periods' });
    expect(error.message).toContain(why);
  });

  it('refuses an empty list and more than 120 periods in all', () => {
    expect(() => parsePeriods([])).toThrow('at least one period');
    expect(() => parsePeriods(['201001..201912', '202001..202012'])).toThrow('At most 120 periods');
  });
});
