import { Pool } from 'pg';
import { Logger } from '../logger';
import { onReplicaFailure, parseLsn } from './read-routing';

export interface ReplicaSettings {
  urls: string[];
  /** A replica further behind the primary than this is skipped. */
  maxLagMs: number;
  /** How often each replica's replayed position (and the primary's) is read. */
  checkMs: number;
}

export interface ReplicaState {
  /** The URL without its password. */
  name: string;
  up: boolean;
  /** Last WAL position the replica has replayed, as last read. */
  replayed: bigint | null;
  /** How long ago the primary first held something the replica has not replayed yet (0: caught up). */
  lagMs: number;
  /** Why it is skipped, when it is. */
  skipped: string | null;
}

interface Sample {
  at: number;
  position: bigint;
}

/**
 * Watches the replicas: each check reads the primary's flushed WAL position and each replica's replayed
 * one. A replica that does not answer, is not a standby, or lags more than maxLagMs is skipped (with one
 * warning when that starts, one line when it ends). Requests are routed from these cached readings: no
 * request waits for a check.
 */
export class ReplicaMonitor {
  private readonly primary: Pool;
  private readonly replicas: Pool[];
  readonly states: ReplicaState[];
  /** The primary's positions over the last while, oldest first: lag in time is read off them. */
  private history: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private lastCheckAt = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    primaryUrl: string,
    private readonly settings: ReplicaSettings,
    private readonly logger: Logger,
  ) {
    const timeout = Math.max(1_000, settings.checkMs * 4);
    const pool = (connectionString: string) => {
      const p = new Pool({ connectionString, max: 1, connectionTimeoutMillis: timeout, query_timeout: timeout, idleTimeoutMillis: 0 });
      // A server that goes away errors the idle client; the next check reconnects.
      p.on('error', () => undefined);
      return p;
    };
    this.primary = pool(primaryUrl);
    this.replicas = settings.urls.map(pool);
    this.states = settings.urls.map((url) => ({ name: redact(url), up: false, replayed: null, lagMs: Infinity, skipped: 'not checked yet' }));
  }

  /** The first check completes before this resolves, so routing starts from real readings. */
  async start(): Promise<void> {
    this.unsubscribe = onReplicaFailure((index, reason) => {
      const state = this.states[index];
      if (state) this.update(state, false, state.replayed, state.lagMs, `unreachable: ${reason}`);
    });
    await this.check();
    this.timer = setInterval(() => void this.check(), this.settings.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await Promise.all([this.primary.end(), ...this.replicas.map((r) => r.end())]);
  }

  /**
   * The replica for a request: one that is up, within the lag limit and, when the request carries a commit
   * position, has replayed at least that far; null (the primary) when none qualifies.
   */
  choose(position: bigint | null): number | null {
    // Readings older than a few checks (the monitor is stuck on a hung server) are not trusted.
    if (Date.now() - this.lastCheckAt > this.settings.checkMs * 4 + 1_000) return null;
    const eligible: number[] = [];
    this.states.forEach((state, i) => {
      if (!state.up || state.replayed === null) return;
      if (position !== null && state.replayed < position) return;
      eligible.push(i);
    });
    if (eligible.length === 0) return null;
    return eligible[Math.floor(Math.random() * eligible.length)];
  }

  /** One round of readings (overlapping rounds are not started). */
  check(): Promise<void> {
    this.checking ??= this.readAll().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async readAll(): Promise<void> {
    const [primary, ...replicas] = await Promise.allSettled([
      this.primary.query<{ position: string }>('select pg_current_wal_flush_lsn()::text as position'),
      ...this.replicas.map((r) =>
        r.query<{ standby: boolean; replayed: string | null }>('select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replayed'),
      ),
    ]);
    const now = Date.now();
    if (primary.status === 'fulfilled') {
      this.history.push({ at: now, position: parseLsn(primary.value.rows[0].position)! });
      // Keep enough history to tell a lag a little past the limit.
      const horizon = now - this.settings.maxLagMs * 2 - this.settings.checkMs * 2;
      while (this.history.length > 1 && this.history[0].at < horizon) this.history.shift();
    }
    replicas.forEach((result, i) => {
      const state = this.states[i];
      if (result.status === 'rejected') {
        this.update(state, false, null, Infinity, `unreachable: ${(result.reason as Error).message}`);
        return;
      }
      const { standby, replayed } = result.value.rows[0];
      if (!standby) {
        this.update(state, false, null, Infinity, 'not a standby (pg_is_in_recovery() is false)');
        return;
      }
      const position = parseLsn(replayed);
      const lagMs = position === null ? Infinity : this.lagOf(position, now);
      const within = lagMs <= this.settings.maxLagMs;
      this.update(state, within, position, lagMs, within ? null : `lagging ${Number.isFinite(lagMs) ? `${lagMs} ms` : 'without a replayed position'} (limit ${this.settings.maxLagMs} ms)`);
    });
    this.lastCheckAt = now;
  }

  /** Time since the primary first held WAL past what the replica has replayed (0 when caught up). */
  private lagOf(replayed: bigint, now: number): number {
    const firstAhead = this.history.find((sample) => sample.position > replayed);
    return firstAhead ? now - firstAhead.at : 0;
  }

  private update(state: ReplicaState, up: boolean, replayed: bigint | null, lagMs: number, skipped: string | null): void {
    const was = state.up;
    const wasReason = state.skipped;
    state.up = up;
    state.replayed = replayed;
    state.lagMs = lagMs;
    state.skipped = skipped;
    if (was && !up) this.logger.warn({ replica: state.name, reason: skipped }, 'read replica skipped: reads go to the primary');
    else if (!was && up) this.logger.info({ replica: state.name, lagMs }, 'read replica in use');
    else if (!up && wasReason === 'not checked yet') this.logger.warn({ replica: state.name, reason: skipped }, 'read replica skipped: reads go to the primary');
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):([^@/]*)@/, '//$1:***@');
}
