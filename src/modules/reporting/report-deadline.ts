import { monthEndSql } from './expected';

/**
 * The day of the next month by which a monthly report is on time (REPORT_DEADLINE_DAY, default 10). A process
 * setting: the hub sets it from its config when it starts (configureReportDeadline), everything else reads it.
 */
let deadlineDay = 10;

export function configureReportDeadline(day: number): void {
  if (!Number.isInteger(day) || day < 1 || day > 28) throw new Error(`REPORT_DEADLINE_DAY must be 1–28, not ${day}`);
  deadlineDay = day;
}

export const reportDeadlineDay = (): number => deadlineDay;


/** The same in SQL, for a date expression holding a month's first day. */
export function reportDeadlineSql(month: string): string {
  return `(${monthEndSql(month)} + ${deadlineDay})`;
}
