import { Family } from './indicator.catalogue';
import { FamilyStatement, statementGroupings } from './indicator.repository';
import { IndicatorPlan } from './indicator.request';

/**
 * What one statement costs per period, in the units of the cost budget (about 0.1–0.15 ms of national database
 * time a point). The club statement over the monthly states is one index-only range scan per period, about 40 ms
 * nationally. A statement over records scans them for every period: memberships, the ledger and the loans take
 * from a quarter to over half a second each nationally; the trainee, course and award tables are small.
 */
const FROM_STATES = 100;
const FROM_RECORDS: Record<Family, number> = {
  club: 200,
  member: 2_000,
  fund: 2_000,
  loan: 4_000,
  borrower: 2_000,
  trainee: 200,
  course: 20,
  award: 20,
  // Expected reports: every club for each month of P, with its report (an index probe each).
  report: 300,
  // --- supervision family: one index probe per active club and period ---
  supervision: 200,
  // --- health families: the checks of the 12 months to the end of P per period; the visits of P ---
  health: 1_000,
  homeCare: 500,
};
/**
 * Building a row, executing its fields and sending it: about 15 µs of the hub's own thread each (the 2,835 rows of
 * all indicators by PRE_2025 province took about 40 ms in a CPU profile, 2026-12-08), so 0.15 of a point. At 2
 * points a cell, as first guessed, that table was priced heavy for its rows alone and ran its eight cheap
 * statements one after another.
 */
const CELL = 0.15;

/** A statement restricted to a few units still costs its fixed work (a commune's split is a few ms per statement). */
const MIN_SHARE = 0.02;

/**
 * The price of an indicator table, known before any SQL: for each statement, its weight (monthly states, or the
 * records of its family) × periods × its category groupings (each is another aggregation over what it reads),
 * scaled by the share of the country it reads (a province's statements read its clubs only), plus the table's cells.
 */
export function tablePrice(plan: IndicatorPlan, statements: readonly FamilyStatement[]): number {
  const periods = plan.periods.length;
  const sql = statements.reduce((sum, statement) => {
    const weight = statement.fromStates ? FROM_STATES : Math.max(...statement.requests.map((r) => FROM_RECORDS[r.family]));
    return sum + Math.ceil(weight * Math.max(statement.share, MIN_SHARE)) * periods * Math.max(1, statementGroupings(statement.requests).length);
  }, 0);
  return sql + Math.ceil(plan.cells * CELL);
}
