import Redis from 'ioredis';
import { Pool } from 'pg';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis } from 'rate-limiter-flexible';
import { Logger } from '../logger';
import { BatchedBudget, Budget } from './batched-budget';

/**
 * State that every process of every hub instance must agree on: today, budgets per caller and window. It lives
 * in PostgreSQL (the rate_limit table), or in Redis when REDIS_URL is set. Keys and sessions need nothing here:
 * both are read from PostgreSQL, and the keys a process keeps in memory are dropped on PostgreSQL's notification
 * (see VerifiedKeys).
 */
export interface SharedState {
  readonly store: 'postgres' | 'redis';
  /**
   * `points` per `seconds` for each caller, counted in the shared store: two instances never give a caller twice
   * its budget. While the store cannot be reached, each process counts on its own (a budget per process) rather
   * than refuse every request. Charges reach the store in batches (see BatchedBudget).
   */
  budget(name: string, points: number, seconds: number): Budget;
  close(): Promise<void>;
}

/** Charges are single-row upserts of a fraction of a millisecond; a couple of connections serve thousands a second. */
const POSTGRES_POOL_MAX = 2;
/** Longest a charge waits for the store before counting in memory instead. */
const STORE_TIMEOUT_MS = 1_000;
/** Redis must answer at start: a wrong REDIS_URL is a configuration error, not something to find out later. */
const REDIS_CONNECT_TIMEOUT_MS = 5_000;

export async function openSharedState(options: { databaseUrl: string; redisUrl?: string; logger: Logger }): Promise<SharedState> {
  return options.redisUrl ? openRedis(options.redisUrl, options.logger) : openPostgres(options.databaseUrl, options.logger);
}

/** Past the budget, the process answers from memory until the window ends: a flood costs the store nothing. */
const common = (name: string, points: number, seconds: number) => ({
  keyPrefix: name,
  points,
  duration: seconds,
  inMemoryBlockOnConsumed: points,
  insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration: seconds }),
});

function openPostgres(databaseUrl: string, logger: Logger): SharedState {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: POSTGRES_POOL_MAX,
    application_name: 'ishc-hub shared state',
    // Like Redis: a charge that cannot be counted in time is counted in memory, never left waiting.
    connectionTimeoutMillis: STORE_TIMEOUT_MS,
    statement_timeout: STORE_TIMEOUT_MS,
  });
  pool.on('error', (err) => logger.warn({ err }, 'shared state: an idle PostgreSQL connection failed'));
  const budgets: BatchedBudget[] = [];
  return {
    store: 'postgres',
    budget: (name, points, seconds) =>
      batched(budgets, new RateLimiterPostgres({ ...common(name, points, seconds), storeClient: pool, storeType: 'pool', tableName: 'rate_limit', tableCreated: true }), points),
    async close() {
      await Promise.all(budgets.map((b) => b.flush()));
      await pool.end();
    },
  };
}

async function openRedis(redisUrl: string, logger: Logger): Promise<SharedState> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    // A charge never queues behind a lost connection: it fails at once and is counted in memory.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: STORE_TIMEOUT_MS,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let lost = false;
  redis.on('error', (err) => {
    if (lost) return;
    lost = true;
    logger.warn({ err }, 'shared state: Redis unreachable; each process counts budgets on its own until it is back');
  });
  redis.on('ready', () => {
    if (lost) logger.info('shared state: Redis is back');
    lost = false;
  });
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new Error(`Cannot connect to Redis at ${redactRedisUrl(redisUrl)}: ${(err as Error).message}`);
  }
  const budgets: BatchedBudget[] = [];
  return {
    store: 'redis',
    budget: (name, points, seconds) =>
      batched(budgets, new RateLimiterRedis({ ...common(name, points, seconds), storeClient: redis, rejectIfRedisNotReady: true }), points),
    async close() {
      await Promise.all(budgets.map((b) => b.flush()));
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** A store's limiter behind batched charges, remembered so that close() can send what is pending. */
function batched(budgets: BatchedBudget[], limiter: RateLimiterAbstract, points: number): Budget {
  const budget = new BatchedBudget(limiter, points);
  budgets.push(budget);
  return budget;
}

function redactRedisUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):([^@/]*)@/, '//$1:***@');
}
