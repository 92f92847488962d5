import { EntityManager } from '@mikro-orm/postgresql';
import { callerOf } from '../../admission';
import { Access } from '../../auth/access';
import { roundPeople } from '../../auth/disclosure';
import { Role, Viewer } from '../../auth/viewer';
import type { HubContext } from '../../context';
import { textArray } from '../../db/sql';
import { ForbiddenError } from '../../errors';
import { nextTurn } from '../../turns';
import { UnitLevel } from '../admin-unit/admin-unit.enums';
import { AdministrativeUnit } from '../admin-unit/admin-unit.types';
import { UnitDirectory } from '../admin-unit/unit-directory';
import { approvedCells } from '../reporting/approved-cells';
import { Family, FAMILY_DIMENSIONS, familyOf, measuresOf, MeasureId, nameOf, Term } from './indicator.catalogue';
import { Disaggregation, IndicatorUnit } from './indicator.enums';
import { tablePrice } from './indicator.price';
import { FamilyRequest, FamilyRow, FamilyStatement, familyStatements, PLACEMENT_NOTE_MEASURES, runStatement, StatementScope } from './indicator.repository';
import { IndicatorPlan, IndicatorRequest, PlannedIndicator, planRequest } from './indicator.request';
import { CellApproval, ClubPlacement, IndicatorRow, IndicatorTable } from './indicator.types';
import { monthsIn, Period, within } from './period';

/** What the service needs of a request's context (GraphQL or an export route). */
export interface IndicatorContext {
  em: EntityManager;
  units: UnitDirectory;
  viewer: Viewer;
  access: Access;
}

type Options = Partial<Record<Disaggregation, string>>;

/**
 * The indicator table: runs one statement per family of measures (a few at a time, each reading committed data;
 * see familyStatements) that sums figures per unit of the table's deepest level, adds those up the unit tree in
 * memory, then derives each cell, its target and its privacy. Unmetered, on `ctx.em` (benchmarks): the API
 * serves tables through serveIndicatorTable.
 */
export async function indicatorTable(ctx: IndicatorContext, request: IndicatorRequest, options: TableOptions = {}): Promise<IndicatorTable> {
  return computeTable(ctx, prepareTable(ctx, request, options));
}

interface TableOptions {
  /** Every unit of the table must lie in the viewer's scope (an association's exports). */
  ownAreaOnly?: boolean;
  /**
   * Compute the placement notes (default true). Without them, a table of families that do not ride on the club
   * statement (reports, courses, awards, supervision, health) skips that statement over every club of its units.
   */
  placement?: boolean;
}

/**
 * The table as the API serves it (GraphQL and the exports): priced from its plan before any SQL, charged to the
 * caller's budget and computed on the analytics pool (see Admission). A heavy table holds a slot and runs its
 * statements heavyStatementsAtOnce at a time.
 */
export function serveIndicatorTable(ctx: HubContext, request: IndicatorRequest, options: TableOptions = {}): Promise<IndicatorTable> {
  const prepared = prepareTable(ctx, request, options);
  const { admission } = ctx;
  return admission.analytics(callerOf(ctx.viewer, ctx.clientAddress), prepared.price, (em, heavy) =>
    computeTable({ em, units: ctx.units, viewer: ctx.viewer, access: ctx.access }, prepared, heavy ? () => heavyStatementsAtOnce(admission.heavyRunning) : null),
  );
}

/**
 * Statements a heavy table runs at once, asked again before each one starts: two while it is the only heavy
 * request of this process, else one. A heavy table's statements are dear (a province's split: a second or more
 * of backend CPU in all); two at a time on two cores take a lone split from its statements' sum to about the
 * longest of them. Once another heavy request runs, one each keeps the cores and the analytics pool for light
 * tables, /healthz and the API (with two each, their p50 doubled while six worst-case tables ran). At most one
 * heavy table holds two connections, so DB_ANALYTICS_POOL_MAX ≥ HEAVY_REQUESTS_TOTAL + 2 leaves one free for
 * light tables and none waits behind another's statements.
 */
