import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** The only reader of process.env: every setting, typed, validated once. */
const port = (fallback: number) =>
  z
    .string()
    .default(String(fallback))
    .transform((v) => v.trim())
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number'))
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be 1–65535').max(65535, 'must be 1–65535'));

const whole = (fallback: number, min = 1) =>
  z
    .string()
    .default(String(fallback))
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number'))
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`));

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/** Express's trust-proxy names; anything else must be an address or a network (CIDR). */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxy = (entry: string): boolean => {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
};
const proxyList = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
  .refine((entries) => entries.every(isProxy), {
    message: 'must be a comma-separated list of addresses, networks (CIDR) or loopback, linklocal, uniquelocal',
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be a postgres:// or postgresql:// URL',
    }),
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((url) => url.trim()).filter((url) => url !== ''))
    .refine((urls) => urls.every((url) => /^postgres(ql)?:\/\//.test(url)), {
      message: 'must be a comma-separated list of postgres:// or postgresql:// URLs',
    }),
  REPLICA_MAX_LAG_MS: whole(5_000, 0),
  REPLICA_CHECK_MS: whole(200, 10),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: port(5544),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FILE: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined)),
  DEMO_SEED: z.enum(['national', 'small', 'none']).default('national'),
  DB_POOL_MAX: whole(10),
  DB_STATEMENT_TIMEOUT_MS: whole(15_000),
  DB_ANALYTICS_POOL_MAX: whole(7),
  DB_ANALYTICS_STATEMENT_TIMEOUT_MS: whole(15_000),
  DB_ANALYTICS_ACQUIRE_TIMEOUT_MS: whole(30_000),
  HEAVY_REQUESTS_PER_CALLER: whole(2),
  HEAVY_REQUESTS_TOTAL: whole(3),
  HEAVY_REQUEST_COST: whole(5_000),
  REQUEST_TIMEOUT_MS: whole(30_000),
  SHUTDOWN_DRAIN_MS: whole(20_000, 0),
  BODY_LIMIT_KB: whole(100),
  LIMIT_DEPTH: whole(10),
  LIMIT_ALIASES: whole(15),
  LIMIT_DIRECTIVES: whole(10),
  LIMIT_TOKENS: whole(2_000),
  LIMIT_COST: whole(50_000),
  LIMIT_NODES: whole(20_000),
  RATE_LIMIT_COST_PER_MINUTE: whole(500_000),
  ANONYMOUS_INTROSPECTION: flag(true),
  EXPOSE_SQL_COUNT: flag(false),
  TRUSTED_PROXIES: proxyList,
  DEBUG_ERRORS: flag(false),
  REPORT_DEADLINE_DAY: whole(10).pipe(z.number().max(28, 'must be 1–28 (a day every month has)')),
  SESSION_IDLE_MINUTES: whole(30),
  SESSION_ABSOLUTE_HOURS: whole(12),
  SIGN_IN_WINDOW_MINUTES: whole(15),
  SIGN_IN_FAILURES_PER_ACCOUNT: whole(5),
  SIGN_IN_FAILURES_PER_ADDRESS: whole(20),
  INVITE_VALID_HOURS: whole(72),
  // Empty: one per core (one under NODE_ENV=test); see loadConfig.
  HUB_WORKERS: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined))
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(1, 'must be at least 1').max(64, 'must be at most 64')).optional()),
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined))
    .refine((v) => v === undefined || /^rediss?:\/\//.test(v), { message: 'must be a redis:// or rediss:// URL' }),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** An external PostgreSQL; undefined means the embedded one. */
  databaseUrl?: string;
  /**
   * Read replicas (streaming standbys of the primary): reads outside transactions go to one that is up and
   * within maxLagMs, and has replayed the commit position the request carries; otherwise to the primary.
   */
  replicas: { urls: string[]; maxLagMs: number; checkMs: number };
  /** Where the embedded PostgreSQL keeps its data (absolute). */
  dataDir: string;
  embeddedPgPort: number;
  logLevel: string;
  /** Logs go to this file (absolute, owner-only) instead of stdout. */
  logFile?: string;
  /** Demo data loaded on start when the database holds no clubs. */
  demoSeed: 'national' | 'small' | 'none';
  dbPoolMax: number;
  /** Longest a single SQL statement may run. */
  dbStatementTimeoutMs: number;
  /** The analytics pool (indicator tables, exports): its own connections, so they never take the main pool's. */
  analytics: {
    poolMax: number;
    /** Longest an analytics statement may run; past it the request answers QUERY_TIMEOUT (503). */
    statementTimeoutMs: number;
    /** Longest a statement may wait for one of the pool's connections; past it the request answers SERVER_BUSY (503). */
    acquireTimeoutMs: number;
  };
  /** Requests priced at `minCost` or more hold a slot: at most `perCaller` at once per caller, `total` in all. */
  heavyRequests: { perCaller: number; total: number; minCost: number };
  requestTimeoutMs: number;
  /** On SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are closed. */
  shutdownDrainMs: number;
  bodyLimitKb: number;
  limits: {
    depth: number;
    aliases: number;
    directives: number;
    tokens: number;
    cost: number;
    nodes: number;
    /** Cost a key (or, without a key, an address) may spend per minute: GraphQL, indicator tables, exports, imports. */
    costPerMinute: number;
  };
  anonymousIntrospection: boolean;
  /** Monthly club reports are on time when first submitted by this day of the next month. */
  reportDeadlineDay: number;
  /** Count each request's SQL statements: an x-sql-statements header and the access log (diagnostics, benchmarks). */
  exposeSqlCount: boolean;
  /**
   * Proxies whose X-Forwarded-For names the client (express trust-proxy entries). Empty: the header is
   * ignored, so a caller cannot pick the address its rate limit is kept under.
   */
  trustedProxies: string[];
  /** Send stack traces in error responses (local debugging only: they show the hub's code and paths). */
  debugErrors: boolean;
  /** People's accounts: session lifetimes, sign-in throttling, set-password links. */
  people: PeopleSettings;
  /** Worker processes sharing the port (node:cluster); 1 runs the hub in this one process. */
  workers: number;
  /** Where state shared by every process lives (cost budgets): Redis when set, else PostgreSQL. */
  redisUrl?: string;
}

export interface PeopleSettings {
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteHours: number;
  /** Failed sign-ins are counted over this sliding window… */
  signInWindowMinutes: number;
  /** …and past this many for one e-mail, or… */
  failuresPerAccount: number;
  /** …this many from one address, sign-in answers RATE_LIMITED until the oldest leaves the window. */
  failuresPerAddress: number;
  /** How long a set-password link stays valid. */
  inviteHours: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError that lists every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const value = env[name];
      return `${name}=${JSON.stringify(value ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const v = parsed.data;
  return {
    env: v.NODE_ENV,
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    replicas: { urls: v.DATABASE_REPLICA_URLS, maxLagMs: v.REPLICA_MAX_LAG_MS, checkMs: v.REPLICA_CHECK_MS },
    dataDir: path.resolve(cwd, v.DATA_DIR),
    embeddedPgPort: v.EMBEDDED_PG_PORT,
    logLevel: v.LOG_LEVEL,
    logFile: v.LOG_FILE ? path.resolve(cwd, v.LOG_FILE) : undefined,
    demoSeed: v.DEMO_SEED,
    dbPoolMax: v.DB_POOL_MAX,
    dbStatementTimeoutMs: v.DB_STATEMENT_TIMEOUT_MS,
    analytics: { poolMax: v.DB_ANALYTICS_POOL_MAX, statementTimeoutMs: v.DB_ANALYTICS_STATEMENT_TIMEOUT_MS, acquireTimeoutMs: v.DB_ANALYTICS_ACQUIRE_TIMEOUT_MS },
    heavyRequests: { perCaller: v.HEAVY_REQUESTS_PER_CALLER, total: v.HEAVY_REQUESTS_TOTAL, minCost: v.HEAVY_REQUEST_COST },
    requestTimeoutMs: v.REQUEST_TIMEOUT_MS,
    shutdownDrainMs: v.SHUTDOWN_DRAIN_MS,
    bodyLimitKb: v.BODY_LIMIT_KB,
    limits: {
      depth: v.LIMIT_DEPTH,
      aliases: v.LIMIT_ALIASES,
      directives: v.LIMIT_DIRECTIVES,
      tokens: v.LIMIT_TOKENS,
      cost: v.LIMIT_COST,
      nodes: v.LIMIT_NODES,
      costPerMinute: v.RATE_LIMIT_COST_PER_MINUTE,
    },
    anonymousIntrospection: v.ANONYMOUS_INTROSPECTION,
    exposeSqlCount: v.EXPOSE_SQL_COUNT,
    trustedProxies: v.TRUSTED_PROXIES,
    debugErrors: v.DEBUG_ERRORS,
    reportDeadlineDay: v.REPORT_DEADLINE_DAY,
    people: {
      idleMinutes: v.SESSION_IDLE_MINUTES,
      absoluteHours: v.SESSION_ABSOLUTE_HOURS,
      signInWindowMinutes: v.SIGN_IN_WINDOW_MINUTES,
      failuresPerAccount: v.SIGN_IN_FAILURES_PER_ACCOUNT,
      failuresPerAddress: v.SIGN_IN_FAILURES_PER_ADDRESS,
      inviteHours: v.INVITE_VALID_HOURS,
    },
    // Tests start many hubs side by side: one process each unless they ask for more.
    workers: v.HUB_WORKERS ?? (v.NODE_ENV === 'test' ? 1 : os.availableParallelism()),
    redisUrl: v.REDIS_URL,
  };
}
