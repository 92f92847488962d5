import fs from 'node:fs';
import { Client } from 'pg';
import { associationAwards, AssociationUnits } from './awards';
import { Ids, writeClub } from './club';
import { Batch, CopyLoader } from './copy';
import { seedHealth } from './health';
import { ClubPlan, planClubs } from './plan';
import { loadReference, Unit } from './reference';
import { approvals, ProvinceProfile, provinceProfile } from './reporting';
import { Rng } from './rng';
import { awardRow, courseRow, LOAD_ORDER, TableName, traineeRow } from './rows';
import { SCALES, ScaleName } from './scale';
import { BoardMember, generateCourses } from './training';

export const DEFAULT_SEED = 20231231;

export interface SeedOptions {
  scale: ScaleName;
  seed?: number;
  /** Replace existing demo data; without it, a database that holds clubs is left alone. */
  reset?: boolean;
  /** Keep every index and foreign-key check row by row even as a superuser (to measure what the bulk path saves). */
  plainLoad?: boolean;
  /** Progress reports (the hub passes its logger). */
  log?: Log;
}

type Log = (message: string, details?: Record<string, unknown>) => void;

export interface SeedResult {
  seeded: boolean;
  /** Why nothing was done, when seeded is false. */
  reason?: string;
  clubs: number;
  rows: Record<TableName, number>;
  totalRows: number;
  seconds: number;
  /** Wall seconds of each step, in order (bench:seed prints them). */
  phases: Phase[];
  /** Peak resident memory of the seed's PostgreSQL backend (VmHWM, shared buffers it touched included), when it runs here. */
  backendPeakMiB?: number | null;
}

export interface Phase {
  phase: string;
  seconds: number;
  /** CPU time of this process (generation, COPY encoding). */
  nodeCpuSeconds: number;
  /** CPU time of the seed's PostgreSQL backend, when it runs on this machine (parallel workers not included). */
  backendCpuSeconds: number | null;
}

/** Clubs generated before their rows are handed to COPY; two batches at most are held in memory. */
const BATCH_CLUBS = 200;

const DEMO_TABLES = LOAD_ORDER.join(', ');
/** The tables written in bulk: the demo tables, the monthly club states derived from them, and the health rows. */
const BULK_TABLES = [...LOAD_ORDER, 'club_month', 'health_check', 'home_care_visit'];
/**
 * Functions of the triggers that keep the club, commune and province summaries in step with each statement on
 * club and member; refresh_club_summary() rebuilds the same rows from scratch (equal on the national data, both
 * ways), once instead of after every COPY.
 */
const SUMMARY_TRIGGER_FUNCTIONS = ['club_summary_apply', 'club_summary_follow_club'];

/** The function of the triggers that keep report_tally_province in step with each statement on report_tally. */
const REPORT_PROVINCE_TRIGGER_FUNCTION = 'report_tally_province_apply';

/**
 * Runs `step` with the table's triggers that call `fn` dropped, and creates them again as they were (in the
 * seed's transaction: nothing else sees them missing).
 */
async function withoutTriggers(client: Client, table: string, fn: string, step: () => Promise<unknown>): Promise<void> {
  const { rows } = await client.query<{ tgname: string; definition: string }>(
    `select t.tgname, pg_get_triggerdef(t.oid) as definition
     from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc f on f.oid = t.tgfoid
     where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace and c.relname = $1
       and f.proname = $2 and f.pronamespace = current_schema()::regnamespace
     order by 1`,
    [table, fn],
  );
  for (const r of rows) await client.query(`drop trigger ${client.escapeIdentifier(r.tgname)} on ${client.escapeIdentifier(table)}`);
  await step();
  for (const r of rows) await client.query(r.definition);
}

/**
 * Generates the demo data and loads it with COPY, in one transaction on one connection: either all of it is
 * there afterwards or none. Primary keys are assigned here (1..n per table), then the sequences are moved
 * past them. The administrative units, the crosswalk and the targets are never touched.
 */