const heavyStatementsAtOnce = (heavyRunning: number): number => (heavyRunning > 1 ? 1 : 2);

interface PreparedTable {
  plan: IndicatorPlan;
  /** Serve approved cells only (asked, or a MINISTRY viewer's default). */
  approvedOnly: boolean;
  statements: FamilyStatement[];
  placement: boolean;
  /** What computing it costs, in the units of the cost budget. */
  price: number;
}

/** Checks the request and the viewer's rights and plans the statements: no SQL yet. */
function prepareTable(ctx: IndicatorContext, request: IndicatorRequest, options: TableOptions): PreparedTable {
  const plan = planRequest(ctx.units, request);
  // The same rule as the hierarchy's counts: nation and provinces for everyone, lower units for keys that may.
  for (const unit of plan.units) ctx.access.requireCounts(unit);
  // An association's exports stay inside its area.
  if (options.ownAreaOnly && !plan.units.every((unit) => ctx.access.inScope(unit))) {
    throw new ForbiddenError('An association key exports its own area only: name units inside its scope (or none, for the whole scope)');
  }
  const placement = options.placement ?? true;
  const statements = familyStatements(plan.structure, plan.level, plan.periods, familyRequests(plan.indicators), { within: statementScope(plan, ctx.units), placement });
  const approvedOnly = request.approvedOnly ?? ctx.viewer.role === Role.MINISTRY;
  return { plan, approvedOnly, statements, placement, price: tablePrice(plan, statements) };
}

/**
 * The communes whose figures the statements need: those within the units asked, when they are few (a province, a
 * district, some communes). A table of the nation or of most of it (every province) reads every club: a list of
 * thousands of communes only slows its statements down.
 */
export function statementScope(plan: IndicatorPlan, units: UnitDirectory): StatementScope | null {
  if (plan.units.some((u) => u.level === UnitLevel.NATION)) return null;
  // Counted unit by unit, to stop as soon as the scope is too large: a table of every province would otherwise
  // gather the country's communes on every request (5 ms of the hub's CPU in a profile of Q4).
  const communes = new Set<number>();
  for (const unit of plan.units) {
    for (const commune of units.communesWithin(unit)) communes.add(commune.dbId);
    if (communes.size > MAX_SCOPED_COMMUNES) return null;
  }
  return { communes: [...communes], share: communes.size / units.communesWithin(units.nation(plan.structure)).length };
}

/** About two of the largest provinces' communes, in both structures (a country has some 14,000). */
const MAX_SCOPED_COMMUNES = 2_000;

/** `heavyLimit`: a heavy table's statements at once (asked before each starts); null for a light table. */
async function computeTable(ctx: IndicatorContext, { plan, statements, approvedOnly, placement }: PreparedTable, heavyLimit: (() => number) | null = null): Promise<IndicatorTable> {
  const figuresOf = () => mapLimited(statements, heavyLimit ?? (() => MAX_PARALLEL_STATEMENTS), (statement) => runStatement(ctx.em, statement));
  const targetsOf = () => loadTargets(ctx.em, plan.indicators.map((i) => i.definition.id));
  // A heavy table reads its targets after its statements, within the connections it may hold.
  const [answers, targets] = heavyLimit ? [await figuresOf(), await targetsOf()] : await Promise.all([figuresOf(), targetsOf()]);
  const results = statements.flatMap((statement, i) => statement.requests.map((req, j) => ({ req, rows: answers[i][j] })));
  const nation = ctx.units.nation(plan.structure);
  const figures = new Figures(results, (row) => (row.key === null ? nation : ctx.units.byDbId(row.key)!));
  const rows = await buildRows(plan, figures, ctx.units, targets, (unit) => !ctx.access.mayReadPersonalIn(unit));
  const withheldCells = approvedOnly ? await withholdUnapproved(ctx, plan, rows) : 0;
  return {
    structure: plan.structure,
    rows,
    placement: placement ? placementNotes(plan, figures, nation) : [],
    suppressedCells: rows.filter((r) => r.suppressed).length,
    approvedOnly,
    withheldCells,
  };
}

