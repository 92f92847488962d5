import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Viewer } from './auth/viewer';
import { Config } from './config';
import { ErrorCode } from './errors';
import { tooComplex } from './graphql/limits';
import { Budget } from './runtime/batched-budget';

/** Who spends a budget and holds slots: a key, or an address for callers without one. */
export function callerOf(viewer: Viewer, clientAddress: string): string {
  if (viewer.accountId != null) return `account:${viewer.accountId}`;
  return viewer.keyId !== null ? `key:${viewer.keyId}` : `ip:${clientAddress}`;
}

/** The cost budget is per caller and this many seconds. */
export const COST_WINDOW_SECONDS = 60;

/** A heavy slot frees when a table or an import finishes: seconds, not minutes. */
const BUSY_RETRY_SECONDS = 5;
/** PostgreSQL's query_canceled: the statement timeout (or a cancel) stopped the statement. */
const QUERY_CANCELED = '57014';

/** An error a client should retry after a while: its code, and the HTTP status and Retry-After GraphQL sends. */
function retryLater(code: ErrorCode, status: 429 | 503, message: string, seconds: number, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, retryAfterSeconds: seconds, ...extensions, http: { status, headers: new Map([['retry-after', String(seconds)]]) } },
  });
}

const REFUSALS: ReadonlySet<unknown> = new Set([ErrorCode.RATE_LIMITED, ErrorCode.SERVER_BUSY, ErrorCode.QUERY_TIMEOUT, ErrorCode.QUERY_TOO_COMPLEX]);

export interface Refusal {
  status: number;
  error: { code: string; message: string; retryAfterSeconds?: number };
}

/** An admission refusal as the export and import routes answer it (GraphQL reads the error's `http` extension). */
export function admissionRefusal(err: unknown): Refusal | null {
  if (!(err instanceof GraphQLError) || !REFUSALS.has(err.extensions.code)) return null;
  const { code, retryAfterSeconds, http } = err.extensions as { code: string; retryAfterSeconds?: number; http?: { status?: number } };
  return {
    status: http?.status ?? 400,
    error: { code, message: err.message, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) },
  };
}

/**
 * Admission of work into the hub, one per process: a cost budget per caller and minute (spent by GraphQL
 * operations, indicator tables, exports and imports), slots for heavy requests (per caller and in all), and the
 * analytics pool, so that heavy reads never take the main pool's connections from writes, key checks or /healthz.
 * The budget is counted where every process sees it (see SharedState; `budget`); the slots guard this process's
 * own analytics connections and are counted here.
 */
export class Admission {
  private readonly budget: Budget;
  private readonly running = new Map<string, number>();
  private runningTotal = 0;

  /** `budget`: a limiter of `limits.costPerMinute` points a minute; default, one in this process's memory (tools). */
  constructor(
    private readonly config: Pick<Config, 'limits' | 'heavyRequests' | 'analytics'>,
    private readonly analyticsOrm: MikroORM,
    budget?: Budget,
  ) {
    this.budget = budget ?? new RateLimiterMemory({ points: config.limits.costPerMinute, duration: COST_WINDOW_SECONDS });
  }

  /**
   * Spends `cost` from the caller's budget for the minute. Over it: RATE_LIMITED (429) with Retry-After; a cost
   * above the whole budget could never be served, so it is QUERY_TOO_COMPLEX.
   */
  async charge(caller: string, cost: number): Promise<void> {
    const perMinute = this.config.limits.costPerMinute;
    if (cost > perMinute) {
      throw tooComplex(`This request costs ${cost}, more than the ${perMinute} a minute allows: ask for less at once`, cost, perMinute, 'costPerMinute');
    }
    try {
      await this.budget.consume(caller, Math.max(1, Math.ceil(cost)));
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw retryLater(ErrorCode.RATE_LIMITED, 429, `Rate limit: this request costs ${cost}; the budget is ${perMinute} per minute. Retry in ${seconds} s`, seconds, {
        limit: 'cost',
      });
    }
  }

  /** Heavy requests running in this process now (indicator tables, exports, imports holding a slot). */
  get heavyRunning(): number {
    return this.runningTotal;
  }

  /**
   * Runs work priced at `minCost` or more in a slot: at most `perCaller` at once for one caller (over it:
   * RATE_LIMITED, 429) and `total` in all (over it: SERVER_BUSY, 503). The work is charged `cost` once it has its
   * slot, and told it is heavy. Cheaper work (a dashboard's handful of small tables, loaded side by side) is
   * charged and runs at once.
   */
  async heavy<T>(caller: string, cost: number, work: (heavy: boolean) => Promise<T>): Promise<T> {
    const { perCaller, total, minCost } = this.config.heavyRequests;
    if (cost < minCost) {
      await this.charge(caller, cost);
      return work(false);
    }
    const mine = this.running.get(caller) ?? 0;
    if (mine >= perCaller) {
      throw retryLater(ErrorCode.RATE_LIMITED, 429, `At most ${perCaller} heavy requests (indicator tables, exports, imports) run at once per key: wait for one to finish`, BUSY_RETRY_SECONDS, {
        limit: 'concurrency',
      });
    }
    if (this.runningTotal >= total) {
      throw retryLater(ErrorCode.SERVER_BUSY, 503, `The hub is computing as many heavy requests as it may (${total}); retry shortly`, BUSY_RETRY_SECONDS);
    }
    this.running.set(caller, mine + 1);
    this.runningTotal += 1;
    try {
      await this.charge(caller, cost);
      return await work(true);
    } finally {
      this.runningTotal -= 1;
      const left = (this.running.get(caller) ?? 1) - 1;
      if (left > 0) this.running.set(caller, left);
      else this.running.delete(caller);
    }
  }

  /**
   * Work on the analytics pool (its own connections and statement timeout), admitted as `heavy` admits it. A
   * statement stopped by the timeout answers QUERY_TIMEOUT (503), one that waited too long for a connection
   * SERVER_BUSY (503): never an internal error.
   */
  analytics<T>(caller: string, cost: number, work: (em: EntityManager, heavy: boolean) => Promise<T>): Promise<T> {
    return this.heavy(caller, cost, async (heavy) => {
      try {
        return await work(this.analyticsOrm.em.fork(), heavy);
      } catch (err) {
        // Every connection of the pool stayed taken for DB_ANALYTICS_ACQUIRE_TIMEOUT_MS: busy, not broken.
        if ((err as Error).name === 'KnexTimeoutError') {
          throw retryLater(ErrorCode.SERVER_BUSY, 503, 'The hub is computing as many tables as its analytics connections allow; retry shortly', BUSY_RETRY_SECONDS);
        }
        if ((err as { code?: unknown }).code !== QUERY_CANCELED) throw err;
        const seconds = Math.ceil(this.config.analytics.statementTimeoutMs / 1000);
        throw retryLater(
          ErrorCode.QUERY_TIMEOUT,
          503,
          `The computation took longer than the ${seconds} s allowed: ask for fewer periods, dimensions or indicators, or retry when the hub is less busy`,
          seconds,
        );
      }
    });
  }
}