export async function seedDemo(databaseUrl: string, options: SeedOptions): Promise<SeedResult> {
  const started = process.hrtime.bigint();
  const seed = options.seed ?? DEFAULT_SEED;
  const log = options.log ?? (() => undefined);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    // Two hubs starting on one empty database must not both seed it.
    await client.query(`select pg_advisory_xact_lock(hashtext('ishc-demo-seed'))`);
    const refusal = await whyNot(client, options.reset === true);
    if (refusal) {
      await client.query('rollback');
      return { seeded: false, reason: refusal, clubs: 0, rows: emptyCounts(), totalRows: 0, seconds: elapsed(started), phases: [] };
    }
    const phases = new PhaseClock((client as unknown as { processID: number | null }).processID);
    // Truncating in this transaction also lets COPY write the rows frozen (no later hint-bit or vacuum pass).
    await client.query(`truncate ${DEMO_TABLES} restart identity cascade`);
    await client.query('set local synchronous_commit = off');
    // The set-based steps below (health rows, summaries) sort and hash hundreds of thousands of rows: in memory,
    // not in temporary files (the rebuild functions set their own).
    await client.query(`set local work_mem = '256MB'`);
    // The monthly club states (club_month) are rebuilt once at the end, not per COPY statement.
    await client.query(`set local ishc.bulk_load = 'on'`);
    const finishBulkLoad = options.plainLoad ? async () => undefined : await prepareBulkLoad(client);
    phases.end('prepare (truncate, drop indexes)');

    const plans = planClubs(await loadReference(client), SCALES[options.scale], seed);
    phases.end('plan clubs');
    log('generating demo data', { scale: options.scale, seed, clubs: plans.length });
    const loader = new CopyLoader(client, { freeze: true });
    const ids = new Ids();
    const board = await loadClubs(plans, seed, ids, loader, log);
    phases.end('generate and COPY clubs');
    await loadTrainingAndAwards(plans, board, seed, ids, loader);
    await loadApprovals(plans, seed, ids, loader);
    phases.end('generate and COPY training, awards, approvals');
    // Set-based additions (rows derived in SQL from the rows loaded) go here, before the derived states.

    // The monthly club states, derived from the rows just loaded, before indexes and checks come back.
    await client.query('select rebuild_club_months(null)');
    phases.end('rebuild club_month');
    // The monthly report counts (report_tally), likewise not kept during the load, and their province sums once
    // from the rebuilt tally (cheaper than following its 660,000 inserted rows through the trigger).
    await withoutTriggers(client, 'report_tally', REPORT_PROVINCE_TRIGGER_FUNCTION, () => client.query('select rebuild_report_tally()'));
    await client.query('select rebuild_report_tally_provinces()');
    phases.end('rebuild report_tally');
    // The place-month sums of the clubs' states (place_month, place_month_commune), likewise.
    await client.query('select rebuild_place_month()');
    phases.end('rebuild place_month');
    await client.query('select rebuild_trainee_facts()');
    phases.end('rebuild trainee_fact');
    // Health checks and home-care visits, set-based in SQL from the members just loaded.
    await seedHealth(client, seed);
    phases.end('health checks and home-care visits');
    await finishBulkLoad();
    await client.query(`set local ishc.bulk_load = 'off'`);
    phases.end('indexes, triggers, foreign keys and summaries back');
    for (const table of LOAD_ORDER) {
      await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 1), max(id) is not null) from ${table}`);
    }
    await client.query('commit');
    phases.end('sequences, commit');
    await client.query(`analyze ${DEMO_TABLES}`);
    phases.end('analyze');
    // The rebuilt monthly states are read by index-only scans, which need the visibility map vacuum sets.
    await client.query('vacuum (analyze) club_month');
    phases.end('vacuum club_month');
    return { seeded: true, clubs: plans.length, rows: loader.rows, totalRows: loader.total, seconds: elapsed(started), phases: phases.list, backendPeakMiB: phases.backendPeakMiB() };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

/** Clubs in batches: the next batch is generated while the previous one is loading. Returns the boards. */
async function loadClubs(plans: ClubPlan[], seed: number, ids: Ids, loader: CopyLoader, log: Log): Promise<BoardMember[]> {
  const board: BoardMember[] = [];
  const profiles = profileCache(seed, 'PRE_2025');
  const pipeline = new LoadPipeline(loader);
  let batch = new Batch();
  for (const plan of plans) {
    writeClub(seed, plan, ids, batch, board, profiles(plan.provinceCode));
    if (plan.id % BATCH_CLUBS === 0 || plan.id === plans.length) {
      await pipeline.hand(batch);
      batch = new Batch();
      if (plan.id % 2000 === 0) log('demo data: clubs generated', { clubs: plan.id, of: plans.length });
    }
    // Let the previous batch's COPY traffic flow while this one is generated.
    if (plan.id % 4 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await pipeline.drain();
  return board;
}

/** Courses for the boards, and awards to the associations of the units that have clubs. */
async function loadTrainingAndAwards(plans: ClubPlan[], board: BoardMember[], seed: number, ids: Ids, loader: CopyLoader): Promise<void> {
  const batch = new Batch();
  for (const course of generateCourses(new Rng(seed, 5), board)) {
    const courseId = ids.take('training_course');
    batch.row('training_course', courseRow(courseId, course));
    for (const memberId of course.trainees) batch.row('trainee', traineeRow(ids.take('trainee'), courseId, memberId));
  }
  for (const award of associationAwards(new Rng(seed, 6), associationUnits(plans))) {
    batch.row('award', awardRow(ids.take('award'), award));
  }
  await loader.load(batch);
}

/** Each province's reporting profile, drawn once. */
function profileCache(seed: number, structure: 'PRE_2025' | 'POST_2025'): (code: string) => ProvinceProfile {
  const cache = new Map<string, ProvinceProfile>();
  return (code) => {
    let profile = cache.get(code);
    if (!profile) cache.set(code, (profile = provinceProfile(seed, code, structure)));
    return profile;
  };
}

/** The units' approvals, after every club (a unit's rows need all its clubs). */
async function loadApprovals(plans: ClubPlan[], seed: number, ids: Ids, loader: CopyLoader): Promise<void> {
  const batch = new Batch();
  for (const row of approvals(plans, profileCache(seed, 'PRE_2025'), profileCache(seed, 'POST_2025'))) batch.row('approval', `${ids.take('approval')}\t${row}`);
  await loader.load(batch);
}

/** Null when seeding may go ahead, else the reason to leave the database as it is. */
async function whyNot(client: Client, reset: boolean): Promise<string | null> {
  if (reset) return null;
  const { rows } = await client.query<{ table: string }>(
    LOAD_ORDER.map((t) => `select '${t}' as table where exists (select 1 from ${t})`).join(' union all '),
  );
  if (rows.some((r) => r.table === 'club')) return 'the database already holds clubs (use --reset to replace the demo data)';
  if (rows.length > 0) return `the demo tables are not empty (${rows.map((r) => r.table).join(', ')}); use --reset to replace them`;
  return null;
}

/**
 * Loads the way pg_restore does when the role may (a superuser, such as the embedded server's): the secondary
 * indexes are dropped and rebuilt once at the end (a sorted build instead of millions of insertions), and
 * the per-row foreign-key checks are switched off, because the generator writes consistent keys. All of it
 * happens inside the seed's transaction, with the same index definitions and the same triggers back before
 * it commits; the summaries those triggers keep are rebuilt once (refresh_club_summary), other triggers fire as usual. The same holds for
 * club_month, rebuilt from the loaded rows before the indexes and checks return (its 935,000 rows would
 * otherwise each be checked against club). Measured on the national seed before club_month was part of it, this
 * took the load from about 110 s to about 30 s. Other roles load with everything on.
 * Returns the step that puts indexes and checks back.
 */
async function prepareBulkLoad(client: Client): Promise<() => Promise<void>> {
  const { rows: role } = await client.query<{ rolsuper: boolean }>('select rolsuper from pg_roles where rolname = current_user');
  if (!role[0]?.rolsuper) return async () => undefined;
  const { rows: checks } = await client.query<{ relname: string; tgname: string }>(
    `select c.relname, t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid
     where t.tgisinternal and t.tgfoid = 'pg_catalog."RI_FKey_check_ins"'::regproc
       and c.relnamespace = current_schema()::regnamespace and c.relname = any($1) order by 1, 2`,
    [BULK_TABLES],
  );
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
     from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
     where t.relnamespace = current_schema()::regnamespace and t.relname = any($1) and not x.indisprimary and not x.indisunique
       and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)
     order by t.relname, i.relname`,
    [BULK_TABLES],
  );
  // Triggers that do nothing during a bulk load (they check ishc.bulk_load) still make COPY keep every row it
  // writes for their transition tables: they are dropped for the load and created again with the indexes.
  const { rows: idle } = await client.query<{ relname: string; tgname: string; definition: string }>(
    `select c.relname, t.tgname, pg_get_triggerdef(t.oid) as definition
     from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc f on f.oid = t.tgfoid
     where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace and c.relname = any($1)
       and f.prosrc like '%ishc.bulk_load%'
     order by 1, 2`,
    [BULK_TABLES],
  );
  // The summaries' triggers would keep every row COPY writes to club and member for their transition tables and
  // update the summaries after each batch: they are dropped for the load and the summaries rebuilt once.
  const { rows: summaries } = await client.query<{ relname: string; tgname: string; definition: string }>(
    `select c.relname, t.tgname, pg_get_triggerdef(t.oid) as definition
     from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc f on f.oid = t.tgfoid
     where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace and c.relname = any($1)
       and f.proname = any($2) and f.pronamespace = current_schema()::regnamespace
     order by 1, 2`,
    [BULK_TABLES, SUMMARY_TRIGGER_FUNCTIONS],
  );
  const dropped = [...idle, ...summaries];
  const run = async (statements: string[]) => {
    for (const sql of statements) await client.query(sql);
  };
  const triggers = (action: 'disable' | 'enable') =>
    checks.map((r) => `alter table ${client.escapeIdentifier(r.relname)} ${action} trigger ${client.escapeIdentifier(r.tgname)}`);
  await run(triggers('disable'));
  await run(dropped.map((t) => `drop trigger ${client.escapeIdentifier(t.tgname)} on ${client.escapeIdentifier(t.relname)}`));
  await run(indexes.map((i) => `drop index ${client.escapeIdentifier(i.name)}`));
  return async () => {
    await client.query(`set local maintenance_work_mem = '256MB'`);
    await run(indexes.map((i) => i.definition));
    await run(dropped.map((t) => t.definition));
    await run(triggers('enable'));
    if (summaries.length > 0) await client.query('select refresh_club_summary()');
  };
}