/**
 * Approved data only: a cell is served when every month of its period is approved for its unit (approvedCells),
 * otherwise its figures are withheld. The target stays: it is policy, not data. Returns the number withheld.
 */
async function withholdUnapproved(ctx: IndicatorContext, plan: IndicatorPlan, rows: IndicatorRow[]): Promise<number> {
  const approved = await approvedCells(ctx.em, ctx.units, plan.structure, plan.units, plan.periods);
  const periodIndex = new Map(plan.periods.map((p, i) => [p.key, i]));
  let withheld = 0;
  for (const row of rows) {
    if (approved(row.unit, periodIndex.get(row.period)!)) {
      row.approval = CellApproval.APPROVED;
      continue;
    }
    Object.assign(row, { approval: CellApproval.NOT_APPROVED, value: null, numerator: null, denominator: null, achievementPercent: null });
    withheld += 1;
  }
  return withheld;
}

/**
 * Statements of one request run side by side on the pool, but not so many that one request holds it all.
 * Each reads committed data when it starts; a write committing meanwhile may show in one family and not yet
 * in another (no snapshot is shared: a shared one would serialise them on one connection).
 */
const MAX_PARALLEL_STATEMENTS = 4;

/** `fn` over the items, at most `limit()` running at once (asked again whenever one may start), results in order. */
function mapLimited<T, R>(items: readonly T[], limit: () => number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  return new Promise<R[]>((resolve, reject) => {
    let next = 0;
    let running = 0;
    // Once one statement fails the table has failed: the others still queued must not take connections.
    let failed = false;
    const pump = () => {
      if (next === items.length && running === 0) resolve(results);
      while (!failed && next < items.length && running < Math.max(1, limit())) {
        const i = next++;
        running += 1;
        fn(items[i]).then(
          (result) => {
            results[i] = result;
            running -= 1;
            pump();
          },
          (err: unknown) => {
            failed = true;
            reject(err);
          },
        );
      }
    };
    pump();
  });
}

/**
 * Which measures of which family, grouped how: one request per family, the club's with the placement notes'
 * measures (per period in total; familyStatements leaves them out when they are not wanted).
 */
export function familyRequests(indicators: readonly PlannedIndicator[]): FamilyRequest[] {
  const byFamily = new Map<Family, { measures: Set<string>; groupings: Map<string, Disaggregation[]> }>();
  const want = (measure: MeasureId, dimensions: readonly Disaggregation[]) => {
    const family = familyOf(measure);
    let entry = byFamily.get(family);
    if (!entry) byFamily.set(family, (entry = { measures: new Set(), groupings: new Map() }));
    entry.measures.add(nameOf(measure));
    const grouping = projection(dimensions, family);
    entry.groupings.set(grouping.join(','), grouping);
  };
  for (const note of PLACEMENT_NOTE_MEASURES) want(`club.${note}`, []);
  for (const { definition, dimensions } of indicators) for (const measure of measuresOf(definition)) want(measure, dimensions);
  return [...byFamily].map(([family, { measures, groupings }]) => ({ family, measures, groupings: [...groupings.values()] }) as FamilyRequest);
}

const projection = (dimensions: readonly Disaggregation[], family: Family) => dimensions.filter((d) => FAMILY_DIMENSIONS[family].includes(d));
const comboKey = (grouping: readonly Disaggregation[], options: Options) => grouping.map((d) => `${d}=${options[d]}`).join(';');

/**
 * Per family, period and category combination: each unit's figures, including everything below it. The
 * sums are arrays in the order of the family's measures. Rows come per unit of the table's deepest level (or
 * above it, where records are placed above it); each level is then summed into the one above.
 */
class Figures {
  private readonly cells = new Map<string, Map<AdministrativeUnit, number[]>>();
  private readonly positions = new Map<Family, Map<string, number>>();

  constructor(results: ReadonlyArray<{ req: FamilyRequest; rows: readonly FamilyRow[] }>, place: (row: FamilyRow) => AdministrativeUnit) {
    for (const { req, rows } of results) {
      this.positions.set(req.family, new Map([...req.measures].map((m, i) => [m, i])));
      for (const row of rows) {
        const key = this.key(req.family, row.idx, row.grouping, row.options);
        let perUnit = this.cells.get(key);
        if (!perUnit) this.cells.set(key, (perUnit = new Map()));
        add(perUnit, place(row), row.values);
      }
    }
    for (const perUnit of this.cells.values()) {
      for (const level of [UnitLevel.COMMUNE, UnitLevel.DISTRICT, UnitLevel.PROVINCE]) {
        for (const [unit, sums] of perUnit) if (unit.level === level && unit.parent) add(perUnit, unit.parent, sums);
      }
    }
  }

  private key(family: Family, idx: number, grouping: readonly Disaggregation[], options: Options): string {
    return grouping.length ? `${family}|${idx}|${comboKey(grouping, options)}` : `${family}|${idx}`;
  }

  /** A measure's figures for a period and category combination, by unit (0 where nothing was counted). */
  of(measure: MeasureId, idx: number, dimensions: readonly Disaggregation[], options: Options): (unit: AdministrativeUnit) => number {
    const family = familyOf(measure);
    const position = this.positions.get(family)?.get(nameOf(measure));
    const perUnit = this.cells.get(this.key(family, idx, projection(dimensions, family), options));
    if (position === undefined || !perUnit) return () => 0;
    return (unit) => perUnit.get(unit)?.[position] ?? 0;
  }

  get(measure: MeasureId, idx: number, dimensions: readonly Disaggregation[], options: Options, unit: AdministrativeUnit): number {
    return this.of(measure, idx, dimensions, options)(unit);
  }
}

function add(perUnit: Map<AdministrativeUnit, number[]>, unit: AdministrativeUnit, values: readonly number[]): void {
  const sums = perUnit.get(unit);
  if (sums) for (let i = 0; i < values.length; i++) sums[i] += values[i];
  else perUnit.set(unit, values.slice());
}

/** Units of a level at or below a unit; a unit below that level stands for itself. */
function unitsAtOrBelow(units: UnitDirectory, unit: AdministrativeUnit, level: UnitLevel.PROVINCE | UnitLevel.COMMUNE): AdministrativeUnit[] {
  if (level === UnitLevel.COMMUNE) return units.communesUnder(unit);
  return unit.level === UnitLevel.NATION ? unit.children : [unit];
}