/** At most one batch loading while the next is generated; a failed COPY surfaces at the next hand-over. */
class LoadPipeline {
  private pending: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(private readonly loader: CopyLoader) {}

  async hand(batch: Batch): Promise<void> {
    await this.drain();
    this.pending = this.loader.load(batch).catch((err: unknown) => {
      this.failure = err;
    });
  }

  async drain(): Promise<void> {
    await this.pending;
    if (this.failure) throw this.failure;
  }
}

/** The provinces and districts (before 2025) and the new provinces (after) whose associations have clubs. */
function associationUnits(plans: ClubPlan[]): AssociationUnits {
  const provinces = new Map<Unit, Set<Unit>>();
  const postProvinces = new Set<Unit>();
  for (const p of plans) {
    if (p.pre) {
      const districts = provinces.get(p.pre.province) ?? new Set<Unit>();
      districts.add(p.pre.district);
      provinces.set(p.pre.province, districts);
    }
    postProvinces.add(p.post.province);
  }
  const byCode = (a: Unit, b: Unit) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return {
    provinces: [...provinces].map(([province, districts]) => ({ province, districts: [...districts].sort(byCode) })).sort((a, b) => byCode(a.province, b.province)),
    postProvinces: [...postProvinces].sort(byCode),
  };
}

function emptyCounts(): Record<TableName, number> {
  return Object.fromEntries(LOAD_ORDER.map((t) => [t, 0])) as Record<TableName, number>;
}