function termValue(term: Term, figures: Figures, units: UnitDirectory, period: Period, idx: number, dims: readonly Disaggregation[], options: Options, unit: AdministrativeUnit) {
  if ('measure' in term) return figures.get(term.measure, idx, dims, options, unit);
  if ('monthsInPeriod' in term) return monthsIn(period);
  if ('units' in term) return unitsAtOrBelow(units, unit, term.units).length;
  // Figures always reach provinces: statements roll up to provinces or below.
  const active = figures.of('club.active', idx, dims, options);
  return unitsAtOrBelow(units, unit, UnitLevel.PROVINCE).filter((u) => active(u) > 0).length;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function valueOf(unit: IndicatorUnit, numerator: number, denominator: number | null): number | null {
  if (denominator === null) return numerator;
  if (denominator === 0) return null;
  if (unit === IndicatorUnit.PERCENT) return round((numerator / denominator) * 100, 2);
  if (unit === IndicatorUnit.DONG) return Math.round(numerator / denominator);
  return round(numerator / denominator, 2);
}

/** Cells derived between two turns of the event loop (about 10 ms of work). */
const CELLS_PER_TURN = 2_000;

/**
 * The cells of the table. For a unit whose personal data the viewer may not read, every count of people behind a
 * cell (the definition's `people` measures, as numerator or denominator) is rounded down (roundPeople) and the
 * value derived from the rounded counts; a sum of money from those people's records (a term of the same family)
 * is shown only when each count behind the cell, rounded, is at least one, judged on the rounded counts so that
 * withholding it tells nothing more than they do. Clubs and units are not people: they stay exact.
 */
async function buildRows(
  plan: IndicatorPlan,
  figures: Figures,
  units: UnitDirectory,
  targets: TargetRow[],
  protect: (unit: AdministrativeUnit) => boolean,
): Promise<IndicatorRow[]> {
  const rows: IndicatorRow[] = [];
  let rowsAtLastTurn = 0;
  for (const { definition, dimensions, combos } of plan.indicators) {
    const { numerator: num, denominator: den } = definition.compute;
    const peopleFamilies = new Set(definition.people.map(familyOf));
    for (const unit of plan.units) {
      const protectedUnit = protect(unit) && definition.people.length > 0;
      for (const [idx, period] of plan.periods.entries()) {
        // A table of 50,000 cells takes a while to derive: other requests get turns meanwhile.
        if (rows.length - rowsAtLastTurn >= CELLS_PER_TURN) {
          rowsAtLastTurn = rows.length;
          await nextTurn();
        }
        for (const options of combos) {
          const raw = (term: Term) => termValue(term, figures, units, period, idx, dimensions, options, unit);
          let shown: (term: Term) => number | null = raw;
          if (protectedUnit) {
            const fewPeople = definition.people.some((m) => roundPeople(figures.get(m, idx, dimensions, options, unit)) === 0);
            shown = (term) => {
              if (!('measure' in term)) return raw(term);
              if (definition.people.includes(term.measure)) return roundPeople(raw(term));
              if (peopleFamilies.has(familyOf(term.measure))) return fewPeople ? null : raw(term);
              return raw(term);
            };
          }
          const numerator = shown(num);
          const denominator = den ? shown(den) : null;
          const value = numerator === null || (den && denominator === null) ? null : valueOf(definition.unit, numerator, denominator);
          const isTotal = dimensions.length === 0;
          const target = isTotal ? targetFor(targets, definition.id, unit, period) : null;
          rows.push({
            indicatorId: definition.id,
            unit,
            period: period.key,
            periodStart: period.start,
            periodEnd: period.end,
            categoryOptions: dimensions.map((d) => ({ dimension: d, option: options[d]! })),
            value,
            numerator,
            denominator,
            target,
            achievementPercent: target && value !== null ? round((value / target) * 100, 2) : null,
            suppressed: protectedUnit,
            approval: null,
          });
        }
      }
    }
  }
  return rows;
}

interface TargetRow {
  indicatorId: string;
  unitId: number | null;
  start: string;
  end: string;
  value: number;
}

async function loadTargets(em: EntityManager, ids: string[]): Promise<TargetRow[]> {
  const rows = await em.getConnection('read').execute<Array<{ indicator_id: string; unit_id: number | null; start: string; end: string; value: number }>>(
    `select indicator_id, unit_id, period_start::text as start, period_end::text as "end", value::float8 as value
     from target where indicator_id = any(?::text[])`,
    [textArray(ids)],
  );
  return rows.map((r) => ({ indicatorId: r.indicator_id, unitId: r.unit_id, start: r.start, end: r.end, value: Number(r.value) }));
}

/**
 * A target applies to a row when it is for the row's unit (no unit: the nation, in either structure) and the
 * row's period lies within the target's period; of several, the one with the shortest period wins.
 */
function targetFor(targets: TargetRow[], indicatorId: string, unit: AdministrativeUnit, period: { start: string; end: string }): number | null {
  const unitId = unit.level === UnitLevel.NATION ? null : unit.dbId;
  const applicable = targets.filter((t) => t.indicatorId === indicatorId && t.unitId === unitId && within(period, t.start, t.end));
  if (applicable.length === 0) return null;
  const span = (t: TargetRow) => Date.parse(t.end) - Date.parse(t.start);
  return applicable.reduce((best, t) => (span(t) < span(best) ? t : best)).value;
}

/** Per period: clubs counted above commune level, or in the nation only (the statements count them where they are placed). */
function placementNotes(plan: IndicatorPlan, figures: Figures, nation: AdministrativeUnit): ClubPlacement[] {
  return plan.periods.map((p, idx) => ({
    period: p.key,
    clubsPlacedAboveCommune: figures.get('club.clubsAboveCommune', idx, [], {}, nation),
    clubsNotPlaced: figures.get('club.clubsNotPlaced', idx, [], {}, nation),
  }));
}