/**
 * Wall time per step of the seed, and the CPU time this process and the PostgreSQL backend spent in it (on a
 * shared machine the CPU times say what a step costs better than its wall time does).
 */
class PhaseClock {
  readonly list: Phase[] = [];
  private last = process.hrtime.bigint();
  private lastCpu = process.cpuUsage();
  private lastBackend: number | null;

  constructor(private readonly backendPid: number | null) {
    this.lastBackend = this.backendCpu();
  }

  end(phase: string): void {
    const now = process.hrtime.bigint();
    const cpu = process.cpuUsage(this.lastCpu);
    const backend = this.backendCpu();
    this.list.push({
      phase,
      seconds: Number(now - this.last) / 1e9,
      nodeCpuSeconds: (cpu.user + cpu.system) / 1e6,
      backendCpuSeconds: backend !== null && this.lastBackend !== null ? backend - this.lastBackend : null,
    });
    this.last = now;
    this.lastCpu = process.cpuUsage();
    this.lastBackend = backend;
  }

  /** The backend's peak resident memory in MiB (VmHWM from /proc), or null when it is not here. */
  backendPeakMiB(): number | null {
    if (!this.backendPid) return null;
    try {
      const kib = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.backendPid}/status`, 'utf8'));
      return kib ? Number(kib[1]) / 1024 : null;
    } catch {
      return null;
    }
  }

  /** utime + stime of the backend from /proc (clock ticks of 1/100 s on Linux), or null when it is not here. */
  private backendCpu(): number | null {
    if (!this.backendPid) return null;
    try {
      const fields = fs.readFileSync(`/proc/${this.backendPid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return null;
    }
  }
}

function elapsed(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
